// Helpers for the kube/ tests: an exact HTTP client (no URL normalisation, streamed answers)
// and a local server standing where the API server would.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type RequestListener,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../embedded-cluster/cluster';
import type { KubeConnection } from './connection';

export interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
  json<T = Record<string, unknown>>(): T;
}

/** Sends exactly `path` (dot segments and encodings untouched) and returns the answer's head. */
export const open = (
  base: string,
  path: string,
  options: {
    method?: string;
    headers?: OutgoingHttpHeaders;
    body?: string | Buffer;
    signal?: AbortSignal;
  } = {},
): Promise<IncomingMessage> =>
  new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      path,
      method: options.method ?? 'GET',
      headers: options.headers,
      signal: options.signal,
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end(options.body);
  });

export const readAll = async (response: IncomingMessage): Promise<Answer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return {
    status: response.statusCode ?? 0,
    headers: response.headers,
    text,
    json: <T>() => JSON.parse(text) as T,
  };
};

export const call = async (
  base: string,
  path: string,
  options: Parameters<typeof open>[2] = {},
): Promise<Answer> => readAll(await open(base, path, options));

/** Reads newline-delimited JSON (a watch) until `predicate` holds for one of its lines. */
export const readLinesUntil = async <T>(
  response: IncomingMessage,
  predicate: (line: T) => boolean,
): Promise<T[]> => {
  const seen: T[] = [];
  let buffered = '';
  for await (const chunk of response) {
    buffered += (chunk as Buffer).toString('utf8');
    let newline: number;
    while ((newline = buffered.indexOf('\n')) !== -1) {
      const line = JSON.parse(buffered.slice(0, newline)) as T;
      buffered = buffered.slice(newline + 1);
      seen.push(line);
      if (predicate(line)) return seen;
    }
  }
  throw new Error(`The stream ended before the expected line; saw ${JSON.stringify(seen)}`);
};

export const listen = async (
  handler: RequestListener,
): Promise<{ server: Server; url: URL; close(): Promise<void> }> => {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** A URL where nothing listens (a port that was free a moment ago). */
export const deadURL = async (): Promise<URL> => {
  const { url, close } = await listen(() => undefined);
  await close();
  return url;
};

/** A port free a moment ago (for a server that must come back on the same address). */
export const freePort = async (): Promise<number> => {
  const { url, close } = await listen(() => undefined);
  await close();
  return Number(url.port);
};

/**
 * The embedded cluster (simulated guests, no sample VMs) in `dataDir`, a connection to it over
 * HTTPS with its CA, and the Authorization headers of its users. The connection carries the
 * admin's token as the BFF's own credential: code acting for a user must never send it.
 */
export const startClusterForBff = async (
  dataDir: string,
  ports: { httpPort?: number; httpsPort?: number } = {},
): Promise<{
  cluster: EmbeddedCluster;
  connection: KubeConnection;
  admin: string;
  developer: string;
}> => {
  const cluster = await startEmbeddedCluster({
    dataDir,
    runtime: 'simulated',
    sampleVMs: false,
    ...ports,
  });
  const token = (name: string) => cluster.users.find((u) => u.username === name)?.token ?? '';
  return {
    cluster,
    connection: { server: new URL(cluster.httpsURL), ca: cluster.caCert, token: token('admin') },
    admin: `Bearer ${token('admin')}`,
    developer: `Bearer ${token('developer')}`,
  };
};
