import { crc32 } from './crc32';
import { encodeFrame, findIntactFrameAfter, readFrame } from './frame';

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789')).toString(16)).toBe('cbf43926');
  });
});

describe('frames', () => {
  const payload = '{"rv":1,"op":"put","key":"k","object":{"ünïcode":"✓"}}';

  it('round-trips a payload, counting its length in bytes not characters', () => {
    const frame = encodeFrame(payload);
    expect(frame.toString('utf8')).toMatch(/^\d+ [0-9a-f]{8} \{.*\}\n$/);
    expect(readFrame(frame, 0)).toEqual({ ok: true, payload, end: frame.length });
  });

  it('reads consecutive frames', () => {
    const buf = Buffer.concat([encodeFrame('"a"'), encodeFrame('"bb"')]);
    const first = readFrame(buf, 0);
    expect(first.ok && readFrame(buf, first.end)).toMatchObject({
      ok: true,
      payload: '"bb"',
      end: buf.length,
    });
  });

  it('refuses every prefix of a frame as incomplete or damaged', () => {
    const frame = encodeFrame(payload);
    for (let cut = 0; cut < frame.length; cut++) {
      expect(readFrame(frame.subarray(0, cut), 0).ok).toBe(false);
    }
  });

  it('refuses a frame with any single byte changed', () => {
    const frame = encodeFrame(payload);
    for (let i = 0; i < frame.length; i++) {
      const damaged = Buffer.from(frame);
      damaged[i] = (damaged[i] ?? 0) ^ 0x01;
      expect(readFrame(damaged, 0).ok, `byte ${i}`).toBe(false);
    }
  });

  it('finds the next intact frame after damage, and none after a torn tail', () => {
    const good = encodeFrame('"good"');
    const damaged = Buffer.from(encodeFrame('"lost"'));
    damaged[damaged.length - 3] = 0x58;
    expect(findIntactFrameAfter(Buffer.concat([damaged, good]), 0)).toBe(damaged.length);
    expect(
      findIntactFrameAfter(Buffer.concat([good.subarray(0, 5), Buffer.alloc(4096)]), 0),
    ).toBeUndefined();
  });
});
