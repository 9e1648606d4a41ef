import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { failureStatus, isKubernetesStatus } from '../../common/cluster-info';
import { kubeRequest, UpstreamUnavailableError, type KubeConnection } from '../kube/connection';
import { readCookie, serializeCookie } from './cookies';
import { createSessionStore, type Session, type SessionStoreOptions } from './sessions';

export const SESSION_COOKIE = 'vp-session';
/** Readable by the page, which echoes it in `X-CSRFToken` (double submit, as the console does). */
export const CSRF_COOKIE = 'csrf-token';
export const CSRF_HEADER = 'x-csrftoken';

export interface SessionOptions extends SessionStoreOptions {
  connection: KubeConnection;
  /** The embedded cluster's users: logging in as one needs only its name. */
  embeddedUsers?: { username: string; token: string }[];
  secureCookies: boolean;
  /** Origins (`https://host:port`) besides the server's own that may open WebSockets. */
  allowedOrigins: string[];
}

interface UserInfo {
  username: string;
  groups: string[];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const MAX_REVIEW_BYTES = 1024 * 1024;
const LOGIN_BODY_LIMIT = 64 * 1024;
const BEARER = /^\s*bearer\s+\S+\s*$/i;

class LoginError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

const sameSecret = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

const readAll = async (stream: AsyncIterable<Buffer>): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > MAX_REVIEW_BYTES)
      throw new LoginError(502, 'BadGateway', 'The cluster answered with too much.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
};

/** Who the cluster says this token belongs to (a SelfSubjectReview made with the token itself). */
const reviewToken = async (connection: KubeConnection, token: string): Promise<UserInfo> => {
  let response;
  try {
    response = await kubeRequest(connection, '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      method: 'POST',
      authorization: `Bearer ${token}`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }),
      timeoutMs: 10_000,
    });
  } catch (error) {
    if (error instanceof UpstreamUnavailableError)
      throw new LoginError(
        error.code,
        error.code === 504 ? 'Timeout' : 'ServiceUnavailable',
        error.message,
      );
    throw error;
  }
  const status = response.statusCode ?? 502;
  const text = await readAll(response);
  if (status === 401)
    throw new LoginError(401, 'Unauthorized', 'The token was refused by the cluster.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (status >= 400) {
    if (isKubernetesStatus(body))
      throw new LoginError(status, body.reason ?? 'Failure', body.message ?? '');
    throw new LoginError(
      502,
      'BadGateway',
      `The cluster answered the token review with HTTP ${status}.`,
    );
  }
  const userInfo = (body as { status?: { userInfo?: { username?: unknown; groups?: unknown } } })
    ?.status?.userInfo;
  if (typeof userInfo?.username !== 'string' || !userInfo.username)
    throw new LoginError(502, 'BadGateway', 'The cluster did not say whose token this is.');
  const groups = Array.isArray(userInfo.groups)
    ? userInfo.groups.filter((group): group is string => typeof group === 'string')
    : [];
  return { username: userInfo.username, groups };
};

/** A pasted token, with a leading "Bearer " forgiven; undefined when it cannot be one. */
const cleanToken = (value: string): string | undefined => {
  const token = value.trim().replace(/^bearer\s+/i, '');
  return /^[\x21-\x7e]{1,16384}$/.test(token) ? token : undefined;
};

/**
 * Standalone identity: log in with a token (or as an embedded-cluster user), an HttpOnly session
 * cookie that stands for the token kept here, a CSRF token for every unsafe request made with that
 * cookie, and the Origin check for WebSockets. In a cluster the console sends each request's
 * bearer token itself; those requests pass through untouched.
 */
export const createSessionSupport = (options: SessionOptions) => {
  const { connection, embeddedUsers, secureCookies, allowedOrigins } = options;
  const sessions = createSessionStore(options);
  const allowed = new Set(allowedOrigins.map((origin) => new URL(origin).origin));

  const sessionOf = (headers: IncomingHttpHeaders): Session | undefined =>
    sessions.get(readCookie(headers, SESSION_COOKIE));

  const ownBearer = (headers: IncomingHttpHeaders): string | undefined => {
    const header = headers.authorization;
    return header && BEARER.test(header) ? header : undefined;
  };

  /** The Authorization header to send upstream for this request, if it has a caller at all. */
  const authorizationFor = (request: { headers: IncomingHttpHeaders }): string | undefined => {
    const own = ownBearer(request.headers);
    if (own) return own;
    const session = sessionOf(request.headers);
    return session ? `Bearer ${session.token}` : undefined;
  };

  /**
   * Unsafe requests carried by the session cookie must echo its CSRF token. Requests with their
   * own bearer header are exempt: a browser never adds one on another site's behalf.
   */
  const csrfGuard = async (request: FastifyRequest, reply: FastifyReply) => {
    if (SAFE_METHODS.has(request.method) || ownBearer(request.headers)) return;
    const session = sessionOf(request.headers);
    if (!session) return;
    const header = request.headers[CSRF_HEADER];
    if (typeof header === 'string' && sameSecret(header, session.csrfToken)) return;
    return reply.code(403).send(failureStatus(403, 'Forbidden', 'CSRF token missing or invalid.'));
  };

  /** For WebSocket upgrades: the page must come from an allowed origin or from this server. */
  const originAllowed = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    if (!origin || origin === 'null') return false;
    let parsed: string;
    try {
      parsed = new URL(origin).origin;
    } catch {
      return false;
    }
    if (allowed.has(parsed)) return true;
    const host = req.headers.host;
    const scheme = (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
    return !!host && parsed === `${scheme}://${host.toLowerCase()}`;
  };

  const setCookies = (reply: FastifyReply, session: Session | undefined) => {
    const maxAge = session ? undefined : 0;
    reply.header('set-cookie', [
      serializeCookie(SESSION_COOKIE, session?.id ?? '', {
        httpOnly: true,
        secure: secureCookies,
        maxAge,
      }),
      serializeCookie(CSRF_COOKIE, session?.csrfToken ?? '', {
        httpOnly: false,
        secure: secureCookies,
        maxAge,
      }),
    ]);
  };

  const sessionBody = (session: Session) => ({
    username: session.username,
    groups: session.groups,
    csrfToken: session.csrfToken,
  });

  const unauthorized = (reply: FastifyReply) =>
    reply.code(401).send(failureStatus(401, 'Unauthorized', 'You are not logged in.'));

  const plugin = async (app: FastifyInstance) => {
    app.addHook('onSend', async (_request, reply) => {
      reply.header('Cache-Control', 'no-store');
    });
    app.addHook('preHandler', csrfGuard);

    app.get('/session', async (request, reply) => {
      const session = sessionOf(request.headers);
      return session ? sessionBody(session) : unauthorized(reply);
    });

    app.get('/session/users', async () => ({
      items: (embeddedUsers ?? []).map((user) => user.username),
    }));

    app.post('/session/login', { bodyLimit: LOGIN_BODY_LIMIT }, async (request, reply) => {
      // A login form posted from another site would log the victim in as the attacker.
      if (request.headers.origin !== undefined && !originAllowed(request.raw))
        return reply
          .code(403)
          .send(
            failureStatus(403, 'Forbidden', 'Log in from this console, not from another site.'),
          );
      const body = request.body as { token?: unknown; username?: unknown } | null | undefined;
      let token: string | undefined;
      if (typeof body?.token === 'string') {
        token = cleanToken(body.token);
        if (!token)
          return reply
            .code(400)
            .send(failureStatus(400, 'BadRequest', 'That does not look like a bearer token.'));
      } else if (typeof body?.username === 'string') {
        if (!embeddedUsers)
          return reply
            .code(400)
            .send(
              failureStatus(
                400,
                'BadRequest',
                'This server logs in with tokens only: paste a token.',
              ),
            );
        token = embeddedUsers.find((user) => user.username === body.username)?.token;
        if (!token)
          return reply
            .code(401)
            .send(
              failureStatus(
                401,
                'Unauthorized',
                `The embedded cluster has no user "${body.username}".`,
              ),
            );
      } else {
        return reply
          .code(400)
          .send(failureStatus(400, 'BadRequest', 'Send {"token": "…"} or {"username": "…"}.'));
      }
      let user: UserInfo;
      try {
        user = await reviewToken(connection, token);
      } catch (error) {
        if (!(error instanceof LoginError)) throw error;
        return reply.code(error.code).send(failureStatus(error.code, error.reason, error.message));
      }
      // A new id at every login, so a planted cookie never becomes a logged-in one.
      sessions.destroy(readCookie(request.headers, SESSION_COOKIE));
      const session = sessions.create({ token, ...user });
      setCookies(reply, session);
      return sessionBody(session);
    });

    app.post('/session/logout', async (request, reply) => {
      sessions.destroy(readCookie(request.headers, SESSION_COOKIE));
      setCookies(reply, undefined);
      return reply.code(204).send();
    });
  };

  return { plugin, authorizationFor, csrfGuard, originAllowed, sessions };
};

export type SessionSupport = ReturnType<typeof createSessionSupport>;
