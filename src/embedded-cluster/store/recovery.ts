import { type FileHandle, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject } from '../types';
import { JournalCorruptError } from './errors';
import {
  type ActiveLog,
  createLog,
  logName,
  parseLogName,
  SNAPSHOT,
  SNAPSHOT_TMP,
  syncDir,
  syncFile,
} from './files';
import type { JournalHooks } from './hooks';
import { readLog } from './logFile';
import { applyRecord } from './records';
import { readSnapshot } from './snapshot';

/** What opening found and repaired, for the caller to log. */
export interface RecoveryReport {
  /** Bytes of a torn last append cut off the newest log (0 when it ended cleanly). */
  discardedTailBytes: number;
  /** Leftovers of an interrupted compaction, removed. */
  removedFiles: string[];
}

export interface Recovered {
  objects: Map<string, KubeObject>;
  lastRV: number;
  active: ActiveLog;
  recordsInLogs: number;
  report: RecoveryReport;
}

/**
 * The logs that continue the snapshot (generation `base` on): consecutive, starting at `base`.
 * A compaction creates the next log before the snapshot that names it, so a gap or a missing
 * first log means files were lost, not a crash.
 */
const logChain = (dir: string, gens: number[], base: number, hasSnapshot: boolean): number[] => {
  const chain = gens.filter((gen) => gen >= base);
  chain.forEach((gen, i) => {
    if (gen !== base + i) {
      throw new JournalCorruptError(
        join(dir, logName(base + i)),
        0,
        `missing, yet ${logName(gen)} exists`,
      );
    }
  });
  if (hasSnapshot && chain.length === 0) {
    throw new JournalCorruptError(
      join(dir, logName(base)),
      0,
      'missing: the snapshot names it as its continuation',
    );
  }
  return chain;
};

const openForAppend = async (
  path: string,
  gen: number,
  goodEnd: number,
  tornBytes: number,
  hooks: JournalHooks,
) => {
  const handle: FileHandle = await open(path, 'r+');
  try {
    if (tornBytes > 0) {
      await handle.truncate(goodEnd);
      await syncFile(handle, path, hooks, false);
    }
  } catch (err) {
    await handle.close();
    throw err;
  }
  return { gen, path, handle, size: goodEnd };
};

/** Loads snapshot + logs from `dir`, repairing what a crash can leave (and only that). */
export const recover = async (dir: string, hooks: JournalHooks): Promise<Recovered> => {
  const names = await readdir(dir);
  const removedFiles: string[] = [];
  const remove = async (name: string) => {
    await rm(join(dir, name), { force: true });
    removedFiles.push(name);
  };
  if (names.includes(SNAPSHOT_TMP)) await remove(SNAPSHOT_TMP);

  const snapshot = names.includes(SNAPSHOT) ? await readSnapshot(join(dir, SNAPSHOT)) : undefined;
  const base = snapshot?.gen ?? 1;
  const gens = names.flatMap((name) => parseLogName(name) ?? []).sort((a, b) => a - b);
  const chain = logChain(dir, gens, base, snapshot !== undefined);
  // Older logs are in the snapshot already: a compaction crashed before deleting them.
  for (const gen of gens.filter((g) => g < base)) await remove(logName(gen));

  const objects = snapshot?.objects ?? new Map<string, KubeObject>();
  let lastRV = snapshot?.lastRV ?? 0;
  let recordsInLogs = 0;
  let active: ActiveLog | undefined;
  let discardedTailBytes = 0;
  for (const [i, gen] of chain.entries()) {
    const path = join(dir, logName(gen));
    const newest = i === chain.length - 1;
    const read = await readLog(path, newest, (record, offset) => {
      if (record.rv <= lastRV) {
        throw new JournalCorruptError(
          path,
          offset,
          `record rv ${record.rv} does not follow rv ${lastRV}`,
        );
      }
      applyRecord(objects, record);
      lastRV = record.rv;
    });
    recordsInLogs += read.records;
    if (newest) {
      discardedTailBytes = read.tornBytes;
      active = await openForAppend(path, gen, read.goodEnd, read.tornBytes, hooks);
    }
  }
  active ??= await createLog(dir, base, hooks);
  try {
    if (removedFiles.length > 0) await syncDir(dir, hooks);
  } catch (err) {
    await active.handle.close();
    throw err;
  }
  return { objects, lastRV, active, recordsInLogs, report: { discardedTailBytes, removedFiles } };
};
