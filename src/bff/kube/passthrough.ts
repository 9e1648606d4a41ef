import { Transform, type Readable } from 'node:stream';
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { failureStatus } from '../../common/cluster-info';
import { kubeRequest, UpstreamUnavailableError, type KubeConnection } from './connection';
import { checkKubePath } from './kubePath';

export interface KubePassthroughOptions {
  connection: KubeConnection;
  /** The caller's `Authorization` value (the console's header, or the session's token). */
  authorization(request: FastifyRequest): string | undefined;
  /** Largest request body forwarded (bytes); default 10 MiB. */
  bodyLimit?: number;
  /** Connect + first-byte timeout upstream (ms); bodies and watches may stream for longer. */
  timeoutMs?: number;
}

const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

/** What the API server needs from the caller's request; nothing else (no cookies) goes on. */
const REQUEST_HEADERS = ['accept', 'content-type', 'content-length'];
/** What the caller gets back; never Set-Cookie, and our own Cache-Control. */
const RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'warning',
  'audit-id',
  'retry-after',
  'x-kubernetes-pf-flowschema-uid',
  'x-kubernetes-pf-prioritylevel-uid',
];

class BodyTooLargeError extends Error {}

/** Passes the body on while counting it, failing once it passes `limit` bytes. */
const limitBody = (body: Readable, limit: number): Transform => {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(new BodyTooLargeError());
      else callback(null, chunk);
    },
  });
  body.on('error', (error) => counter.destroy(error));
  return body.pipe(counter);
};

const fail = (reply: FastifyReply, code: number, reason: string, message: string) =>
  reply
    .code(code)
    .header('Cache-Control', 'no-store')
    .send(failureStatus(code, reason, message));

/**
 * The Kubernetes REST API, forwarded as the caller: `<prefix>/api/v1/namespaces` is the API
 * server's `/api/v1/namespaces`, every verb, bodies and answers streamed both ways (large lists
 * and watches are never buffered). The BFF's own credential is never used here.
 */
export const kubePassthrough: FastifyPluginAsync<KubePassthroughOptions> = async (app, options) => {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  // Bodies go upstream as they come, whatever their type (JSON, the patch types, YAML, protobuf).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  const prefix = app.prefix;

  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    exposeHeadRoute: false,
    handler: async (request, reply) => {
      const raw = request.raw.url ?? '';
      const queryAt = raw.indexOf('?');
      const pathname = queryAt === -1 ? raw : raw.slice(0, queryAt);
      const query = queryAt === -1 ? '' : raw.slice(queryAt);
      // The router matched a decoded path; what goes upstream is the path as sent.
      if (!pathname.startsWith(prefix))
        return fail(reply, 404, 'NotFound', `Nothing at ${pathname}.`);
      const upstreamPath = pathname.slice(prefix.length);
      const check = checkKubePath(upstreamPath);
      if (!check.ok)
        return fail(
          reply,
          check.code,
          check.code === 404 ? 'NotFound' : 'BadRequest',
          check.message,
        );

      const authorization = options.authorization(request);
      if (!authorization)
        return fail(reply, 401, 'Unauthorized', 'Log in to use the Kubernetes API.');

      const tooLarge = () =>
        fail(
          reply.header('Connection', 'close'),
          413,
          'RequestEntityTooLarge',
          `The request body is larger than ${bodyLimit} bytes.`,
        );
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > bodyLimit) return tooLarge();

      const headers: OutgoingHttpHeaders = {};
      for (const name of REQUEST_HEADERS) {
        const value = request.headers[name];
        if (value !== undefined) headers[name] = value;
      }

      // The caller leaving ends the upstream request too (watches would otherwise run on).
      const controller = new AbortController();
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) controller.abort();
      });
      let bodyTooLarge = false;
      let body: Readable | undefined;
      if (request.body) {
        body = limitBody(request.body as Readable, bodyLimit);
        body.on('error', (error) => {
          bodyTooLarge = error instanceof BodyTooLargeError;
          controller.abort();
        });
      }

      let upstream;
      try {
        upstream = await kubeRequest(options.connection, upstreamPath + query, {
          method: request.method,
          authorization,
          headers,
          body,
          signal: controller.signal,
          timeoutMs: options.timeoutMs,
        });
      } catch (error) {
        if (bodyTooLarge) return tooLarge();
        if (error instanceof UpstreamUnavailableError)
          return fail(
            reply,
            error.code,
            error.code === 504 ? 'Timeout' : 'ServiceUnavailable',
            error.message,
          );
        if (controller.signal.aborted)
          return fail(reply, 499, 'ClientClosedRequest', 'The caller closed the request.');
        throw error;
      }

      reply.code(upstream.statusCode ?? 502);
      for (const name of RESPONSE_HEADERS) {
        const value = upstream.headers[name];
        if (value !== undefined) reply.header(name, value);
      }
      reply.header('Cache-Control', 'no-store');
      // A streamed answer (a watch) may send nothing for a while: send the headers at once so
      // the caller knows it has started.
      if (upstream.headers['content-length'] === undefined)
        reply.raw.once('pipe', () => reply.raw.flushHeaders());
      return reply.send(upstream);
    },
  });
};
