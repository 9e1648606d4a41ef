import { STATUS_CODES, type IncomingMessage } from 'node:http';
import { isKubernetesStatus } from '../../common/cluster-info';
import {
  CONSOLE_CLOSE_CODES,
  closeReason,
  type ConsoleCloseKind,
} from '../../common/consoleSocket';

/** How a console socket is closed: a code of `CONSOLE_CLOSE_CODES` and a short reason. */
export interface ConsoleClose {
  kind: ConsoleCloseKind;
  code: number;
  reason: string;
}

export const consoleClose = (kind: ConsoleCloseKind, message: string): ConsoleClose => ({
  kind,
  code: CONSOLE_CLOSE_CODES[kind],
  reason: closeReason(message),
});

const MAX_BODY_BYTES = 16 * 1024;

/**
 * The kind of a refused subresource upgrade. virt-api answers 400 "Unable to connect to VM
 * because phase is X instead of Running", 409 "VMI is paused" (and the embedded cluster 409 for a
 * taken VNC session), 503 "Active VNC connection. Request denied." for `preserveSession`, and the
 * embedded cluster 503 "no display in this environment" without QEMU.
 */
export const refusalKind = (status: number, message: string): ConsoleCloseKind => {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (/active (vnc|console|serial) connection/i.test(message)) return 'session-in-use';
  if (/not running|instead of running|is paused/i.test(message)) return 'not-running';
  if (status === 400) return 'not-running';
  if (status === 409) return 'session-in-use';
  if (/no display/i.test(message)) return 'no-display';
  return 'unavailable';
};

/** The message of an upstream refusal: its Status `message`, its text, or its HTTP status. */
export const readRefusalMessage = async (response: IncomingMessage): Promise<string> => {
  const status = response.statusCode ?? 502;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) break;
    }
  } catch {
    // A body cut short still leaves its status to describe.
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  try {
    const body: unknown = JSON.parse(text);
    if (isKubernetesStatus(body) && body.message) return body.message;
  } catch {
    // Not JSON: KubeVirt answers some refusals as text/plain.
  }
  return text || `The cluster answered HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trim() + '.';
};

/** The close of a refused upgrade: its kind, and the cluster's message as the reason. */
export const refusalClose = (status: number, message: string): ConsoleClose =>
  consoleClose(refusalKind(status, message), message);
