import { readFile } from 'node:fs/promises';
import { JournalCorruptError } from './errors';
import { findIntactFrameAfter, readFrame } from './frame';
import { type JournalRecord, recordProblem } from './records';

export interface LogRead {
  /** Bytes of intact records; what follows them (if anything) was a torn append. */
  goodEnd: number;
  tornBytes: number;
  records: number;
}

/**
 * Replays the log at `path` record by record. Only the newest log may end in a torn record (an
 * append the crash interrupted, so never acknowledged); anywhere else damage means the disk or a
 * person changed the file, and nothing is loaded.
 */
export const readLog = async (
  path: string,
  mayBeTorn: boolean,
  onRecord: (record: JournalRecord, offset: number) => void,
): Promise<LogRead> => {
  const buf = await readFile(path);
  let offset = 0;
  let records = 0;
  while (offset < buf.length) {
    const frame = readFrame(buf, offset);
    if (!frame.ok) {
      const intact = findIntactFrameAfter(buf, offset);
      if (intact !== undefined) {
        throw new JournalCorruptError(
          path,
          offset,
          `damaged record (${frame.reason}) followed by intact records (first at byte ${intact})`,
        );
      }
      if (!mayBeTorn) {
        throw new JournalCorruptError(
          path,
          offset,
          `damaged record (${frame.reason}) in a log that a newer log follows`,
        );
      }
      return { goodEnd: offset, tornBytes: buf.length - offset, records };
    }
    let value: unknown;
    try {
      value = JSON.parse(frame.payload);
    } catch {
      value = undefined;
    }
    // The checksum matched, so these are the bytes that were written: not a torn append.
    const problem = value === undefined ? 'not JSON' : recordProblem(value);
    if (problem) throw new JournalCorruptError(path, offset, `invalid record: ${problem}`);
    onRecord(value as JournalRecord, offset);
    records++;
    offset = frame.end;
  }
  return { goodEnd: offset, tornBytes: 0, records };
};
