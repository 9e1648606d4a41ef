// Helpers for the runtime's unit tests: temporary directories with short paths (unix socket
// paths are limited to 107 bytes) and a unix-socket server that records its connections.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const tempDir = (prefix = 'vp-rt-'): { path: string; remove: () => void } => {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
};

export interface FakeServer {
  server: net.Server;
  connections: net.Socket[];
  /** Resolves with the next connection (or one already made and not yet taken). */
  nextConnection: () => Promise<net.Socket>;
  close: () => Promise<void>;
}

export const listenUnix = async (path: string): Promise<FakeServer> => {
  const connections: net.Socket[] = [];
  const queued: net.Socket[] = [];
  const waiting: ((socket: net.Socket) => void)[] = [];
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined); // the client may reset the connection
    connections.push(socket);
    const waiter = waiting.shift();
    if (waiter) waiter(socket);
    else queued.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    server,
    connections,
    nextConnection: () =>
      new Promise((resolve) => {
        const socket = queued.shift();
        if (socket) resolve(socket);
        else waiting.push(resolve);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of connections) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

/** Collects everything a socket receives. */
export const collect = (socket: net.Socket): { data: () => Buffer } => {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { data: () => Buffer.concat(chunks) };
};

/** Polls `check` until it is truthy (bounded). */
export const eventually = async <T>(
  check: () => T | Promise<T>,
  timeoutMs = 2_000,
  intervalMs = 10,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
};
