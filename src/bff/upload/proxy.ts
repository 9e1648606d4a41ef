import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform, type Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';
import { askJSON, refused } from '../kube/accessReview';
import { UpstreamUnavailableError, type KubeConnection } from '../kube/connection';
import { uploadError } from './errors';

/**
 * An upload token for `pvcName`, asked AS THE CALLER (`UploadTokenRequest`): whoever may not
 * upload into the claim gets the cluster's own refusal (403).
 */
export const requestUploadToken = async (
  connection: KubeConnection,
  authorization: string,
  namespace: string,
  pvcName: string,
): Promise<string> => {
  const { status, body } = await askJSON(
    connection,
    `/apis/upload.cdi.kubevirt.io/v1beta1/namespaces/${namespace}/uploadtokenrequests`,
    authorization,
    {
      apiVersion: 'upload.cdi.kubevirt.io/v1beta1',
      kind: 'UploadTokenRequest',
      metadata: { name: pvcName, namespace },
      spec: { pvcName },
    },
  );
  const token = (body as { status?: { token?: unknown } } | undefined)?.status?.token;
  if ((status === 201 || status === 200) && typeof token === 'string' && token) return token;
  throw refused(status, body, 'The upload token request');
};

/**
 * Where the upload proxy is: `configured` when given, else CDIConfig `config`'s
 * status.uploadProxyURL. CDIConfig is cluster-scoped configuration, not user data (CDI lets
 * every authenticated user read it), so it is read with the BFF's own credential when the BFF
 * has one, else with the caller's. A bare host (an OpenShift Route's) means https.
 */
export const uploadProxyURL = async (
  connection: KubeConnection,
  authorization: string,
  configured?: string,
): Promise<URL> => {
  let base = configured;
  if (!base) {
    const { status, body } = await askJSON(
      connection,
      '/apis/cdi.kubevirt.io/v1beta1/cdiconfigs/config',
      connection.token ? `Bearer ${connection.token}` : authorization,
    );
    if (status !== 200) throw refused(status, body, 'Reading CDIConfig "config"');
    base = (body as { status?: { uploadProxyURL?: string } }).status?.uploadProxyURL;
    if (!base)
      throw uploadError(
        503,
        'ServiceUnavailable',
        'The cluster names no CDI upload proxy (CDIConfig "config" has no status.uploadProxyURL): expose cdi-uploadproxy or give the BFF its URL (uploadProxyURL).',
      );
  }
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(base) ? base : `https://${base}`;
  return new URL(`${absolute.replace(/\/+$/, '')}/v1beta1/upload`);
};

/** The trust for the upload proxy: the system's roots plus the cluster's CA and `extra`. */
export const uploadProxyTrust = (...bundles: (string | undefined)[]): string[] | undefined => {
  const own = bundles.filter((b): b is string => !!b);
  return own.length ? [...rootCertificates, ...own] : undefined;
};

/** The upload proxy cannot be reached (503) or does not take the connection in time (504). */
export class ProxyUnavailableError extends UpstreamUnavailableError {
  constructor(
    /** The reason as a clause: "the upload proxy at … cannot be reached (ECONNREFUSED)". */
    readonly because: string,
    code: 503 | 504,
  ) {
    super(`${because.charAt(0).toUpperCase()}${because.slice(1)}.`, code);
  }
}

export class BodyTooLargeError extends Error {}
export class ClientAbortedError extends Error {}
/** The upload proxy's connection broke once bytes were moving. */
export class UploadStreamError extends Error {}

export interface RelayOptions {
  token: string;
  /** CA bundles to trust (undefined: the system's). */
  ca?: string[];
  /** The browser's body, read as it comes (backpressure: no faster than the proxy takes it). */
  body: Readable;
  /** The declared Content-Length, passed on. */
  length?: number;
  limit: number;
  /** Called with the running total after each chunk is passed on. */
  onBytes(received: number): void;
  /** Aborted when the browser leaves: the upstream request is destroyed too. */
  signal: AbortSignal;
  connectTimeoutMs: number;
}

/** The upload proxy's answer: its status and (up to 64 KiB of) its text. */
export interface ProxyAnswer {
  status: number;
  text: string;
}

const ANSWER_LIMIT = 64 * 1024;

/**
 * POSTs the body to the upload proxy, streamed with backpressure and counted against `limit`
 * (nothing is held in memory). Resolves with the proxy's answer; rejects with
 * BodyTooLargeError, ClientAbortedError, ProxyUnavailableError (503 unreachable, 504 no
 * connection in time) or UploadStreamError (the connection broke mid-stream).
 *
 * There is no timeout once connected: the proxy answers only after it has written the image
 * (converting a qcow2 takes a while), and the browser leaving ends it.
 */
export const relayUpload = (url: URL, options: RelayOptions): Promise<ProxyAnswer> =>
  new Promise((resolve, reject) => {
    const { body, signal } = options;
    const where = `the upload proxy at ${url.origin}`;
    const headers: OutgoingHttpHeaders = {
      authorization: `Bearer ${options.token}`,
      'content-type': 'application/octet-stream',
    };
    if (options.length !== undefined) headers['content-length'] = options.length;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(url, {
      method: 'POST',
      headers,
      ca: options.ca,
      rejectUnauthorized: true,
      agent: false,
    });

    let connected = false;
    let seen = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        seen += chunk.length;
        if (seen > options.limit) return callback(new BodyTooLargeError());
        options.onBytes(seen);
        callback(null, chunk);
      },
    });

    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      signal.removeEventListener('abort', onAbort);
      body.unpipe(meter);
      meter.destroy();
      upstream.destroy();
      finish();
    };
    const fail = (error: Error) => settle(() => reject(error));
    const onAbort = () => fail(new ClientAbortedError('The browser closed the connection.'));

    const connectTimer = setTimeout(
      () =>
        fail(
          new ProxyUnavailableError(
            `${where} took no connection within ${options.connectTimeoutMs / 1000} s`,
            504,
          ),
        ),
      options.connectTimeoutMs,
    );
    // The body is read only once the proxy is there: an unreachable one takes nothing.
    upstream.on('socket', (socket) => {
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
        connected = true;
        clearTimeout(connectTimer);
        if (!settled) body.pipe(meter).pipe(upstream);
      });
    });
    upstream.on('error', (error: Error & { code?: string }) => {
      const reason = error.code ?? error.message;
      fail(
        connected
          ? new UploadStreamError(`${where} broke the connection (${reason})`)
          : new ProxyUnavailableError(`${where} cannot be reached (${reason})`, 503),
      );
    });
    upstream.on('response', (response) => {
      response.setEncoding('utf8');
      let text = '';
      response.on('data', (chunk: string) => {
        if (text.length < ANSWER_LIMIT) text += chunk;
      });
      response.on('error', () => undefined);
      // An early refusal (the proxy answers before the body is through) stops the relay too.
      response.on('end', () =>
        settle(() => resolve({ status: response.statusCode ?? 502, text: text.trim() })),
      );
    });

    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    body.on('error', onAbort);
    meter.on('error', (error) => fail(error));
  });
