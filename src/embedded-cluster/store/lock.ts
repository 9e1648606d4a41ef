import { readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JournalLockedError } from './errors';
import { LOCK } from './files';

// Two writers on one directory would interleave their appends and each compact away the other's
// log. Node has no flock, so the lock is a file holding the owner's pid: a pid that is no longer
// running (a crash, a SIGKILL) leaves a stale lock, which the next open takes over.

const heldHere = new Set<string>();

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export interface DirLock {
  release(): Promise<void>;
}

const claim = async (dir: string, path: string) => {
  const mine = `${process.pid}\n`;
  try {
    await writeFile(path, mine, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const owner = Number.parseInt(await readFile(path, 'utf8'), 10);
    // Our own pid, not held here: a previous life of this container, where pids repeat.
    if (Number.isSafeInteger(owner) && owner !== process.pid && isRunning(owner)) {
      throw new JournalLockedError(`journal ${dir} is in use by process ${owner} (see ${path})`);
    }
    await writeFile(path, mine);
  }
};

export const lockDir = async (dir: string): Promise<DirLock> => {
  const id = await realpath(dir);
  if (heldHere.has(id))
    throw new JournalLockedError(`journal ${dir} is already open in this process`);
  // Claimed before the next await, so two opens racing in this process cannot both get it.
  heldHere.add(id);
  const path = join(dir, LOCK);
  try {
    await claim(dir, path);
  } catch (err) {
    heldHere.delete(id);
    throw err;
  }
  return {
    release: async () => {
      heldHere.delete(id);
      await rm(path, { force: true });
    },
  };
};
