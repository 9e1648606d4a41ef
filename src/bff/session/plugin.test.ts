import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../embedded-cluster/cluster';
import { kubeRequest, type KubeConnection } from '../kube/connection';
import { createSessionSupport, type SessionOptions } from './plugin';
import { DEFAULT_ABSOLUTE_MS, DEFAULT_IDLE_MS } from './sessions';

let cluster: EmbeddedCluster;
let connection: KubeConnection;
let dataDir: string;
let app: FastifyInstance | undefined;
let clock = 1_000_000;
const HOUR = 60 * 60 * 1000;

const tokenOf = (username: string) => cluster.users.find((u) => u.username === username)!.token;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'bff-session-'));
  cluster = await startEmbeddedCluster({ dataDir, runtime: 'simulated', sampleVMs: false });
  connection = { server: new URL(cluster.httpsURL), ca: cluster.caCert };
});

afterAll(async () => {
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The BFF as the coordinator mounts it: the guard for every route, the session routes, and two
 * routes that call the cluster as the caller (a read and a write). */
const build = async (overrides: Partial<SessionOptions> = {}) => {
  const support = createSessionSupport({
    connection,
    embeddedUsers: cluster.users,
    secureCookies: false,
    allowedOrigins: ['https://console.example.test'],
    now: () => clock,
    ...overrides,
  });
  app = Fastify();
  await app.register(
    async (bff) => {
      bff.addHook('preHandler', support.csrfGuard);
      await bff.register(support.plugin);
      bff.get('/configmaps/:namespace', async (request, reply) => {
        const { namespace } = request.params as { namespace: string };
        const upstream = await kubeRequest(
          connection,
          `/api/v1/namespaces/${namespace}/configmaps`,
          {
            authorization: support.authorizationFor(request),
          },
        );
        upstream.resume();
        return reply.code(upstream.statusCode ?? 502).send({ code: upstream.statusCode });
      });
      bff.post('/echo', async (request) => ({ authorization: support.authorizationFor(request) }));
    },
    { prefix: '/bff' },
  );
  return { app, support };
};

const cookieHeader = (login: LightMyRequestResponse) =>
  login.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');

const login = (server: FastifyInstance, payload: object, headers: Record<string, string> = {}) =>
  server.inject({ method: 'POST', url: '/bff/session/login', payload, headers });

describe('login', () => {
  it("logs in with the developer's token and then acts as the developer upstream", async () => {
    const { app } = await build();
    const response = await login(app, { token: tokenOf('developer') });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ username: string; groups: string[]; csrfToken: string }>();
    expect(body).toMatchObject({ username: 'developer', groups: ['system:authenticated'] });
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/);
    expect(response.body).not.toContain(tokenOf('developer'));

    const cookie = cookieHeader(response);
    const own = await app.inject({ url: '/bff/configmaps/developer-vms', headers: { cookie } });
    expect(own.statusCode).toBe(200);
    const other = await app.inject({ url: '/bff/configmaps/default', headers: { cookie } });
    expect(other.statusCode).toBe(403);
  });

  it('logs in as an embedded-cluster user by name, and lists those names without tokens', async () => {
    const { app } = await build();
    const users = await app.inject('/bff/session/users');
    expect(users.json()).toEqual({ items: ['admin', 'developer'] });
    expect(users.body).not.toContain(tokenOf('admin'));

    const response = await login(app, { username: 'admin' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ username: 'admin' });
    const cookie = cookieHeader(response);
    const other = await app.inject({ url: '/bff/configmaps/default', headers: { cookie } });
    expect(other.statusCode).toBe(200);
  });

  it('forgives a pasted "Bearer " prefix', async () => {
    const { app } = await build();
    const response = await login(app, { token: `Bearer ${tokenOf('developer')}\n` });
    expect(response.json()).toMatchObject({ username: 'developer' });
  });

  it('refuses a token the cluster refuses, and sets no cookie', async () => {
    const { app, support } = await build();
    const response = await login(app, { token: 'not-a-real-token-at-all' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({
      kind: 'Status',
      code: 401,
      message: 'The token was refused by the cluster.',
    });
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(support.sessions.size).toBe(0);
  });

  it('refuses bodies that are neither a token nor a user', async () => {
    const { app } = await build();
    for (const payload of [{}, { token: '' }, { token: 'has space' }, { username: 7 }]) {
      const response = await login(app, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
    }
    const text = await app.inject({
      method: 'POST',
      url: '/bff/session/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'token=abc',
    });
    expect(text.statusCode).toBe(400);
  });

  it('refuses unknown users, and user names at all without an embedded cluster', async () => {
    const { app } = await build();
    expect((await login(app, { username: 'mallory' })).statusCode).toBe(401);
    await app.close();
    const { app: tokensOnly } = await build({ embeddedUsers: undefined });
    const byName = await login(tokensOnly, { username: 'admin' });
    expect(byName.statusCode).toBe(400);
    expect(byName.json().message).toMatch(/paste a token/);
    expect((await tokensOnly.inject('/bff/session/users')).json()).toEqual({ items: [] });
  });

  it('refuses a login posted from another site', async () => {
    const { app } = await build();
    const response = await login(
      app,
      { username: 'admin' },
      { origin: 'https://evil.example.test', host: 'localhost:9000' },
    );
    expect(response.statusCode).toBe(403);
    const own = await login(
      app,
      { username: 'admin' },
      { origin: 'http://localhost:9000', host: 'localhost:9000' },
    );
    expect(own.statusCode).toBe(200);
  });

  it('says when the cluster cannot be reached', async () => {
    const { app } = await build({ connection: { server: new URL('https://127.0.0.1:1') } });
    const response = await login(app, { token: 'whatever-token' });
    expect(response.statusCode).toBe(503);
    expect(response.json().message).toMatch(/Cannot reach the cluster/);
  });
});

describe('cookies', () => {
  it('keeps the session HttpOnly and Strict, the CSRF cookie readable; Secure when asked', async () => {
    const { app } = await build();
    const response = await login(app, { username: 'developer' });
    const [session, csrf] = response.cookies;
    expect(session).toMatchObject({
      name: 'vp-session',
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
    });
    expect(session!.secure).toBeUndefined();
    expect(session!.value).toMatch(/^[\w-]{43}$/);
    expect(csrf).toMatchObject({ name: 'csrf-token', sameSite: 'Strict', path: '/' });
    expect(csrf!.httpOnly).toBeUndefined();
    expect(csrf!.value).toBe(response.json().csrfToken);
    await app.close();

    const { app: secure } = await build({ secureCookies: true });
    const secured = await login(secure, { username: 'developer' });
    expect(secured.cookies.every((cookie) => cookie.secure === true)).toBe(true);
  });
});

describe('session lookup and logout', () => {
  it('answers who is logged in, 401 without a session, and forgets it at logout', async () => {
    const { app } = await build();
    const none = await app.inject('/bff/session');
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ kind: 'Status', code: 401 });

    const response = await login(app, { username: 'developer' });
    const cookie = cookieHeader(response);
    const { csrfToken } = response.json<{ csrfToken: string }>();
    const session = await app.inject({ url: '/bff/session', headers: { cookie } });
    expect(session.json()).toEqual({
      username: 'developer',
      groups: ['system:authenticated'],
      csrfToken,
    });
    expect(session.headers['cache-control']).toBe('no-store');

    const logout = await app.inject({
      method: 'POST',
      url: '/bff/session/logout',
      headers: { cookie, 'x-csrftoken': csrfToken },
    });
    expect(logout.statusCode).toBe(204);
    expect(logout.cookies.map((c) => [c.name, c.value, c.maxAge])).toEqual([
      ['vp-session', '', 0],
      ['csrf-token', '', 0],
    ]);
    expect((await app.inject({ url: '/bff/session', headers: { cookie } })).statusCode).toBe(401);
    const after = await app.inject({ url: '/bff/configmaps/developer-vms', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('gives a new session id at each login, ending the one the browser had', async () => {
    const { app } = await build();
    const first = await login(app, { username: 'developer' });
    const second = await login(
      app,
      { username: 'admin' },
      {
        cookie: cookieHeader(first),
        'x-csrftoken': first.json().csrfToken,
      },
    );
    expect(second.cookies[0]!.value).not.toBe(first.cookies[0]!.value);
    const old = await app.inject({ url: '/bff/session', headers: { cookie: cookieHeader(first) } });
    expect(old.statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses unsafe requests carried by the cookie without the right token', async () => {
    const { app } = await build();
    const response = await login(app, { username: 'developer' });
    const cookie = cookieHeader(response);
    for (const headers of [{ cookie }, { cookie, 'x-csrftoken': 'wrong' }]) {
      const refused = await app.inject({ method: 'POST', url: '/bff/echo', headers });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({
        kind: 'Status',
        code: 403,
        message: 'CSRF token missing or invalid.',
      });
    }
    const logout = await app.inject({
      method: 'POST',
      url: '/bff/session/logout',
      headers: { cookie },
    });
    expect(logout.statusCode).toBe(403);
  });

  it('accepts them with the token, and lets safe methods through without it', async () => {
    const { app } = await build();
    const response = await login(app, { username: 'developer' });
    const cookie = cookieHeader(response);
    const accepted = await app.inject({
      method: 'POST',
      url: '/bff/echo',
      headers: { cookie, 'x-csrftoken': response.json().csrfToken },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ authorization: `Bearer ${tokenOf('developer')}` });
    const read = await app.inject({ url: '/bff/configmaps/developer-vms', headers: { cookie } });
    expect(read.statusCode).toBe(200);
  });

  it("exempts requests with their own bearer header, and forwards that header, not the session's", async () => {
    const { app } = await build();
    const response = await login(app, { username: 'developer' });
    const own = `Bearer ${tokenOf('admin')}`;
    const echoed = await app.inject({
      method: 'POST',
      url: '/bff/echo',
      headers: { cookie: cookieHeader(response), authorization: own },
    });
    expect(echoed.statusCode).toBe(200);
    expect(echoed.json()).toEqual({ authorization: own });
    const bare = await app.inject({ method: 'POST', url: '/bff/echo' });
    expect(bare.json()).toEqual({});
  });
});

describe('expiry', () => {
  it('ends a session left idle for the idle time, not one in use', async () => {
    const { app } = await build();
    const cookie = cookieHeader(await login(app, { username: 'developer' }));
    const ask = () => app.inject({ url: '/bff/session', headers: { cookie } });
    clock += DEFAULT_IDLE_MS - 1;
    expect((await ask()).statusCode).toBe(200);
    clock += DEFAULT_IDLE_MS - 1;
    expect((await ask()).statusCode).toBe(200);
    clock += DEFAULT_IDLE_MS;
    expect((await ask()).statusCode).toBe(401);
  });

  it('ends every session at the absolute time, however busy', async () => {
    const { app, support } = await build();
    const cookie = cookieHeader(await login(app, { username: 'developer' }));
    for (let hours = 4; hours < 24; hours += 4) {
      clock += 4 * HOUR;
      expect((await app.inject({ url: '/bff/session', headers: { cookie } })).statusCode).toBe(200);
    }
    clock += DEFAULT_ABSOLUTE_MS - 20 * HOUR;
    expect((await app.inject({ url: '/bff/session', headers: { cookie } })).statusCode).toBe(401);
    expect(support.sessions.size).toBe(0);
  });
});

describe('originAllowed', () => {
  const upgrade = (headers: Record<string, string>, encrypted = false) =>
    ({ headers, socket: { encrypted } }) as unknown as IncomingMessage;

  it('accepts the server itself, with the same scheme, and the allowed origins', async () => {
    const { support } = await build();
    expect(
      support.originAllowed(upgrade({ origin: 'http://localhost:9000', host: 'localhost:9000' })),
    ).toBe(true);
    expect(
      support.originAllowed(
        upgrade({ origin: 'https://localhost:9000', host: 'localhost:9000' }, true),
      ),
    ).toBe(true);
    expect(
      support.originAllowed(upgrade({ origin: 'https://console.example.test', host: 'bff:8443' })),
    ).toBe(true);
  });

  it('refuses other sites, another scheme, a missing or null Origin', async () => {
    const { support } = await build();
    const host = 'localhost:9000';
    expect(support.originAllowed(upgrade({ origin: 'http://evil.example.test', host }))).toBe(
      false,
    );
    expect(support.originAllowed(upgrade({ origin: 'https://localhost:9000', host }))).toBe(false);
    expect(support.originAllowed(upgrade({ origin: 'http://localhost:9001', host }))).toBe(false);
    expect(support.originAllowed(upgrade({ host }))).toBe(false);
    expect(support.originAllowed(upgrade({ origin: 'null', host }))).toBe(false);
    expect(support.originAllowed(upgrade({ origin: 'not a url', host }))).toBe(false);
  });
});
