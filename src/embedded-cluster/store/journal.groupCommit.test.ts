import { Journal, JournalFailedError } from './journal';
import { put, removeTempDirs, tempDir } from './journalTestKit';

afterEach(removeTempDirs);

/** Syncs of log files only (directory and snapshot syncs are not what group commit saves). */
const countLogSyncs = () => {
  const synced: string[] = [];
  return {
    synced,
    beforeSync: (path: string) => void (/log-\d+$/.test(path) && synced.push(path)),
  };
};

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('Journal group commit', () => {
  it('commits many appends of the same tick with one fsync', async () => {
    const dir = await tempDir();
    const counter = countLogSyncs();
    const { journal } = await Journal.open(dir, { hooks: counter });
    await Promise.all(
      Array.from({ length: 500 }, (_, i) => journal.append([put(i + 1, `cm${i}`)])),
    );
    expect(counter.synced).toHaveLength(1);
    await journal.close();
    const { journal: again, state } = await Journal.open(dir);
    expect(state.objects.size).toBe(500);
    await again.close();
  });

  it('gathers the appends made during an fsync into the next single fsync', async () => {
    const dir = await tempDir();
    const gate = deferred();
    const firstSync = deferred();
    const synced: string[] = [];
    const { journal } = await Journal.open(dir, {
      hooks: {
        beforeSync: async (path) => {
          if (!path.includes('log-')) return;
          synced.push(path);
          if (synced.length > 1) return;
          firstSync.resolve();
          await gate.promise;
        },
      },
    });
    const first = journal.append([put(1, 'first')]);
    await firstSync.promise;
    // Arrive in separate ticks while the first fsync is in flight.
    const later: Promise<void>[] = [];
    for (let rv = 2; rv <= 101; rv++) {
      later.push(journal.append([put(rv, `cm${rv}`)]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    gate.resolve();
    await Promise.all([first, ...later]);
    expect(synced).toHaveLength(2);
    await journal.close();
  });

  it('acknowledges an append only once its fsync has returned', async () => {
    const dir = await tempDir();
    const gate = deferred();
    const { journal } = await Journal.open(dir, {
      hooks: { beforeSync: (path) => (path.includes('log-') ? gate.promise : undefined) },
    });
    let acknowledged = false;
    const append = journal.append([put(1, 'a')]).then(() => (acknowledged = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(acknowledged).toBe(false);
    gate.resolve();
    await append;
    expect(acknowledged).toBe(true);
    await journal.close();
  });

  it('refuses every later append once an fsync failed, until reopened', async () => {
    const dir = await tempDir();
    let failNext = false;
    const { journal } = await Journal.open(dir, {
      hooks: {
        beforeSync: (path) => {
          if (failNext && path.includes('log-')) throw new Error('EIO (simulated)');
        },
      },
    });
    await journal.append([put(1, 'kept')]);
    failNext = true;
    await expect(journal.append([put(2, 'unknown')])).rejects.toThrow(JournalFailedError);
    failNext = false;
    await expect(journal.append([put(3, 'refused')])).rejects.toThrow(/EIO \(simulated\)/);
    await expect(journal.compact({ objects: new Map(), lastRV: 3 })).rejects.toThrow(
      JournalFailedError,
    );
    await journal.close();

    // rv 2 is on disk or not (its fsync's outcome is unknown); rv 1 must be, rv 3 must not.
    const { journal: again, state } = await Journal.open(dir);
    expect(state.objects.has(put(1, 'kept').key)).toBe(true);
    expect(state.objects.has(put(3, 'refused').key)).toBe(false);
    await again.append([put(state.lastRV + 1, 'after')]);
    await again.close();
  });
});
