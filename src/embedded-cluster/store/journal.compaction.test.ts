import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject } from '../types';
import { type CompactionStep, Journal, type JournalRecord, type JournalState } from './journal';
import { del, files, put, removeTempDirs, tempDir } from './journalTestKit';
import { applyRecord } from './records';

afterEach(removeTempDirs);

/** Appends `records` one call each and mirrors them into `state`, as the store does. */
const write = async (journal: Journal, state: JournalState, records: JournalRecord[]) => {
  for (const record of records) {
    applyRecord(state.objects, record);
    state.lastRV = record.rv;
    await journal.append([record]);
  }
};

const history = (from: number, to: number): JournalRecord[] =>
  Array.from({ length: to - from + 1 }, (_, i) =>
    i % 4 === 3 ? del(from + i, `cm${(from + i) % 7}`) : put(from + i, `cm${(from + i) % 7}`),
  );

const copyOf = (state: JournalState): JournalState => ({
  objects: new Map(state.objects),
  lastRV: state.lastRV,
});

const loads = async (dir: string): Promise<JournalState & { removedFiles: string[] }> => {
  const { journal, state } = await Journal.open(dir);
  await journal.close();
  return { ...state, removedFiles: journal.recovery.removedFiles };
};

describe('Journal compaction', () => {
  it('leaves the same loadable state in a copy of the directory taken at every step', async () => {
    const dir = await tempDir();
    const crashes = await tempDir();
    const steps: CompactionStep[] = [];
    const { journal } = await Journal.open(dir, {
      hooks: {
        afterCompactionStep: async (step) => {
          steps.push(step);
          await cp(dir, join(crashes, step), { recursive: true });
        },
      },
    });
    const state: JournalState = { objects: new Map(), lastRV: 0 };
    await write(journal, state, history(1, 40));
    await journal.compact(copyOf(state));
    await journal.close();

    // What a crash at each step leaves, and what opening must clean up of it.
    const expected: [CompactionStep, string[], string[]][] = [
      ['rotated', ['log-000001', 'log-000002'], []],
      ['snapshot-written', ['log-000001', 'log-000002', 'snapshot.tmp'], ['snapshot.tmp']],
      ['snapshot-renamed', ['log-000001', 'log-000002', 'snapshot'], ['log-000001']],
      ['snapshot-dir-synced', ['log-000001', 'log-000002', 'snapshot'], ['log-000001']],
      ['old-logs-removed', ['log-000002', 'snapshot'], []],
    ];
    expect(steps).toEqual(expected.map(([step]) => step));
    for (const [step, left, removed] of expected) {
      expect(await files(join(crashes, step)), step).toEqual(['LOCK', ...left]);
      const loaded = await loads(join(crashes, step));
      expect(loaded.objects, step).toEqual(state.objects);
      expect(loaded.lastRV, step).toBe(40);
      expect(loaded.removedFiles, step).toEqual(removed);
    }
  });

  it('ignores and removes a temp snapshot left half-written by a crash', async () => {
    const dir = await tempDir();
    const { journal } = await Journal.open(dir);
    const state: JournalState = { objects: new Map(), lastRV: 0 };
    await write(journal, state, history(1, 12));
    await journal.close();
    await writeFile(join(dir, 'snapshot.tmp'), '999 deadbeef {"format":"embedded-clus');

    const loaded = await loads(dir);
    expect(loaded.objects).toEqual(state.objects);
    expect(loaded.removedFiles).toEqual(['snapshot.tmp']);
    expect(await files(dir)).toEqual(['log-000001']);
  });

  it('loads the previous snapshot plus both logs when the crash came before the rename', async () => {
    const dir = await tempDir();
    const crash = await tempDir();
    let armed = false;
    const { journal } = await Journal.open(dir, {
      hooks: {
        afterCompactionStep: async (step) => {
          if (armed && step === 'snapshot-written') await cp(dir, crash, { recursive: true });
        },
      },
    });
    const state: JournalState = { objects: new Map(), lastRV: 0 };
    await write(journal, state, history(1, 10));
    await journal.compact(copyOf(state));
    await write(journal, state, history(11, 20));
    armed = true;
    await journal.compact(copyOf(state));
    await journal.close();

    expect(await files(crash)).toEqual([
      'LOCK',
      'log-000002',
      'log-000003',
      'snapshot',
      'snapshot.tmp',
    ]);
    const loaded = await loads(crash);
    expect(loaded.objects).toEqual(state.objects);
    expect(loaded.lastRV).toBe(20);
    expect(loaded.removedFiles).toEqual(['snapshot.tmp']);
  });

  it('lets appends proceed, into the new log, while the snapshot is being written', async () => {
    const dir = await tempDir();
    const crash = await tempDir();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { journal } = await Journal.open(dir, {
      hooks: { afterCompactionStep: (step) => (step === 'snapshot-written' ? held : undefined) },
    });
    const state: JournalState = { objects: new Map(), lastRV: 0 };
    await write(journal, state, history(1, 10));
    const compaction = journal.compact(copyOf(state));
    // These resolve while the compaction is held before its rename: appends do not wait for it.
    await write(journal, state, history(11, 15));
    await cp(dir, crash, { recursive: true });
    release();
    await compaction;
    await journal.close();

    for (const loaded of [await loads(dir), await loads(crash)]) {
      expect(loaded.objects).toEqual(state.objects);
      expect(loaded.lastRV).toBe(15);
    }
  });

  it('handles compactions started before the previous one finished', async () => {
    const dir = await tempDir();
    const { journal } = await Journal.open(dir);
    const state: JournalState = { objects: new Map(), lastRV: 0 };
    await write(journal, state, history(1, 10));
    const first = journal.compact(copyOf(state));
    await write(journal, state, history(11, 20));
    const second = journal.compact(copyOf(state));
    await write(journal, state, history(21, 25));
    await Promise.all([first, second]);
    await journal.close();

    expect(await files(dir)).toEqual(['log-000003', 'snapshot']);
    const loaded = await loads(dir);
    expect(loaded.objects).toEqual(state.objects);
    expect(loaded.lastRV).toBe(25);
  });

  it('keeps every record and the record count when writing the snapshot fails', async () => {
    const dir = await tempDir();
    const { journal } = await Journal.open(dir, {
      hooks: {
        beforeSync: (path) => {
          if (path.endsWith('snapshot.tmp')) throw new Error('ENOSPC (simulated)');
        },
      },
    });
    const state: JournalState = { objects: new Map(), lastRV: 0 };
    await write(journal, state, history(1, 10));
    await expect(journal.compact(copyOf(state))).rejects.toThrow(/ENOSPC/);
    expect(journal.recordsSinceCompaction).toBe(10);
    await write(journal, state, history(11, 12));
    await journal.close();

    expect(await files(dir)).toEqual(['log-000001', 'log-000002']);
    const loaded = await loads(dir);
    expect(loaded.objects).toEqual(state.objects);
    expect(loaded.lastRV).toBe(12);
  });

  it('snapshots the map as it was when compact was called', async () => {
    const dir = await tempDir();
    const { journal } = await Journal.open(dir);
    const state: JournalState = { objects: new Map(), lastRV: 0 };
    await write(journal, state, history(1, 3));
    const compaction = journal.compact(state);
    // The store keeps changing its map; the snapshot must not pick up half of that.
    state.objects.set('intruder', {
      apiVersion: 'v1',
      kind: 'Intruder',
      metadata: {},
    } satisfies KubeObject);
    await compaction;
    await journal.close();
    expect((await loads(dir)).objects.has('intruder')).toBe(false);
  });
});
