// How the BFF's console WebSockets (`console/vnc/NS/NAME`, `console/serial/NS/NAME`) end, shared
// by the BFF and the console views. A browser cannot read the HTTP status of a refused
// WebSocket, so refusals arrive as an accepted socket closed at once with one of these codes and
// the cluster's own message as the reason.

/** Why a console socket ended, as the UI acts on it. */
export type ConsoleCloseKind =
  /** The VMI is not Running (or is paused): start it, then reconnect. */
  | 'not-running'
  /** `preserveSession=true` and another viewer holds the console. */
  | 'session-in-use'
  /** A newer viewer (without `preserveSession`) took the console over. */
  | 'session-taken'
  /** The user may not open this console (RBAC: `get` on the subresource). */
  | 'forbidden'
  /** No such VMI. */
  | 'not-found'
  /** Not logged in, or the token expired: log in again. */
  | 'unauthorized'
  /** The cluster or the BFF cannot be reached or answered an error: retry later. */
  | 'unavailable'
  /** The VM runs without a display or console here (e.g. no QEMU on this host). */
  | 'no-display'
  /** The cluster ended the session (the VM stopped, the console closed). */
  | 'upstream-closed';

/** The close code of each kind (4000–4999: application codes, never sent by browsers). */
export const CONSOLE_CLOSE_CODES: Readonly<Record<ConsoleCloseKind, number>> = {
  unauthorized: 4401,
  forbidden: 4403,
  'not-found': 4404,
  'session-in-use': 4409,
  'session-taken': 4410,
  'not-running': 4412,
  'no-display': 4501,
  'upstream-closed': 4502,
  unavailable: 4503,
};

const KIND_BY_CODE = new Map<number, ConsoleCloseKind>(
  Object.entries(CONSOLE_CLOSE_CODES).map(([kind, code]) => [code, kind as ConsoleCloseKind]),
);

/**
 * Standard codes a console socket may also end with: 1001 (the BFF is going away), 1006 (the
 * connection dropped, also when the BFF cannot be reached at all), 1011–1014 (server trouble).
 */
const UNAVAILABLE_STANDARD_CODES = new Set([1001, 1006, 1011, 1012, 1013, 1014]);

/**
 * The kind of a console socket's close code; undefined for a normal close (1000, 1005: the
 * page closed it) and for codes that are not ours.
 */
export const consoleCloseKind = (code: number): ConsoleCloseKind | undefined =>
  KIND_BY_CODE.get(code) ?? (UNAVAILABLE_STANDARD_CODES.has(code) ? 'unavailable' : undefined);

/** Whether reconnecting later may succeed without the user changing anything first. */
export const consoleCloseRetryable = (kind: ConsoleCloseKind): boolean =>
  kind === 'unavailable' || kind === 'upstream-closed' || kind === 'not-running';

/** The most a close reason may carry (RFC 6455: 125 bytes of payload, 2 of them the code). */
export const MAX_CLOSE_REASON_BYTES = 123;

/** `text` cut to fit a close frame (at a character boundary, with an ellipsis when cut). */
export const closeReason = (text: string): string => {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= MAX_CLOSE_REASON_BYTES) return text;
  const ellipsis = '…';
  const room = MAX_CLOSE_REASON_BYTES - encoder.encode(ellipsis).length;
  let cut = '';
  let size = 0;
  for (const char of text) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > room) break;
    cut += char;
    size += bytes;
  }
  return cut + ellipsis;
};

/** Subprotocols the console sockets accept (the first one offered wins, in this order). */
export const CONSOLE_SUBPROTOCOLS = ['plain.kubevirt.io', 'binary.k8s.io'] as const;
