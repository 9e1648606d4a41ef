import { describe, expect, it } from 'vitest';
import {
  CONSOLE_CLOSE_CODES,
  closeReason,
  consoleCloseKind,
  consoleCloseRetryable,
  MAX_CLOSE_REASON_BYTES,
} from './consoleSocket';

describe('console close codes', () => {
  it('maps every code back to its kind, and standard drops to unavailable', () => {
    for (const [kind, code] of Object.entries(CONSOLE_CLOSE_CODES)) {
      expect(code).toBeGreaterThanOrEqual(4000);
      expect(consoleCloseKind(code)).toBe(kind);
    }
    expect(new Set(Object.values(CONSOLE_CLOSE_CODES)).size).toBe(
      Object.keys(CONSOLE_CLOSE_CODES).length,
    );
    expect(consoleCloseKind(1006)).toBe('unavailable');
    expect(consoleCloseKind(1001)).toBe('unavailable');
    expect(consoleCloseKind(1000)).toBeUndefined();
    expect(consoleCloseKind(4999)).toBeUndefined();
  });

  it('says which kinds are worth a retry without the user doing anything', () => {
    expect(consoleCloseRetryable('unavailable')).toBe(true);
    expect(consoleCloseRetryable('forbidden')).toBe(false);
    expect(consoleCloseRetryable('session-in-use')).toBe(false);
  });

  it('cuts a reason to 123 bytes at a character boundary', () => {
    expect(closeReason('short')).toBe('short');
    const long = closeReason('é'.repeat(100));
    expect(new TextEncoder().encode(long).length).toBeLessThanOrEqual(MAX_CLOSE_REASON_BYTES);
    expect(long.endsWith('é…')).toBe(true);
    const exact = 'x'.repeat(MAX_CLOSE_REASON_BYTES);
    expect(closeReason(exact)).toBe(exact);
  });
});
