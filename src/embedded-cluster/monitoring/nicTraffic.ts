// Per-NIC traffic of a QEMU guest. QEMU's user-mode and dgram network backends keep no
// counters, so each NIC's backend gets two `filter-dump` objects (QMP `object-add`): one per
// direction, writing a pcap record (its original length, 1 byte of data) per frame. Summing
// the records' lengths gives the bytes the guest's own interface counts (measured equal to
// /sys/class/net/ethN/statistics). A file that grows past a bound is started afresh.
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Qmp } from './guestMemory';

export interface NicCounters {
  rxBytes: number;
  txBytes: number;
  rxPackets: number;
  txPackets: number;
}

const GLOBAL_HEADER = 24;
const RECORD_HEADER = 16;
const MAGICS = [0xa1b2c3d4, 0xa1b23c4d]; // microsecond and nanosecond pcap
const CHUNK = 1 << 20;

/** Reads a pcap file as it grows, from where it left off: frames and their original bytes. */
export class PcapTally {
  bytes = 0;
  packets = 0;
  /** Where the next unread record starts (complete records only are consumed). */
  offset = 0;
  private littleEndian = true;

  constructor(readonly file: string) {}

  async update(): Promise<void> {
    const handle = await open(this.file, 'r').catch(() => undefined);
    if (!handle) return; // not created yet
    try {
      const { size } = await handle.stat();
      if (this.offset === 0) {
        if (size < GLOBAL_HEADER) return;
        const header = Buffer.alloc(GLOBAL_HEADER);
        await handle.read(header, 0, GLOBAL_HEADER, 0);
        this.littleEndian = MAGICS.includes(header.readUInt32LE(0));
        if (!this.littleEndian && !MAGICS.includes(header.readUInt32BE(0)))
          throw new Error(`${this.file} is not a pcap file`);
        this.offset = GLOBAL_HEADER;
      }
      while (size - this.offset >= RECORD_HEADER) {
        const length = Math.min(CHUNK, size - this.offset);
        const chunk = Buffer.alloc(length);
        const { bytesRead } = await handle.read(chunk, 0, length, this.offset);
        const consumed = this.consume(chunk.subarray(0, bytesRead));
        if (consumed === 0) break; // a record larger than the chunk, or one half written
        this.offset += consumed;
      }
    } finally {
      await handle.close();
    }
  }

  /** Counts the complete records at the start of `data`; returns the bytes they take. */
  private consume(data: Buffer): number {
    const u32 = (at: number) => (this.littleEndian ? data.readUInt32LE(at) : data.readUInt32BE(at));
    let at = 0;
    while (data.length - at >= RECORD_HEADER) {
      const captured = u32(at + 8);
      if (data.length - at < RECORD_HEADER + captured) break;
      this.bytes += u32(at + 12);
      this.packets += 1;
      at += RECORD_HEADER + captured;
    }
    return at;
  }
}

/** The `object-add` arguments of a filter-dump on a NIC backend's queue. */
export const filterDump = (id: string, netdev: string, queue: 'rx' | 'tx', file: string) => ({
  'qom-type': 'filter-dump',
  id,
  netdev,
  queue,
  file,
  maxlen: 1,
});

/** A NIC to count: its name in the VMI, its QEMU device id and its backend's id. */
export interface TrackedNic {
  name: string;
  id: string;
  netdev: string;
}

/**
 * One traffic direction of a NIC. The guest receives what its backend sends (QEMU's `tx`
 * queue of the netdev) and transmits what the backend receives (`rx`).
 */
class Direction {
  private tally?: PcapTally;
  private generation = 0;
  /** Bytes and frames of the files already finished. */
  private carried = { bytes: 0, packets: 0 };

  constructor(
    private readonly qmp: Qmp,
    private readonly dir: string,
    private readonly nic: TrackedNic,
    private readonly queue: 'rx' | 'tx',
  ) {}

  private get filterId() {
    return `${this.nic.id}-count-${this.queue}`;
  }

  async start() {
    const file = join(this.dir, `${this.nic.id}.${this.queue}.${++this.generation}.pcap`);
    await this.qmp.execute(
      'object-add',
      filterDump(this.filterId, this.nic.netdev, this.queue, file),
    );
    this.tally = new PcapTally(file);
  }

  /** Removes the filter (gone already when the backend was deleted) and its file. */
  async stop() {
    await this.qmp.execute('object-del', { id: this.filterId }).catch(() => undefined);
    const tally = this.tally;
    this.tally = undefined;
    if (tally) {
      await tally.update().catch(() => undefined);
      this.carried.bytes += tally.bytes;
      this.carried.packets += tally.packets;
      await rm(tally.file, { force: true });
    }
  }

  async read(maxFileBytes: number) {
    await this.tally?.update();
    // A fresh file once this one is large: frames in between the two filters go uncounted.
    if (this.tally && this.tally.offset > maxFileBytes) {
      await this.stop();
      await this.start();
    }
    return {
      bytes: this.carried.bytes + (this.tally?.bytes ?? 0),
      packets: this.carried.packets + (this.tally?.packets ?? 0),
    };
  }
}

/** The traffic counters of one QEMU process's NICs. */
export class NicTraffic {
  private readonly nics = new Map<string, { nic: TrackedNic; rx: Direction; tx: Direction }>();
  /** Operations run one at a time (QMP objects are added and removed between reads). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly qmp: Qmp,
    /** Where the pcap files go (the process's run directory). */
    private readonly dir: string,
    private readonly maxFileBytes = 4 << 20,
  ) {}

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Counts exactly these NICs: filters for new ones, the end of those no longer listed. A NIC
   * whose backend is not there (yet) is left for the next call.
   */
  track(nics: TrackedNic[]): Promise<void> {
    return this.serial(async () => {
      for (const [id, tracked] of this.nics) {
        if (nics.some((nic) => nic.id === id && nic.netdev === tracked.nic.netdev)) continue;
        this.nics.delete(id);
        await Promise.all([tracked.rx.stop(), tracked.tx.stop()]);
      }
      for (const nic of nics) {
        if (this.nics.has(nic.id)) continue;
        const rx = new Direction(this.qmp, this.dir, nic, 'tx');
        const tx = new Direction(this.qmp, this.dir, nic, 'rx');
        try {
          await rx.start();
          await tx.start();
          this.nics.set(nic.id, { nic, rx, tx });
        } catch {
          await Promise.all([rx.stop(), tx.stop()]);
        }
      }
    });
  }

  /** Ends every count and removes the files (the process is going away). */
  close(): Promise<void> {
    return this.track([]);
  }

  /** Totals since tracking began, per NIC (by its VMI name). */
  read(): Promise<({ interface: string } & NicCounters)[]> {
    return this.serial(async () => {
      const out: ({ interface: string } & NicCounters)[] = [];
      for (const { nic, rx, tx } of this.nics.values()) {
        const received = await rx.read(this.maxFileBytes);
        const sent = await tx.read(this.maxFileBytes);
        out.push({
          interface: nic.name,
          rxBytes: received.bytes,
          txBytes: sent.bytes,
          rxPackets: received.packets,
          txPackets: sent.packets,
        });
      }
      return out;
    });
  }
}
