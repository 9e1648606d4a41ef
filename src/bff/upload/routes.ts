import type { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { failureStatus, type KubernetesStatus } from '../../common/cluster-info';
import { formatByteCount } from '../../common/uploadProgress';
import { AccessError, selfAccessReview } from '../kube/accessReview';
import { UpstreamUnavailableError, type KubeConnection } from '../kube/connection';
import { UploadError } from './errors';
import { UploadProgressBook, type UploadTracker } from './progress';
import {
  BodyTooLargeError,
  ClientAbortedError,
  ProxyUnavailableError,
  relayUpload,
  requestUploadToken,
  uploadProxyTrust,
  uploadProxyURL,
  UploadStreamError,
  type ProxyAnswer,
} from './proxy';
import { awaitUploadTarget, describeTarget, stillWaiting, type UploadTarget } from './target';

export interface UploadRoutesOptions {
  connection: KubeConnection;
  /** The caller's `Authorization` value (the console's header, or the session's token). */
  authorization(request: FastifyRequest): string | undefined;
  /** The CDI upload proxy's base URL; default: CDIConfig `config` status.uploadProxyURL. */
  uploadProxyURL?: string;
  /** A PEM bundle trusted for the upload proxy besides the system's roots and `connection.ca`. */
  uploadProxyCA?: string;
  /** Largest image accepted (bytes), enforced while streaming; default 100 GiB. */
  bodyLimit?: number;
  /** How long an upload waits for its DataVolume to become UploadReady (ms); default 2 min. */
  readyTimeoutMs?: number;
  /** Connect timeout to the upload proxy (ms); default 30 s. */
  connectTimeoutMs?: number;
  /** The upload states (tests and the server may share one); default a new book. */
  progress?: UploadProgressBook;
}

const DEFAULT_BODY_LIMIT = 100 * 2 ** 30;
/** DNS-1123 subdomain names: a namespace and a claim name are never anything else. */
const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

interface Params {
  namespace: string;
  name: string;
}

const send = (reply: FastifyReply, status: KubernetesStatus) =>
  reply.code(status.code).header('Cache-Control', 'no-store').send(status);

const fail = (reply: FastifyReply, code: number, reason: string, message: string) =>
  send(reply, failureStatus(code, reason, message));

/** The Status for an error met before any byte moved (the target, the token, the proxy URL). */
const statusOf = (error: unknown): KubernetesStatus | undefined => {
  if (error instanceof UploadError || error instanceof AccessError) return error.status;
  if (error instanceof UpstreamUnavailableError)
    return failureStatus(
      error.code,
      error.code === 504 ? 'Timeout' : 'ServiceUnavailable',
      error.message,
    );
  return undefined;
};

const bytes = (tracker: UploadTracker) =>
  tracker.bytesTotal === undefined
    ? formatByteCount(tracker.bytesReceived)
    : `${formatByteCount(tracker.bytesReceived)} of ${formatByteCount(tracker.bytesTotal)}`;

/** Why the relay ended without the proxy's answer, and the Status the browser gets (if it is still there). */
const relayFailure = (
  error: unknown,
  limit: number,
  url: URL,
): { because: string; status: KubernetesStatus } => {
  if (error instanceof BodyTooLargeError) {
    const because = `the file is larger than this server's limit of ${formatByteCount(limit)}`;
    return { because, status: failureStatus(413, 'RequestEntityTooLarge', because) };
  }
  if (error instanceof ClientAbortedError) {
    const because = 'the browser closed the connection';
    return { because, status: failureStatus(499, 'ClientClosedRequest', because) };
  }
  if (error instanceof ProxyUnavailableError) {
    const because = error.because;
    return {
      because,
      status: failureStatus(
        error.code,
        error.code === 504 ? 'Timeout' : 'ServiceUnavailable',
        error.message,
      ),
    };
  }
  const because =
    error instanceof UploadStreamError
      ? error.message
      : `relaying to the upload proxy at ${url.origin} failed (${(error as Error).message})`;
  return { because, status: failureStatus(502, 'BadGateway', because) };
};

/** The proxy's refusal as a Status: 400 an image it cannot take, 503 not ready yet, else 502. */
const answerFailure = (answer: ProxyAnswer): { because: string; status: KubernetesStatus } => {
  const said = answer.text || `HTTP ${answer.status}`;
  if (answer.status === 400 || answer.status === 413 || answer.status === 422) {
    const because = `the upload proxy refused the image: ${said}`;
    return { because, status: failureStatus(400, 'BadRequest', because) };
  }
  if (answer.status === 503) {
    const because = `the upload proxy is not ready for it yet: ${said}`;
    return { because, status: failureStatus(503, 'ServiceUnavailable', because) };
  }
  const because = `the upload proxy answered ${answer.status}: ${said}`;
  return { because, status: failureStatus(502, 'BadGateway', because) };
};

/**
 * `POST upload/NS/NAME`: the browser's image (raw, qcow2, gzip or xz; the upload proxy converts)
 * relayed to CDI's upload proxy with an upload token asked as the caller; `GET upload/NS/NAME`:
 * where the last upload into that volume stands (`UploadProgress`), for whoever may get the PVC.
 */
export const uploadRoutes: FastifyPluginAsync<UploadRoutesOptions> = async (app, options) => {
  const { connection } = options;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const book = options.progress ?? new UploadProgressBook();
  const ca = uploadProxyTrust(connection.ca, options.uploadProxyCA);

  // The body goes upstream as it comes: never parsed, never buffered.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  const callerOf = (request: FastifyRequest, reply: FastifyReply) => {
    const authorization = options.authorization(request);
    if (!authorization) fail(reply, 401, 'Unauthorized', 'Log in to upload images.');
    return authorization;
  };
  const checkNames = (params: Params, reply: FastifyReply) => {
    const bad = [params.namespace, params.name].find((n) => !NAME.test(n));
    if (bad !== undefined)
      fail(reply, 400, 'BadRequest', `"${bad}" is not a namespace or volume name.`);
    return bad === undefined;
  };

  app.get<{ Params: Params }>('/:namespace/:name', async (request, reply) => {
    const authorization = callerOf(request, reply);
    if (!authorization || !checkNames(request.params, reply)) return reply;
    const { namespace, name } = request.params;
    try {
      const allowed = await selfAccessReview(connection, authorization, {
        verb: 'get',
        resource: 'persistentvolumeclaims',
        namespace,
        name,
      });
      if (!allowed)
        return fail(
          reply,
          403,
          'Forbidden',
          `persistentvolumeclaims "${name}" is forbidden: you cannot get it in the namespace "${namespace}", so you cannot see its upload.`,
        );
    } catch (error) {
      const status = statusOf(error);
      if (status) return send(reply, status);
      throw error;
    }
    const progress = book.get(namespace, name);
    if (!progress)
      return fail(
        reply,
        404,
        'NotFound',
        `No upload into ${namespace}/${name} has gone through this server lately.`,
      );
    return reply.header('Cache-Control', 'no-store').send(progress);
  });

  app.post<{ Params: Params }>(
    '/:namespace/:name',
    { bodyLimit: Math.min(bodyLimit, Number.MAX_SAFE_INTEGER) },
    async (request, reply) => {
      const authorization = callerOf(request, reply);
      if (!authorization || !checkNames(request.params, reply)) return reply;
      const { namespace, name } = request.params;
      const lengthHeader = request.headers['content-length'];
      const length = lengthHeader === undefined ? undefined : Number(lengthHeader);
      if (length !== undefined && length > bodyLimit)
        return fail(
          reply.header('Connection', 'close'),
          413,
          'RequestEntityTooLarge',
          `The file (${formatByteCount(length)}) is larger than this server's limit of ${formatByteCount(bodyLimit)}.`,
        );
      const body = request.body as Readable | undefined;
      if (!body || length === 0)
        return fail(reply, 400, 'BadRequest', 'Send the image file as the request body.');
      // The browser leaving ends everything upstream too.
      const controller = new AbortController();
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) controller.abort();
      });
      const refuse = (error: unknown) => {
        const status = statusOf(error);
        if (status) return send(reply.header('Connection', 'close'), status);
        throw error;
      };

      let target: UploadTarget;
      try {
        target = await awaitUploadTarget(connection, authorization, namespace, name, {
          waitMs: options.readyTimeoutMs ?? 120_000,
          signal: controller.signal,
        });
      } catch (error) {
        return refuse(error);
      }
      // Only now, with the caller allowed to read the volume, may they learn of another upload.
      if (!book.claim(namespace, name)) {
        const current = book.get(namespace, name);
        return fail(
          reply.header('Connection', 'close'),
          409,
          'Conflict',
          `An upload into ${namespace}/${name} is already under way${current ? ` (${formatByteCount(current.bytesReceived)} received)` : ''}: wait for it to finish or fail before uploading again.`,
        );
      }

      try {
        let token: string;
        let url: URL;
        try {
          token = await requestUploadToken(connection, authorization, namespace, name);
          url = await uploadProxyURL(connection, authorization, options.uploadProxyURL);
        } catch (error) {
          return refuse(error);
        }

        const tracker = book.begin(namespace, name, length);
        let outcome: { because: string; status: KubernetesStatus } | undefined;
        try {
          const answer = await relayUpload(url, {
            token,
            ca,
            body,
            length,
            limit: bodyLimit,
            signal: controller.signal,
            connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
            onBytes: (received) => {
              tracker.received(received);
              if (received === length)
                tracker.note(
                  `All ${formatByteCount(received)} received; the upload proxy is writing the image into the volume.`,
                );
            },
          });
          if (answer.status >= 200 && answer.status < 300) {
            const message = `Uploaded ${formatByteCount(tracker.bytesReceived)} into ${describeTarget(target)}.`;
            tracker.done(message);
            request.log.info({ namespace, name, bytes: tracker.bytesReceived }, message);
            return reply.header('Cache-Control', 'no-store').send(book.get(namespace, name));
          }
          outcome = answerFailure(answer);
        } catch (error) {
          outcome = relayFailure(error, bodyLimit, url);
        }

        // How to go on: CDI uploads do not resume mid-file, so either the same volume still
        // waits (upload the file again) or it has moved on (recreate it).
        const after = await stillWaiting(connection, authorization, target);
        let next = !after
          ? `check that ${describeTarget(target)} still shows UploadReady and upload the file again; if it does not, delete it and create it again`
          : after.waiting
            ? `the ${target.kind === 'DataVolume' ? 'DataVolume' : 'PVC'} still waits for an upload: upload the file again`
            : `${after.advice.replace(/\.$/, '')}`;
        if (after?.waiting && outcome.status.code === 400)
          next = `the ${target.kind === 'DataVolume' ? 'DataVolume' : 'PVC'} still waits for an upload: upload an image that fits, or delete it and create it again larger`;
        const message = tracker.bytesReceived
          ? `The upload stopped after ${bytes(tracker)} because ${outcome.because}; ${next}.`
          : `The upload did not start because ${outcome.because}; ${next}.`;
        tracker.failed(message);
        request.log.warn({ namespace, name, bytes: tracker.bytesReceived }, message);
        return send(reply.header('Connection', 'close'), { ...outcome.status, message });
      } finally {
        book.release(namespace, name);
      }
    },
  );
};
