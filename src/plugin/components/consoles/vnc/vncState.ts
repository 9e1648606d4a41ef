import type { ConsoleCloseKind } from '../../../../common/consoleSocket';
import { DEFAULT_BACKOFF, reconnectDelay, type BackoffPolicy } from '../backoff';

/** Where a VNC console stands. */
export type VncState =
  | { phase: 'idle' }
  | { phase: 'connecting'; attempt: number }
  | { phase: 'connected' }
  | {
      phase: 'disconnected';
      /** Why the socket closed (undefined: a plain close, or the VNC handshake failed). */
      kind?: ConsoleCloseKind;
      /** The cluster's message from the close frame. */
      reason?: string;
      /** The user pressed Disconnect. */
      byUser?: boolean;
      /** The attempt that failed (0: the first connection of this series). */
      attempt: number;
      /** When an automatic reconnect is due (ms since the epoch). */
      retryAt?: number;
    };

/** The state after the socket closed on attempt `attempt`, with a reconnect planned if it may help. */
export const closedState = (
  kind: ConsoleCloseKind | undefined,
  reason: string,
  attempt: number,
  now: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): Extract<VncState, { phase: 'disconnected' }> => {
  const delay = reconnectDelay(kind, attempt + 1, policy, random);
  return {
    phase: 'disconnected',
    kind,
    reason: reason || undefined,
    attempt,
    retryAt: delay === undefined ? undefined : now + delay,
  };
};
