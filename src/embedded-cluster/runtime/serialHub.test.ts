import { join } from 'node:path';
import { SerialHub } from './serialHub';
import { collect, eventually, type FakeServer, listenUnix, tempDir } from './testSupport';

describe('SerialHub scroll-back and fan-out', () => {
  it('gives late subscribers the scroll-back, then live output', () => {
    const hub = new SerialHub('/nonexistent');
    hub.push(Buffer.from('boot log\r\n'));
    const early: Buffer[] = [];
    hub.subscribe((chunk) => early.push(chunk));
    hub.push(Buffer.from('[vm]# '));
    const late: Buffer[] = [];
    hub.subscribe((chunk) => late.push(chunk));
    hub.push(Buffer.from('more'));
    expect(Buffer.concat(early).toString()).toBe('boot log\r\n[vm]# more');
    expect(late.map((chunk) => chunk.toString())).toEqual(['boot log\r\n[vm]# ', 'more']);
    hub.close();
  });

  it('can subscribe without replay, and unsubscribe', () => {
    const hub = new SerialHub('/nonexistent');
    hub.push(Buffer.from('old'));
    const seen: string[] = [];
    const unsubscribe = hub.subscribe((chunk) => seen.push(chunk.toString()), { replay: false });
    hub.push(Buffer.from('new'));
    unsubscribe();
    hub.push(Buffer.from('gone'));
    expect(seen).toEqual(['new']);
    expect(hub.subscriberCount).toBe(0);
    hub.close();
  });

  it('keeps only the last scrollbackBytes, binary-safe', () => {
    const hub = new SerialHub('/nonexistent', { scrollbackBytes: 8 });
    hub.push(Buffer.from([0x00, 0xff, 0x1b, 0x5b]));
    hub.push(Buffer.from([1, 2, 3, 4, 5, 6]));
    expect([...hub.scrollback()]).toEqual([0x1b, 0x5b, 1, 2, 3, 4, 5, 6]);
    hub.push(Buffer.alloc(20, 7));
    expect(hub.scrollback()).toEqual(Buffer.alloc(8, 7));
    expect(hub.mark()).toBe(30);
    hub.close();
  });

  it('a throwing subscriber does not starve the others', () => {
    const hub = new SerialHub('/nonexistent');
    const seen: string[] = [];
    hub.subscribe(() => {
      throw new Error('broken client');
    });
    hub.subscribe((chunk) => seen.push(chunk.toString()));
    hub.push(Buffer.from('x'));
    expect(seen).toEqual(['x']);
    hub.close();
  });

  it('waitFor matches past output, or output after a mark', async () => {
    const hub = new SerialHub('/nonexistent');
    hub.push(Buffer.from('hello-42\r\n'));
    await expect(hub.waitFor(/hello-(\d+)/)).resolves.toMatchObject({ 1: '42' });
    const mark = hub.mark();
    const next = hub.waitFor(/hello-(\d+)/, { since: mark, timeoutMs: 1_000 });
    setTimeout(() => hub.push(Buffer.from('hel')), 10);
    setTimeout(() => hub.push(Buffer.from('lo-43\r\n')), 20);
    await expect(next).resolves.toMatchObject({ 1: '43' });
    await expect(hub.waitFor('nothing', { timeoutMs: 30 })).rejects.toThrow(/did not appear/);
    const pending = hub.waitFor('never', { timeoutMs: 5_000 });
    hub.close();
    await expect(pending).rejects.toThrow(/closed/);
  });
});

describe('SerialHub over a unix socket', () => {
  let dir: ReturnType<typeof tempDir>;
  let server: FakeServer | undefined;
  let hub: SerialHub | undefined;

  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    hub?.close();
    await server?.close();
    server = undefined;
    dir.remove();
  });

  it('connects once the socket appears, records output and forwards input', async () => {
    const path = join(dir.path, 'serial.sock');
    hub = new SerialHub(path, { retryMs: 10 });
    const started = hub.start(2_000);
    hub.write('queued\n'); // written before the connection: delivered once connected
    await new Promise((resolve) => setTimeout(resolve, 50));
    server = await listenUnix(path);
    const guest = await server.nextConnection();
    await started;
    const input = collect(guest);
    guest.write(Buffer.from([0x1b, 0x5b, 0x36, 0x6e, 0x00, 0xff]));
    await eventually(() => hub!.scrollback().length === 6);
    expect([...hub.scrollback()]).toEqual([0x1b, 0x5b, 0x36, 0x6e, 0x00, 0xff]);
    hub.write(Buffer.from([0x03]));
    await eventually(() => input.data().length === 8);
    expect(input.data()).toEqual(Buffer.concat([Buffer.from('queued\n'), Buffer.from([3])]));
  });

  it('reconnects when the connection drops, keeping the scroll-back', async () => {
    const path = join(dir.path, 'serial.sock');
    server = await listenUnix(path);
    hub = new SerialHub(path, { retryMs: 10 });
    await hub.start(2_000);
    const first = await server.nextConnection();
    first.write('before ');
    await eventually(() => hub!.text() === 'before ');
    const disconnected = new Promise<void>((resolve) => hub!.once('disconnect', () => resolve()));
    first.destroy();
    await disconnected;
    const second = await server.nextConnection();
    second.write('after');
    await eventually(() => hub!.text() === 'before after');
    expect(hub.connected).toBe(true);
  });

  it('start() rejects when the socket never comes', async () => {
    hub = new SerialHub(join(dir.path, 'never.sock'), { retryMs: 10 });
    await expect(hub.start(100)).rejects.toThrow(/not connected within/);
  });
});
