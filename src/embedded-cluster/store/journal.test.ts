import { spawnSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Journal, JournalLockedError } from './journal';
import { configMap, del, files, namesOf, put, removeTempDirs, tempDir } from './journalTestKit';

afterEach(removeTempDirs);

describe('Journal round trip', () => {
  it('starts empty in a new directory, creating it', async () => {
    const dir = join(await tempDir(), 'nested', 'data');
    const { journal, state } = await Journal.open(dir);
    expect(state.objects.size).toBe(0);
    expect(state.lastRV).toBe(0);
    await journal.close();
    expect(await files(dir)).toEqual(['log-000001']);
  });

  it('keeps puts and deletes across close and open, and the last resourceVersion', async () => {
    const dir = await tempDir();
    const first = await Journal.open(dir);
    await first.journal.append([put(1, 'a'), put(2, 'b')]);
    await first.journal.append([put(3, 'a', { v: '2' }), del(4, 'b'), put(5, 'c')]);
    await first.journal.close();

    const { journal, state } = await Journal.open(dir);
    expect(namesOf(state.objects)).toEqual({
      'core/configmaps/default/a': '3',
      'core/configmaps/default/c': '5',
    });
    expect(state.objects.get('core/configmaps/default/a')).toEqual(configMap('a', 3, { v: '2' }));
    expect(state.lastRV).toBe(5);
    expect(journal.recordsSinceCompaction).toBe(5);
    await journal.close();
  });

  it('keeps lastRV when the newest record is a delete, so versions never go back', async () => {
    const dir = await tempDir();
    const first = await Journal.open(dir);
    await first.journal.append([put(1, 'a'), del(2, 'a')]);
    await first.journal.close();
    const { journal, state } = await Journal.open(dir);
    expect(state.objects.size).toBe(0);
    expect(state.lastRV).toBe(2);
    await expect(journal.append([put(2, 'b')])).rejects.toThrow(/rv 2 does not follow rv 2/);
    await journal.close();
  });

  it('compaction keeps the state, shrinks the log and carries lastRV', async () => {
    const dir = await tempDir();
    const first = await Journal.open(dir);
    for (let rv = 1; rv <= 200; rv++)
      await first.journal.append([put(rv, `cm${rv % 10}`, { pad: 'x'.repeat(200) })]);
    const before = (await stat(join(dir, 'log-000001'))).size;
    const expected = new Map(
      Array.from({ length: 10 }, (_, i) => [
        `core/configmaps/default/cm${i}`,
        configMap(`cm${i}`, 190 + (i || 10), { pad: 'x'.repeat(200) }),
      ]),
    );
    expect(first.journal.recordsSinceCompaction).toBe(200);
    await first.journal.compact({ objects: expected, lastRV: 200 });
    expect(first.journal.recordsSinceCompaction).toBe(0);
    await first.journal.append([put(201, 'late')]);
    expect(first.journal.recordsSinceCompaction).toBe(1);
    await first.journal.close();

    expect(await files(dir)).toEqual(['log-000002', 'snapshot']);
    const after =
      (await stat(join(dir, 'log-000002'))).size + (await stat(join(dir, 'snapshot'))).size;
    expect(after).toBeLessThan(before / 10);
    const { journal, state } = await Journal.open(dir);
    expect(state.lastRV).toBe(201);
    expect(state.objects.size).toBe(11);
    expect(state.objects.get('core/configmaps/default/cm3')).toEqual(
      expected.get('core/configmaps/default/cm3'),
    );
    expect(journal.recordsSinceCompaction).toBe(1);
    await journal.close();
  });

  it('keeps lastRV from the snapshot alone when no record follows it', async () => {
    const dir = await tempDir();
    const first = await Journal.open(dir);
    await first.journal.compact({ objects: new Map(), lastRV: 42 });
    await first.journal.close();
    const { journal, state } = await Journal.open(dir);
    expect(state.lastRV).toBe(42);
    await journal.close();
  });

  it('stores the object as it was when appended, not as it is later mutated', async () => {
    const dir = await tempDir();
    const first = await Journal.open(dir);
    const data = { v: 'before' };
    const record = put(1, 'a', data);
    const appended = first.journal.append([record]);
    data.v = 'after';
    await appended;
    await first.journal.close();
    const { journal, state } = await Journal.open(dir);
    expect(state.objects.get(record.key)?.data).toEqual({ v: 'before' });
    await journal.close();
  });

  it('stores deletes without their object', async () => {
    const dir = await tempDir();
    const { journal } = await Journal.open(dir);
    await journal.append([put(1, 'a'), { ...del(2, 'a'), object: configMap('a', 2) }]);
    await journal.close();
    const log = await readFile(join(dir, 'log-000001'), 'utf8');
    expect(log.split('\n')[1]).toMatch(
      /\{"rv":2,"op":"delete","key":"core\/configmaps\/default\/a"\}$/,
    );
  });
});

describe('Journal refuses what it cannot store faithfully', () => {
  it('rejects records out of rv order, a put without an object, and appends after close', async () => {
    const dir = await tempDir();
    const { journal } = await Journal.open(dir);
    await journal.append([put(5, 'a')]);
    await expect(journal.append([put(5, 'b')])).rejects.toThrow(RangeError);
    await expect(journal.append([put(7, 'b'), put(6, 'c')])).rejects.toThrow(
      /rv 6 does not follow rv 7/,
    );
    await expect(journal.append([{ rv: 8, op: 'put', key: 'k' }])).rejects.toThrow(
      /without an object/,
    );
    await expect(journal.append([{ ...put(9, 'd'), rv: 1.5 }])).rejects.toThrow(/positive integer/);
    // A refused call leaves nothing behind: rv 7 was not taken.
    await journal.append([put(6, 'ok')]);
    await journal.close();
    await expect(journal.append([put(10, 'e')])).rejects.toThrow(/closed/);

    const { journal: again, state } = await Journal.open(dir);
    expect([...state.objects.keys()]).toEqual([
      'core/configmaps/default/a',
      'core/configmaps/default/ok',
    ]);
    await again.close();
  });

  it('refuses to compact to a state older than what was appended', async () => {
    const dir = await tempDir();
    const { journal } = await Journal.open(dir);
    await journal.append([put(1, 'a'), put(2, 'b')]);
    await expect(journal.compact({ objects: new Map(), lastRV: 1 })).rejects.toThrow(
      /rv 2 is appended already/,
    );
    await journal.close();
    const { journal: again, state } = await Journal.open(dir);
    expect(state.objects.size).toBe(2);
    await again.close();
  });
});

describe('Journal directory lock', () => {
  it('refuses a second open of the same directory while the first is open', async () => {
    const dir = await tempDir();
    const { journal } = await Journal.open(dir);
    await expect(Journal.open(dir)).rejects.toThrow(JournalLockedError);
    await journal.close();
    const { journal: again } = await Journal.open(dir);
    await again.close();
  });

  it('refuses a directory locked by another live process', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'LOCK'), `${process.ppid}\n`);
    await expect(Journal.open(dir)).rejects.toThrow(
      new RegExp(`in use by process ${process.ppid}`),
    );
  });

  it('takes over the lock of a process that died without closing', async () => {
    const dir = await tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    await writeFile(join(dir, 'LOCK'), `${dead.stdout}\n`);
    const { journal } = await Journal.open(dir);
    expect(await readFile(join(dir, 'LOCK'), 'utf8')).toBe(`${process.pid}\n`);
    await journal.close();
  });
});
