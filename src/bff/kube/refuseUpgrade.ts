import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { failureStatus } from '../../common/cluster-info';

/** Answers a WebSocket upgrade with an HTTP error (a Kubernetes Status) and closes the socket. */
export const refuseUpgrade = (socket: Duplex, code: number, reason: string, message: string) => {
  const body = JSON.stringify(failureStatus(code, reason, message));
  socket.end(
    `HTTP/1.1 ${code} ${STATUS_CODES[code]}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
};
