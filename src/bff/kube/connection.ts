import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';

/**
 * Where the Kubernetes API is and how to trust it. `token` is the BFF's own credential (the
 * service account in a cluster, the embedded cluster's admin standalone): it is never sent on a
 * user's behalf, only used for what the BFF does itself (the VM index's watches), whose answers
 * are then authorized per user.
 */
export interface KubeConnection {
  server: URL;
  /** PEM bundle of the cluster's CA; TLS is always verified. */
  ca?: string;
  token?: string;
}

export interface KubeRequestOptions {
  method?: string;
  /** The `Authorization` header to send (the caller's); omitted when undefined. */
  authorization?: string;
  headers?: OutgoingHttpHeaders;
  /** A body to stream upstream, or bytes. */
  body?: Readable | Buffer | string;
  signal?: AbortSignal;
  /** Connect + first-byte timeout (ms); the body may stream for longer (watches). */
  timeoutMs?: number;
}

/** The upstream answer, not yet read: status, headers and a stream of the body. */
export type KubeResponse = IncomingMessage;

export class UpstreamUnavailableError extends Error {
  constructor(
    message: string,
    readonly code: 503 | 504,
  ) {
    super(message);
  }
}

/**
 * One request to the API server, streamed both ways (nothing buffered): resolves with the
 * response as soon as its headers arrive; rejects with UpstreamUnavailableError (503 when the
 * server cannot be reached, 504 when it does not answer in time).
 */
export const kubeRequest = (
  connection: KubeConnection,
  path: string,
  options: KubeRequestOptions = {},
): Promise<KubeResponse> =>
  new Promise((resolve, reject) => {
    const url = new URL(path, connection.server);
    const where = `the cluster at ${connection.server.origin}`;
    const timeoutMs = options.timeoutMs ?? 30_000;
    const headers: OutgoingHttpHeaders = { ...(options.headers ?? {}) };
    if (options.authorization) headers.authorization = options.authorization;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: options.method ?? 'GET',
      headers,
      ca: connection.ca,
      rejectUnauthorized: true,
    });
    // Not `signal` on the request: aborting that after the answer has been read destroys a
    // socket already back in the agent's pool, whose error then has no listener and crashes.
    // Once answered, an abort ends the answer (no error event: its readers see it close).
    const signal = options.signal;
    let answer: KubeResponse | undefined;
    const onAbort = () => {
      if (answer) answer.destroy();
      else
        req.destroy(Object.assign(new Error('The request was aborted.'), { name: 'AbortError' }));
    };
    const release = () => signal?.removeEventListener('abort', onAbort);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      req.destroy(
        new UpstreamUnavailableError(`No answer from ${where} within ${timeoutMs / 1000} s.`, 504),
      );
    }, timeoutMs);
    req.on('response', (response) => {
      clearTimeout(timer);
      answer = response;
      response.once('close', release);
      resolve(response);
    });
    req.on('error', (error: Error & { code?: string }) => {
      clearTimeout(timer);
      release();
      if (error instanceof UpstreamUnavailableError || error.name === 'AbortError')
        return reject(error);
      reject(
        new UpstreamUnavailableError(`Cannot reach ${where}: ${error.code ?? error.message}.`, 503),
      );
    });
    const body = options.body;
    if (body === undefined) req.end();
    else if (typeof body === 'string' || Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req);
  });
