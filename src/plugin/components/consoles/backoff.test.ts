import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, reconnectDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from 1 s and stops at 30 s', () => {
    const top = (attempt: number) => backoffDelay(attempt, DEFAULT_BACKOFF, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(top)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it('jitters between half the ceiling and the ceiling', () => {
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(2000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(3000);
    for (let i = 0; i < 50; i++) {
      const delay = backoffDelay(10);
      expect(delay).toBeGreaterThanOrEqual(15000);
      expect(delay).toBeLessThanOrEqual(30000);
    }
  });
});

describe('reconnectDelay', () => {
  it('retries what may heal by itself', () => {
    expect(reconnectDelay('unavailable', 1, DEFAULT_BACKOFF, () => 1)).toBe(1000);
    expect(reconnectDelay('upstream-closed', 2, DEFAULT_BACKOFF, () => 1)).toBe(2000);
    expect(reconnectDelay('not-running', 3, DEFAULT_BACKOFF, () => 1)).toBe(4000);
  });

  it('waits for the user when only the user can change the outcome', () => {
    for (const kind of [
      'forbidden',
      'not-found',
      'unauthorized',
      'no-display',
      'session-in-use',
      'session-taken',
    ] as const)
      expect(reconnectDelay(kind, 1)).toBeUndefined();
    expect(reconnectDelay(undefined, 1)).toBeUndefined();
  });

  it('gives up after the last attempt', () => {
    expect(reconnectDelay('unavailable', DEFAULT_BACKOFF.maxAttempts)).toBeDefined();
    expect(reconnectDelay('unavailable', DEFAULT_BACKOFF.maxAttempts + 1)).toBeUndefined();
  });
});
