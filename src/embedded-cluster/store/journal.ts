import { mkdir } from 'node:fs/promises';
import { JournalCorruptError, JournalFailedError, JournalLockedError } from './errors';
import { type ActiveLog, createLog, removeLogsBefore, syncFile, writeAll } from './files';
import { encodeFrame } from './frame';
import type { CompactionStep, JournalHooks } from './hooks';
import { type DirLock, lockDir } from './lock';
import { type JournalRecord, type JournalState, recordJSON, recordProblem } from './records';
import { recover, type RecoveryReport } from './recovery';
import { writeSnapshot } from './snapshot';

export { JournalCorruptError, JournalFailedError, JournalLockedError };
export type { CompactionStep, JournalHooks, JournalRecord, JournalState, RecoveryReport };

export interface JournalOptions {
  /** How many records the caller lets pile up before compacting: a hint, kept for the caller. */
  compactEvery?: number;
  hooks?: JournalHooks;
}

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}
interface AppendOp {
  kind: 'append';
  chunks: Buffer[];
  bytes: number;
  waiters: Waiter[];
}
interface RotateOp {
  kind: 'rotate';
  resolve(gen: number): void;
  reject(err: unknown): void;
}
type WriteOp = AppendOp | RotateOp;

const DEFAULT_COMPACT_EVERY = 10_000;

/**
 * The durable log under the in-memory store: a snapshot plus the log generations after it, in a
 * directory of its own. Appends are group-committed; compaction switches to a new log first and
 * writes the snapshot behind it, so appends never wait for a snapshot.
 */
export class Journal {
  /** Writes, in call order; the appends between two rotations share one write and one fsync. */
  private readonly queue: WriteOp[] = [];
  private writing = false;
  private readonly whenIdle: (() => void)[] = [];
  /** Snapshots are written one after another, each replacing the one before. */
  private snapshots: Promise<void> = Promise.resolve();
  private failure: JournalFailedError | undefined;
  private closing: Promise<void> | undefined;
  private sinceCompaction: number;

  private constructor(
    private readonly dir: string,
    private active: ActiveLog,
    private readonly lock: DirLock,
    private readonly hooks: JournalHooks,
    /** Appends must be newer than this: replay checks the same order. */
    private lastAcceptedRV: number,
    recordsInLogs: number,
    readonly compactEvery: number,
    /** What opening repaired: a torn tail cut off, compaction leftovers removed. */
    readonly recovery: RecoveryReport,
  ) {
    this.sinceCompaction = recordsInLogs;
  }

  /** Opens (creating if needed) the journal in `dir`; replays snapshot + log into memory. */
  static async open(
    dir: string,
    options: JournalOptions = {},
  ): Promise<{ journal: Journal; state: JournalState }> {
    const compactEvery = options.compactEvery ?? DEFAULT_COMPACT_EVERY;
    if (!Number.isSafeInteger(compactEvery) || compactEvery < 1) {
      throw new RangeError(`journal: compactEvery must be a positive integer, not ${compactEvery}`);
    }
    const hooks = options.hooks ?? {};
    await mkdir(dir, { recursive: true });
    const lock = await lockDir(dir);
    try {
      const found = await recover(dir, hooks);
      const journal = new Journal(
        dir,
        found.active,
        lock,
        hooks,
        found.lastRV,
        found.recordsInLogs,
        compactEvery,
        found.report,
      );
      return { journal, state: { objects: found.objects, lastRV: found.lastRV } };
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  /** Records in the logs since the last compaction began, those replayed on open included. */
  get recordsSinceCompaction(): number {
    return this.sinceCompaction;
  }

  /**
   * Durably appends records (resolves only after the bytes are fsync'ed). Calls made in the same
   * turn of the event loop, or while a write is in flight, share one write and one fsync.
   * Objects are serialized now: changing them afterwards does not change what is stored.
   */
  append(records: JournalRecord[]): Promise<void> {
    const refused = this.refusal();
    if (refused) return Promise.reject(refused);
    let bytes: Buffer;
    try {
      bytes = this.encode(records);
    } catch (err) {
      return Promise.reject(err);
    }
    if (records.length === 0) return Promise.resolve();
    this.sinceCompaction += records.length;
    return new Promise<void>((resolve, reject) => {
      const last = this.queue.at(-1);
      const op =
        last?.kind === 'append'
          ? last
          : this.enqueue<AppendOp>({ kind: 'append', chunks: [], bytes: 0, waiters: [] });
      op.chunks.push(bytes);
      op.bytes += bytes.length;
      op.waiters.push({ resolve, reject });
    });
  }

  /**
   * Writes a snapshot of `state` and drops the logs it covers. `state` must hold every record
   * appended so far (it may be ahead); appends after this call must have rv > state.lastRV.
   * The object map is copied before this returns; the objects themselves must not be mutated
   * in place afterwards (the store replaces objects, it never edits them).
   */
  async compact(state: JournalState): Promise<void> {
    const refused = this.refusal();
    if (refused) throw refused;
    if (state.lastRV < this.lastAcceptedRV) {
      throw new RangeError(
        `journal: cannot compact to rv ${state.lastRV}: rv ${this.lastAcceptedRV} is appended already and would be lost`,
      );
    }
    const entries = [...state.objects];
    const lastRV = state.lastRV;
    this.lastAcceptedRV = lastRV;
    const counted = this.sinceCompaction;
    this.sinceCompaction = 0;
    // Queued now, so appends made after this call land in the new log, never the old one.
    const rotated = new Promise<number>((resolve, reject) =>
      this.enqueue<RotateOp>({ kind: 'rotate', resolve, reject }),
    );
    // Awaited only once earlier snapshots are done; this keeps its rejection from counting as unhandled.
    rotated.catch(() => undefined);
    const done = this.snapshots.then(async () => {
      const gen = await rotated;
      await writeSnapshot(this.dir, entries, { gen, lastRV }, this.hooks);
      await removeLogsBefore(this.dir, gen);
      await this.hooks.afterCompactionStep?.('old-logs-removed');
    });
    this.snapshots = done.catch(() => undefined);
    try {
      await done;
    } catch (err) {
      // Nothing was dropped: the logs still hold those records.
      this.sinceCompaction += counted;
      throw err;
    }
  }

  /** Waits for queued appends and compactions, then releases the directory. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.writing) await new Promise<void>((resolve) => this.whenIdle.push(resolve));
      await this.snapshots;
      try {
        await this.active.handle.close();
      } finally {
        await this.lock.release();
      }
    })();
    return this.closing;
  }

  private refusal(): Error | undefined {
    if (this.closing) return new Error('journal: closed');
    return this.failure;
  }

  private encode(records: JournalRecord[]): Buffer {
    let rv = this.lastAcceptedRV;
    const frames = records.map((record) => {
      const problem = recordProblem(record);
      if (problem) throw new TypeError(`journal: ${problem}`);
      if (record.rv <= rv) {
        throw new RangeError(
          `journal: rv ${record.rv} does not follow rv ${rv}; records must arrive in rv order`,
        );
      }
      rv = record.rv;
      return encodeFrame(recordJSON(record));
    });
    this.lastAcceptedRV = rv;
    return Buffer.concat(frames);
  }

  private enqueue<T extends WriteOp>(op: T): T {
    this.queue.push(op);
    if (!this.writing) {
      this.writing = true;
      // One turn of the event loop lets every append of the current burst join the same fsync.
      setImmediate(() => void this.drain());
    }
    return op;
  }

  private async drain(): Promise<void> {
    for (let op = this.queue.shift(); op; op = this.queue.shift()) {
      if (op.kind === 'append') await this.writeBatch(op);
      else await this.rotate(op);
    }
    this.writing = false;
    for (const wake of this.whenIdle.splice(0)) wake();
  }

  private async writeBatch(op: AppendOp): Promise<void> {
    try {
      if (this.failure) throw this.failure;
      const bytes = Buffer.concat(op.chunks, op.bytes);
      await writeAll(this.active.handle, bytes, this.active.size);
      await syncFile(this.active.handle, this.active.path, this.hooks, true);
      this.active.size += bytes.length;
    } catch (err) {
      this.failure ??= err instanceof JournalFailedError ? err : new JournalFailedError(err);
      for (const waiter of op.waiters) waiter.reject(this.failure);
      return;
    }
    for (const waiter of op.waiters) waiter.resolve();
  }

  private async rotate(op: RotateOp): Promise<void> {
    try {
      if (this.failure) throw this.failure;
      const next = await createLog(this.dir, this.active.gen + 1, this.hooks);
      const previous = this.active;
      this.active = next;
      await previous.handle.close();
      await this.hooks.afterCompactionStep?.('rotated');
      op.resolve(next.gen);
    } catch (err) {
      op.reject(err);
    }
  }
}
