import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NicTraffic, PcapTally } from './nicTraffic';

const dir = mkdtempSync(path.join(tmpdir(), 'nic-traffic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A pcap file's global header, as QEMU's filter-dump writes it (maxlen 1). */
const header = (littleEndian = true) => {
  const b = Buffer.alloc(24);
  const u32 = (v: number, at: number) =>
    littleEndian ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at);
  u32(0xa1b2c3d4, 0);
  b.writeUInt16LE(2, 4);
  b.writeUInt16LE(4, 6);
  u32(1, 16);
  u32(1, 20);
  return b;
};
/** A record: 16-byte header (caplen, original length) and the captured byte. */
const record = (length: number, littleEndian = true) => {
  const b = Buffer.alloc(17);
  const u32 = (v: number, at: number) =>
    littleEndian ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at);
  u32(1, 8);
  u32(length, 12);
  return b;
};

describe('PcapTally', () => {
  it('sums the original lengths of the frames, reading on from where it stopped', async () => {
    const file = path.join(dir, 'a.pcap');
    const tally = new PcapTally(file);
    await tally.update(); // not there yet
    expect(tally.packets).toBe(0);
    writeFileSync(file, Buffer.concat([header(), record(590), record(60)]));
    await tally.update();
    expect([tally.packets, tally.bytes]).toEqual([2, 650]);
    // Half a record (QEMU mid-write) waits for its other half.
    const next = record(640);
    appendFileSync(file, next.subarray(0, 10));
    await tally.update();
    expect([tally.packets, tally.bytes]).toEqual([2, 650]);
    appendFileSync(file, next.subarray(10));
    await tally.update();
    expect([tally.packets, tally.bytes]).toEqual([3, 1290]);
  });

  it('reads a big-endian file and refuses one that is not pcap', async () => {
    const file = path.join(dir, 'be.pcap');
    writeFileSync(file, Buffer.concat([header(false), record(100, false), record(42, false)]));
    const tally = new PcapTally(file);
    await tally.update();
    expect([tally.packets, tally.bytes]).toEqual([2, 142]);
    const junk = path.join(dir, 'junk.pcap');
    writeFileSync(junk, Buffer.alloc(64, 7));
    await expect(new PcapTally(junk).update()).rejects.toThrow(/not a pcap file/);
  });
});

/** QMP standing in for QEMU: object-add of a filter-dump creates its file, as QEMU does. */
const fakeQemu = () => {
  const filters = new Map<string, { file: string; netdev: string; queue: string }>();
  const commands: string[] = [];
  return {
    filters,
    commands,
    execute: async <T>(command: string, args: Record<string, unknown> = {}) => {
      commands.push(`${command} ${String(args.id)}`);
      if (command === 'object-add') {
        if (args.netdev === 'missing-backend')
          throw new Error("Device 'missing-backend' not found");
        filters.set(String(args.id), {
          file: String(args.file),
          netdev: String(args.netdev),
          queue: String(args.queue),
        });
        writeFileSync(String(args.file), header());
      } else if (command === 'object-del') {
        if (!filters.delete(String(args.id)))
          throw new Error(`object '${String(args.id)}' not found`);
      }
      return {} as T;
    },
    /** Frames of `length` bytes through a backend's queue (`tx`: to the guest). */
    send(netdev: string, queue: 'rx' | 'tx', ...lengths: number[]) {
      for (const filter of filters.values())
        if (filter.netdev === netdev && filter.queue === queue)
          appendFileSync(filter.file, Buffer.concat(lengths.map((l) => record(l))));
    },
  };
};

describe('NicTraffic', () => {
  const nic = { name: 'default', id: 'ua-net-default', netdev: 'ua-net-default-backend' };
  const blue = { name: 'blue', id: 'ua-net-blue', netdev: 'ua-net-blue-backend' };

  it('counts each NIC both ways under its VMI name', async () => {
    const qemu = fakeQemu();
    const traffic = new NicTraffic(qemu, mkdtempSync(path.join(dir, 'run-')));
    await traffic.track([nic, blue]);
    expect([...qemu.filters.values()].map((f) => `${f.netdev} ${f.queue}`).sort()).toEqual([
      'ua-net-blue-backend rx',
      'ua-net-blue-backend tx',
      'ua-net-default-backend rx',
      'ua-net-default-backend tx',
    ]);
    qemu.send(nic.netdev, 'tx', 590, 700); // the backend sends: the guest receives
    qemu.send(nic.netdev, 'rx', 342);
    qemu.send(blue.netdev, 'rx', 98, 98);
    expect(await traffic.read()).toEqual([
      { interface: 'default', rxBytes: 1290, txBytes: 342, rxPackets: 2, txPackets: 1 },
      { interface: 'blue', rxBytes: 0, txBytes: 196, rxPackets: 0, txPackets: 2 },
    ]);
  });

  it('adds NICs that appear, forgets those that go, and retries one whose backend is missing', async () => {
    const qemu = fakeQemu();
    const traffic = new NicTraffic(qemu, mkdtempSync(path.join(dir, 'run-')));
    const late = { name: 'late', id: 'ua-net-late', netdev: 'missing-backend' };
    await traffic.track([nic, late]);
    expect((await traffic.read()).map((n) => n.interface)).toEqual(['default']);
    const files = [...qemu.filters.values()].map((f) => f.file);
    await traffic.track([blue]);
    expect((await traffic.read()).map((n) => n.interface)).toEqual(['blue']);
    expect(files.some(existsSync)).toBe(false);
    await traffic.close();
    expect(qemu.filters.size).toBe(0);
  });

  it('starts a fresh file past the size bound and keeps the totals', async () => {
    const qemu = fakeQemu();
    const traffic = new NicTraffic(qemu, mkdtempSync(path.join(dir, 'run-')), 24 + 17 * 3);
    await traffic.track([nic]);
    qemu.send(nic.netdev, 'tx', 100, 100, 100, 100);
    expect((await traffic.read())[0]).toMatchObject({ rxBytes: 400, rxPackets: 4 });
    const rx = [...qemu.filters.values()].find((f) => f.queue === 'tx');
    expect(rx?.file).toMatch(/ua-net-default\.tx\.2\.pcap$/);
    qemu.send(nic.netdev, 'tx', 50);
    expect((await traffic.read())[0]).toMatchObject({ rxBytes: 450, rxPackets: 5 });
  });
});
