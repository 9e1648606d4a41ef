import { crc32 } from './crc32';

// One frame per line: `<payload byte length> <crc32 of payload, 8 hex digits> <payload>\n`.
// The length and checksum together tell a torn or flipped record from a good one; the newline
// keeps the files readable with `less` and lets a reader find where the next frame may start.

const NEWLINE = 0x0a;
const SPACE = 0x20;
const MAX_LENGTH_DIGITS = 10;

export const encodeFrame = (payload: string): Buffer => {
  const body = Buffer.from(payload, 'utf8');
  const head = `${body.length} ${crc32(body).toString(16).padStart(8, '0')} `;
  const frame = Buffer.allocUnsafe(head.length + body.length + 1);
  frame.write(head, 0, 'latin1');
  body.copy(frame, head.length);
  frame[frame.length - 1] = NEWLINE;
  return frame;
};

export type FrameRead = { ok: true; payload: string; end: number } | { ok: false; reason: string };

const hexValue = (byte: number): number => {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  return -1;
};

/** Reads the frame starting at `start`; never throws, whatever the bytes are. */
export const readFrame = (buf: Buffer, start: number): FrameRead => {
  let pos = start;
  let length = 0;
  for (let byte = buf[pos]; byte !== undefined && byte >= 0x30 && byte <= 0x39; byte = buf[pos]) {
    if (pos - start >= MAX_LENGTH_DIGITS) return { ok: false, reason: 'length field too long' };
    length = length * 10 + (byte - 0x30);
    pos++;
  }
  if (pos >= buf.length) return { ok: false, reason: 'incomplete record' };
  if (pos === start || buf[pos] !== SPACE) return { ok: false, reason: 'bad length field' };
  const checksumStart = pos + 1;
  const bodyStart = checksumStart + 9;
  if (bodyStart > buf.length) return { ok: false, reason: 'incomplete record' };
  let expected = 0;
  for (let i = checksumStart; i < checksumStart + 8; i++) {
    const digit = hexValue(buf[i] ?? -1);
    if (digit < 0) return { ok: false, reason: 'bad checksum field' };
    expected = expected * 16 + digit;
  }
  if (buf[checksumStart + 8] !== SPACE) return { ok: false, reason: 'bad checksum field' };
  const bodyEnd = bodyStart + length;
  if (bodyEnd >= buf.length) return { ok: false, reason: 'incomplete record' };
  if (buf[bodyEnd] !== NEWLINE) return { ok: false, reason: 'record not terminated' };
  const body = buf.subarray(bodyStart, bodyEnd);
  if (crc32(body) !== expected) return { ok: false, reason: 'checksum mismatch' };
  return { ok: true, payload: body.toString('utf8'), end: bodyEnd + 1 };
};

/**
 * Where the first intact frame after `from` starts, if any. A damaged frame with nothing intact
 * after it is a torn append; one with intact frames after it is damage in the middle.
 */
export const findIntactFrameAfter = (buf: Buffer, from: number): number | undefined => {
  for (let nl = buf.indexOf(NEWLINE, from); nl !== -1; nl = buf.indexOf(NEWLINE, nl + 1)) {
    if (readFrame(buf, nl + 1).ok) return nl + 1;
  }
  return undefined;
};
