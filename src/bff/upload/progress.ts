import type { UploadPhase, UploadProgress } from '../../common/uploadProgress';

interface Entry {
  phase: UploadPhase;
  bytesReceived: number;
  bytesTotal?: number;
  message?: string;
  startedAt: number;
  updatedAt: number;
}

/** One upload's state, changed as it goes. */
export interface UploadTracker {
  received(bytes: number): void;
  note(message: string): void;
  done(message: string): void;
  failed(message: string): void;
  readonly bytesReceived: number;
  readonly bytesTotal: number | undefined;
}

const key = (namespace: string, name: string) => `${namespace}/${name}`;

/**
 * Where each upload stands, per target volume, in this BFF process (another replica has its
 * own). Finished uploads are kept for `keepMs` (default an hour), at most `maxEntries`.
 * Answers are authorized by the route, never here.
 */
export class UploadProgressBook {
  private readonly entries = new Map<string, Entry>();
  /** Targets with an upload between its start and its end, published or not yet. */
  private readonly claimed = new Set<string>();

  constructor(
    private readonly keepMs = 60 * 60 * 1000,
    private readonly maxEntries = 1000,
  ) {}

  /** Reserves the target for one upload; false while another is under way. */
  claim(namespace: string, name: string): boolean {
    const id = key(namespace, name);
    if (this.claimed.has(id)) return false;
    this.claimed.add(id);
    return true;
  }

  release(namespace: string, name: string) {
    this.claimed.delete(key(namespace, name));
  }

  /** Publishes a new upload (replacing the last one's state). */
  begin(namespace: string, name: string, bytesTotal?: number): UploadTracker {
    this.prune();
    const now = Date.now();
    const entry: Entry = {
      phase: 'receiving',
      bytesReceived: 0,
      bytesTotal,
      startedAt: now,
      updatedAt: now,
    };
    this.entries.delete(key(namespace, name));
    this.entries.set(key(namespace, name), entry);
    const change = (fields: Partial<Entry>) =>
      Object.assign(entry, fields, { updatedAt: Date.now() });
    return {
      received: (bytes) => change({ bytesReceived: bytes }),
      note: (message) => change({ message }),
      done: (message) => change({ phase: 'done', message }),
      failed: (message) => change({ phase: 'failed', message }),
      get bytesReceived() {
        return entry.bytesReceived;
      },
      get bytesTotal() {
        return entry.bytesTotal;
      },
    };
  }

  get(namespace: string, name: string): UploadProgress | undefined {
    const entry = this.entries.get(key(namespace, name));
    if (!entry) return undefined;
    const { startedAt, updatedAt, ...rest } = entry;
    return {
      ...rest,
      startedAt: new Date(startedAt).toISOString(),
      updatedAt: new Date(updatedAt).toISOString(),
    };
  }

  private prune() {
    const oldest = Date.now() - this.keepMs;
    for (const [id, entry] of this.entries)
      if (entry.phase !== 'receiving' && entry.updatedAt < oldest) this.entries.delete(id);
    // Map order is insertion order: the first are the oldest uploads.
    for (const [id, entry] of this.entries) {
      if (this.entries.size < this.maxEntries) break;
      if (entry.phase !== 'receiving') this.entries.delete(id);
    }
  }
}
