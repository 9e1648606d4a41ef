import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { SecondaryNetworks } from './secondaryNetworks';
import { UdpSwitch } from './udpSwitch';

/** A NIC's end of a tunnel: a UDP socket on 127.0.0.1 that records the frames it gets. */
const nic = async () => {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const frames: Buffer[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (frame) => {
    frames.push(frame);
    waiters.splice(0).forEach((wake) => wake());
  });
  return {
    socket,
    port: socket.address().port,
    frames,
    /** Resolves once `count` frames have arrived. */
    received: (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => (frames.length >= count ? resolve() : waiters.push(check));
        check();
      }),
    send: (to: number, frame: Buffer) =>
      new Promise<void>((resolve) => socket.send(frame, to, '127.0.0.1', () => resolve())),
  };
};

const mac = (text: string) => Buffer.from(text.replaceAll(':', ''), 'hex');
const frame = (dst: string, src: string, payload: string) =>
  Buffer.concat([mac(dst), mac(src), Buffer.from([0x08, 0x00]), Buffer.from(payload)]);

const A = '02:7e:00:00:00:0a';
const B = '02:7e:00:00:00:0b';
const BROADCAST = 'ff:ff:ff:ff:ff:ff';

describe('UdpSwitch', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0)) await step();
  });

  it('floods broadcasts, learns source MACs and then forwards unicast to one port only', async () => {
    const hub = await UdpSwitch.start();
    const [a, b, c] = [await nic(), await nic(), await nic()];
    cleanup.push(() => hub.close(), ...[a, b, c].map((n) => () => n.socket.close()));
    for (const n of [a, b, c]) hub.attach(n.port);

    // A broadcasts (an ARP request would): B and C get it, A does not get it back.
    await a.send(hub.port, frame(BROADCAST, A, 'who-has'));
    await Promise.all([b.received(1), c.received(1)]);
    expect(b.frames[0]?.subarray(14).toString()).toBe('who-has');
    expect(hub.portOf(A)).toBe(a.port);

    // B answers A: A's port is known, so only A gets it.
    await b.send(hub.port, frame(A, B, 'is-at'));
    await a.received(1);
    expect(a.frames[0]?.subarray(14).toString()).toBe('is-at');
    // A unicast to B, now learnt too.
    await a.send(hub.port, frame(B, A, 'ping'));
    await b.received(2);
    expect(b.frames[1]?.subarray(14).toString()).toBe('ping');
    expect(c.frames).toHaveLength(1);
    expect(hub.stats).toMatchObject({ received: 3, sent: 4, dropped: 0 });
  });

  it('drops frames from ports that are not attached, and forgets a detached port', async () => {
    const hub = await UdpSwitch.start();
    const [a, b, stranger] = [await nic(), await nic(), await nic()];
    cleanup.push(() => hub.close(), ...[a, b, stranger].map((n) => () => n.socket.close()));
    hub.attach(a.port);
    hub.attach(b.port);
    await stranger.send(hub.port, frame(BROADCAST, A, 'spoof'));
    await a.send(hub.port, frame(BROADCAST, A, 'hello'));
    await b.received(1);
    expect(b.frames.map((f) => f.subarray(14).toString())).toEqual(['hello']);
    expect(hub.stats.dropped).toBe(1);
    hub.detach(a.port);
    expect(hub.portOf(A)).toBeUndefined();
  });

  it('gives each network its own segment, closed when the last NIC leaves', async () => {
    const networks = new SecondaryNetworks();
    cleanup.push(() => networks.closeAll());
    const one = await networks.attach('default/blue');
    const two = await networks.attach('default/blue');
    const other = await networks.attach('default/red');
    expect(one.remotePort).toBe(two.remotePort);
    expect(other.remotePort).not.toBe(one.remotePort);
    expect(one.localPort).not.toBe(two.localPort);
    expect((await networks.segment('default/blue'))?.attached.sort()).toEqual(
      [one.localPort, two.localPort].sort(),
    );
    await one.release();
    await two.release();
    expect(await networks.segment('default/blue')).toBeUndefined();
    expect(await networks.segment('default/red')).toBeDefined();
  });
});
