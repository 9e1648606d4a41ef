import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject } from '../types';
import { JournalCorruptError } from './errors';
import { SNAPSHOT, SNAPSHOT_TMP, syncDir, syncFile, writeAll } from './files';
import { encodeFrame, readFrame } from './frame';
import type { JournalHooks } from './hooks';

// A snapshot is a header frame, then one `[key, object]` frame per object. The header's count
// makes a short file detectable even when it ends exactly on a frame boundary.

const FORMAT = 'embedded-cluster-journal-snapshot';
const CHUNK_BYTES = 1 << 20;

interface SnapshotHeader {
  format: typeof FORMAT;
  version: 1;
  /** The log generation that continues this snapshot. */
  gen: number;
  lastRV: number;
  count: number;
}

export interface LoadedSnapshot {
  gen: number;
  lastRV: number;
  objects: Map<string, KubeObject>;
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

const parseHeader = (payload: string): SnapshotHeader | undefined => {
  try {
    const header = JSON.parse(payload) as Partial<SnapshotHeader> | null;
    const ok =
      header?.format === FORMAT &&
      header.version === 1 &&
      isCount(header.gen) &&
      header.gen >= 1 &&
      isCount(header.lastRV) &&
      isCount(header.count);
    return ok ? (header as SnapshotHeader) : undefined;
  } catch {
    return undefined;
  }
};

const parseEntry = (payload: string): [string, KubeObject] | undefined => {
  try {
    const entry = JSON.parse(payload) as unknown;
    if (!Array.isArray(entry) || entry.length !== 2) return undefined;
    const [key, object] = entry as [unknown, unknown];
    const isObject = typeof object === 'object' && object !== null && !Array.isArray(object);
    return typeof key === 'string' && isObject ? [key, object as KubeObject] : undefined;
  } catch {
    return undefined;
  }
};

/** Loads a snapshot whole or not at all: it was renamed into place only after its fsync. */
export const readSnapshot = async (path: string): Promise<LoadedSnapshot> => {
  const buf = await readFile(path);
  const first = readFrame(buf, 0);
  if (!first.ok)
    throw new JournalCorruptError(path, 0, `damaged snapshot header (${first.reason})`);
  const header = parseHeader(first.payload);
  if (!header) throw new JournalCorruptError(path, 0, 'not a snapshot header');
  const objects = new Map<string, KubeObject>();
  let offset = first.end;
  for (let i = 1; i <= header.count; i++) {
    const frame = readFrame(buf, offset);
    if (!frame.ok) {
      throw new JournalCorruptError(
        path,
        offset,
        `damaged snapshot entry ${i} of ${header.count} (${frame.reason})`,
      );
    }
    const entry = parseEntry(frame.payload);
    if (!entry || objects.has(entry[0])) {
      throw new JournalCorruptError(path, offset, `invalid snapshot entry ${i} of ${header.count}`);
    }
    objects.set(entry[0], entry[1]);
    offset = frame.end;
  }
  if (offset !== buf.length)
    throw new JournalCorruptError(path, offset, 'unexpected bytes after the last snapshot entry');
  return { gen: header.gen, lastRV: header.lastRV, objects };
};

const writeFrames = async (path: string, frames: Iterable<Buffer>, hooks: JournalHooks) => {
  const handle = await open(path, 'w');
  try {
    let position = 0;
    let chunk: Buffer[] = [];
    let chunkBytes = 0;
    const flush = async () => {
      const bytes = Buffer.concat(chunk, chunkBytes);
      chunk = [];
      chunkBytes = 0;
      await writeAll(handle, bytes, position);
      position += bytes.length;
    };
    // Writing in chunks also yields to the event loop, so requests keep being served meanwhile.
    for (const frame of frames) {
      chunk.push(frame);
      chunkBytes += frame.length;
      if (chunkBytes >= CHUNK_BYTES) await flush();
    }
    await flush();
    await syncFile(handle, path, hooks, false);
  } finally {
    await handle.close();
  }
};

function* snapshotFrames(
  entries: [string, KubeObject][],
  header: SnapshotHeader,
): Generator<Buffer> {
  yield encodeFrame(JSON.stringify(header));
  for (const entry of entries) yield encodeFrame(JSON.stringify(entry));
}

/**
 * Replaces the snapshot atomically: temp file, fsync, rename, fsync of the directory. Until the
 * rename the previous snapshot stands; a crash leaves at most a temp file, removed on open.
 */
export const writeSnapshot = async (
  dir: string,
  entries: [string, KubeObject][],
  meta: { gen: number; lastRV: number },
  hooks: JournalHooks,
): Promise<void> => {
  const tmp = join(dir, SNAPSHOT_TMP);
  const header: SnapshotHeader = { format: FORMAT, version: 1, ...meta, count: entries.length };
  try {
    await writeFrames(tmp, snapshotFrames(entries, header), hooks);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await hooks.afterCompactionStep?.('snapshot-written');
  await rename(tmp, join(dir, SNAPSHOT));
  await hooks.afterCompactionStep?.('snapshot-renamed');
  await syncDir(dir, hooks);
  await hooks.afterCompactionStep?.('snapshot-dir-synced');
};
