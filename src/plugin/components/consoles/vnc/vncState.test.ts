import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF } from '../backoff';
import { closedState } from './vncState';

describe('closedState', () => {
  it('plans a reconnect with backoff for a dropped connection', () => {
    expect(closedState('unavailable', '', 0, 10_000, DEFAULT_BACKOFF, () => 1)).toEqual({
      phase: 'disconnected',
      kind: 'unavailable',
      reason: undefined,
      attempt: 0,
      retryAt: 11_000,
    });
    expect(
      closedState('not-running', 'VMI is paused', 2, 0, DEFAULT_BACKOFF, () => 1),
    ).toMatchObject({
      reason: 'VMI is paused',
      retryAt: 4000,
    });
  });

  it('plans none when the user must act or the attempts ran out', () => {
    expect(closedState('session-in-use', 'Active VNC connection', 0, 0).retryAt).toBeUndefined();
    expect(closedState(undefined, '', 0, 0).retryAt).toBeUndefined();
    expect(closedState('unavailable', '', DEFAULT_BACKOFF.maxAttempts, 0).retryAt).toBeUndefined();
  });
});
