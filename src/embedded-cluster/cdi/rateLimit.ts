import { Transform } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { quantityBytes } from '../volumes';

const DEFAULT_RATE = 16 * 2 ** 20;
const PIECE = 64 * 2 ** 10;

/**
 * Bytes per second the image mirror serves at: `EMBEDDED_IMAGE_RATE` (a quantity such as
 * `4Mi`), else 16 MiB/s, so imports take visible time as over a real link.
 */
export const imageRate = (): number => {
  const configured = quantityBytes(process.env.EMBEDDED_IMAGE_RATE);
  return configured && configured > 0 ? configured : DEFAULT_RATE;
};

/** A pass-through stream that lets at most `bytesPerSecond` through (in 64 KiB pieces). */
export const throttle = (bytesPerSecond: number): Transform => {
  const started = Date.now();
  let passed = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      void (async () => {
        for (let at = 0; at < chunk.length; at += PIECE) {
          const piece = chunk.subarray(at, at + PIECE);
          passed += piece.length;
          const due = started + (passed / bytesPerSecond) * 1000;
          const wait = due - Date.now();
          if (wait > 0) await sleep(wait);
          this.push(piece);
        }
      })().then(() => done(), done);
    },
  });
};
