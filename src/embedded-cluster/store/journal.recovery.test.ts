import { appendFile, readFile, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeFrame } from './frame';
import { Journal, JournalCorruptError } from './journal';
import { configMap, del, namesOf, put, removeTempDirs, tempDir } from './journalTestKit';
import { recordJSON } from './records';

afterEach(removeTempDirs);

/** A journal with records rv 1..count (one append each), closed; returns the log's path. */
const journalWith = async (dir: string, count: number): Promise<string> => {
  const { journal } = await Journal.open(dir);
  for (let rv = 1; rv <= count; rv++) await journal.append([put(rv, `cm${rv}`)]);
  await journal.close();
  return join(dir, 'log-000001');
};

/** Where each frame of the file at `path` starts; `nth(2)` is the third. */
const frameOffsets = async (path: string) => {
  const text = await readFile(path);
  const offsets = [0];
  for (
    let nl = text.indexOf(0x0a);
    nl !== -1 && nl + 1 < text.length;
    nl = text.indexOf(0x0a, nl + 1)
  )
    offsets.push(nl + 1);
  return { count: offsets.length, nth: (i: number) => offsets[i] ?? -1 };
};

const flipByte = async (path: string, offset: number) => {
  const bytes = await readFile(path);
  bytes[offset] = (bytes[offset] ?? 0) ^ 0x20;
  await writeFile(path, bytes);
};

describe('Journal torn tail', () => {
  const tails: [string, (frame: Buffer) => Buffer][] = [
    ['half a record', (frame) => frame.subarray(0, frame.length >> 1)],
    ['a record missing only its newline', (frame) => frame.subarray(0, frame.length - 1)],
    ['a length field cut short', () => Buffer.from('12')],
    ['zeros where the file grew but the data never landed', () => Buffer.alloc(4096)],
  ];

  it.each(tails)(
    'discards %s, truncates to the last good record and appends after it',
    async (_, tail) => {
      const dir = await tempDir();
      const log = await journalWith(dir, 3);
      const goodSize = (await stat(log)).size;
      await appendFile(
        log,
        tail(encodeFrame(recordJSON(put(4, 'torn', { pad: 'x'.repeat(300) })))),
      );

      const first = await Journal.open(dir);
      expect(first.state.lastRV).toBe(3);
      expect(first.state.objects.has('core/configmaps/default/torn')).toBe(false);
      expect(first.journal.recovery.discardedTailBytes).toBeGreaterThan(0);
      expect((await stat(log)).size).toBe(goodSize);
      await first.journal.append([put(4, 'after'), del(5, 'cm1')]);
      await first.journal.close();

      const { journal, state } = await Journal.open(dir);
      expect(Object.keys(namesOf(state.objects))).toEqual([
        'core/configmaps/default/cm2',
        'core/configmaps/default/cm3',
        'core/configmaps/default/after',
      ]);
      expect(state.lastRV).toBe(5);
      expect(journal.recovery.discardedTailBytes).toBe(0);
      await journal.close();
    },
  );
});

describe('Journal corruption', () => {
  it('refuses a damaged record followed by intact ones, naming the file and byte offset', async () => {
    const dir = await tempDir();
    const log = await journalWith(dir, 5);
    const offsets = await frameOffsets(log);
    const third = offsets.nth(2);
    await flipByte(log, third + 30);

    const error = await Journal.open(dir).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(JournalCorruptError);
    expect(error).toMatchObject({ file: log, offset: third });
    expect((error as Error).message).toContain(`${log}, byte ${third}`);
    // Refusing must not repair: the file is left as found for a person to look at.
    expect((await frameOffsets(log)).count).toBe(5);
  });

  it('refuses a record whose checksum matches but whose content is not a record', async () => {
    const dir = await tempDir();
    const log = await journalWith(dir, 1);
    await appendFile(log, encodeFrame('{"rv":2,"op":"replace","key":"k"}'));
    await expect(Journal.open(dir)).rejects.toThrow(/byte \d+: invalid record: op replace/);
  });

  it('refuses records whose resourceVersions go backwards', async () => {
    const dir = await tempDir();
    const log = await journalWith(dir, 2);
    await appendFile(log, encodeFrame(recordJSON(put(2, 'again'))));
    await expect(Journal.open(dir)).rejects.toThrow(/record rv 2 does not follow rv 2/);
  });

  const compacted = async (dir: string) => {
    const { journal } = await Journal.open(dir);
    await journal.append([put(1, 'a'), put(2, 'b'), put(3, 'c')]);
    await journal.compact({
      objects: new Map(
        ['a', 'b', 'c'].map((name, i) => [put(i + 1, name).key, configMap(name, i + 1)]),
      ),
      lastRV: 3,
    });
    await journal.close();
    return join(dir, 'snapshot');
  };

  it('refuses a snapshot with a flipped byte, naming it and the offset', async () => {
    const dir = await tempDir();
    const snapshot = await compacted(dir);
    const offsets = await frameOffsets(snapshot);
    await flipByte(snapshot, offsets.nth(2) + 25);
    const error = await Journal.open(dir).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(JournalCorruptError);
    expect(error).toMatchObject({ file: snapshot, offset: offsets.nth(2) });
  });

  it('refuses a snapshot cut short, even exactly on a record boundary', async () => {
    const dir = await tempDir();
    const snapshot = await compacted(dir);
    const offsets = await frameOffsets(snapshot);
    await truncate(snapshot, offsets.nth(3));
    await expect(Journal.open(dir)).rejects.toThrow(
      /damaged snapshot entry 3 of 3 \(incomplete record\)/,
    );
  });

  it('refuses a snapshot whose log is gone, and logs without their snapshot', async () => {
    const dir = await tempDir();
    await compacted(dir);
    await unlink(join(dir, 'log-000002'));
    await expect(Journal.open(dir)).rejects.toThrow(/log-000002, byte 0: missing/);

    const other = await tempDir();
    await compacted(other);
    await unlink(join(other, 'snapshot'));
    await expect(Journal.open(other)).rejects.toThrow(
      /log-000001, byte 0: missing, yet log-000002 exists/,
    );
  });

  it('refuses damage in an older log even at its end, since a newer log follows it', async () => {
    const dir = await tempDir();
    const log = await journalWith(dir, 2);
    await writeFile(join(dir, 'log-000002'), encodeFrame(recordJSON(put(3, 'c'))));
    await appendFile(log, Buffer.from('7 0000'));
    await expect(Journal.open(dir)).rejects.toThrow(
      /log-000001, byte \d+: damaged record .* a newer log follows/,
    );
  });
});
