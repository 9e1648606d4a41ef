import { type FileHandle, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalHooks } from './hooks';

// The data directory: `snapshot` (absent until the first compaction), `snapshot.tmp` (only while
// one is being written), `log-NNNNNN` (the log generations the snapshot is followed by), `LOCK`.
export const SNAPSHOT = 'snapshot';
export const SNAPSHOT_TMP = 'snapshot.tmp';
export const LOCK = 'LOCK';

export const logName = (gen: number): string => `log-${String(gen).padStart(6, '0')}`;

export const parseLogName = (name: string): number | undefined => {
  const match = /^log-(\d{6,})$/.exec(name);
  const gen = match ? Number(match[1]) : 0;
  return gen >= 1 ? gen : undefined;
};

export const syncFile = async (
  handle: FileHandle,
  path: string,
  hooks: JournalHooks,
  dataOnly: boolean,
): Promise<void> => {
  await hooks.beforeSync?.(path);
  // fdatasync still flushes the file size, which is all an append changes besides the data.
  await (dataOnly ? handle.datasync() : handle.sync());
};

/** Makes a created, renamed or truncated entry of `dir` durable (the file's own fsync does not). */
export const syncDir = async (dir: string, hooks: JournalHooks): Promise<void> => {
  // Windows cannot open a directory to fsync it; NTFS journals its metadata instead.
  if (process.platform === 'win32') return;
  await hooks.beforeSync?.(dir);
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

export const writeAll = async (handle: FileHandle, bytes: Buffer, position: number) => {
  for (let done = 0; done < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
};

/** A log being appended to: its generation, where the next record goes, and its handle. */
export interface ActiveLog {
  gen: number;
  path: string;
  handle: FileHandle;
  size: number;
}

/** Creates the (empty) log of generation `gen`, durably: it exists before anyone relies on it. */
export const createLog = async (
  dir: string,
  gen: number,
  hooks: JournalHooks,
): Promise<ActiveLog> => {
  const path = join(dir, logName(gen));
  const handle = await open(path, 'wx');
  try {
    await syncDir(dir, hooks);
  } catch (err) {
    // Left behind, the file would make the next rotation fail on "exists".
    await handle.close();
    await rm(path, { force: true });
    throw err;
  }
  return { gen, path, handle, size: 0 };
};

/** Deletes the logs a committed snapshot has made redundant. */
export const removeLogsBefore = async (dir: string, gen: number): Promise<void> => {
  for (const name of await readdir(dir)) {
    const old = parseLogName(name);
    if (old !== undefined && old < gen) await rm(join(dir, name), { force: true });
  }
};
