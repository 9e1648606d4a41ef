import { consoleCloseRetryable, type ConsoleCloseKind } from '../../../common/consoleSocket';

/** How often and how patiently the console reconnects by itself. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 30_000, maxAttempts: 8 };

/**
 * The wait before reconnect attempt `attempt` (1-based): doubling from `baseMs`, capped at
 * `maxMs`, with "equal jitter" (half fixed, half random) so many viewers do not return at once.
 */
export const backoffDelay = (
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number => {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
};

/**
 * The wait before reconnecting after a close of `kind`, when `attempt` would be the next try;
 * undefined when the console should not reconnect by itself (the user must act, or it gave up).
 */
export const reconnectDelay = (
  kind: ConsoleCloseKind | undefined,
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number | undefined => {
  if (!kind || !consoleCloseRetryable(kind) || attempt > policy.maxAttempts) return undefined;
  return backoffDelay(attempt, policy, random);
};
