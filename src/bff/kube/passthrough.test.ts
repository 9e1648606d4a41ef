import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedCluster } from '../../embedded-cluster/cluster';
import type { KubeConnection } from './connection';
import { kubePassthrough, type KubePassthroughOptions } from './passthrough';
import {
  call,
  deadURL,
  listen,
  open,
  readAll,
  readLinesUntil,
  startClusterForBff,
} from './testKit';

const PREFIX = '/bff/k8s';
let dir: string;
const apps: FastifyInstance[] = [];
const closers: (() => Promise<void>)[] = [];

/** A tiny BFF: the passthrough under a fixed prefix, the caller's own Authorization forwarded. */
const bff = async (connection: KubeConnection, extra: Partial<KubePassthroughOptions> = {}) => {
  const app = Fastify({ logger: false });
  await app.register(kubePassthrough, {
    prefix: PREFIX,
    connection,
    authorization: (request) => request.headers.authorization,
    ...extra,
  });
  apps.push(app);
  return app.listen({ port: 0, host: '127.0.0.1' });
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bff-passthrough-'));
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const close of closers.splice(0)) await close();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the passthrough against the embedded cluster over HTTPS', () => {
  let cluster: EmbeddedCluster;
  let connection: KubeConnection;
  let admin: string;
  let developer: string;

  beforeAll(async () => {
    ({ cluster, connection, admin, developer } = await startClusterForBff(
      path.join(dir, 'cluster'),
    ));
  }, 30_000);
  afterAll(() => cluster?.stop());

  const vms = (namespace: string) =>
    `${PREFIX}/apis/kubevirt.io/v1/namespaces/${namespace}/virtualmachines`;

  it("forwards the caller's own token: the developer is refused in default, the admin is not", async () => {
    const base = await bff(connection);
    const refused = await call(base, vms('default'), { headers: { authorization: developer } });
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({ kind: 'Status', code: 403, reason: 'Forbidden' });
    const allowed = await call(base, vms('default'), { headers: { authorization: admin } });
    expect(allowed.status).toBe(200);
    expect(allowed.json()).toMatchObject({ kind: 'VirtualMachineList' });
    expect(allowed.headers['cache-control']).toBe('no-store');
    const own = await call(base, vms('developer-vms'), { headers: { authorization: developer } });
    expect(own.status).toBe(200);
  });

  it('answers 401 without a caller token, whatever the BFF holds', async () => {
    const base = await bff(connection);
    const answer = await call(base, `${PREFIX}/api/v1/namespaces`);
    expect(answer.status).toBe(401);
    expect(answer.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized' });
  });

  it('creates, reads, replaces, patches and deletes a ConfigMap', async () => {
    const base = await bff(connection);
    const configMaps = `${PREFIX}/api/v1/namespaces/developer-vms/configmaps`;
    const as = (contentType?: string) => ({
      authorization: developer,
      ...(contentType ? { 'content-type': contentType } : {}),
    });
    const created = await call(base, configMaps, {
      method: 'POST',
      headers: as('application/json'),
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'verbs' },
        data: { step: 'created' },
      }),
    });
    expect(created.status).toBe(201);

    const read = await call(base, `${configMaps}/verbs`, { headers: as() });
    expect(read.json()).toMatchObject({ data: { step: 'created' } });

    const replaced = await call(base, `${configMaps}/verbs`, {
      method: 'PUT',
      headers: as('application/json'),
      body: JSON.stringify({ ...read.json(), data: { step: 'replaced' } }),
    });
    expect(replaced.status).toBe(200);

    const patched = await call(base, `${configMaps}/verbs`, {
      method: 'PATCH',
      headers: as('application/merge-patch+json'),
      body: JSON.stringify({ data: { patched: 'yes' } }),
    });
    expect(patched.status).toBe(200);
    expect(patched.json()).toMatchObject({ data: { step: 'replaced', patched: 'yes' } });

    const jsonPatched = await call(base, `${configMaps}/verbs`, {
      method: 'PATCH',
      headers: as('application/json-patch+json'),
      body: JSON.stringify([{ op: 'remove', path: '/data/patched' }]),
    });
    expect(jsonPatched.json()).toMatchObject({ data: { step: 'replaced' } });

    const deleted = await call(base, `${configMaps}/verbs`, { method: 'DELETE', headers: as() });
    expect(deleted.status).toBe(200);
    const gone = await call(base, `${configMaps}/verbs`, { headers: as() });
    expect(gone.status).toBe(404);
    expect(gone.json()).toMatchObject({ kind: 'Status', reason: 'NotFound' });
  });

  it('lists 2,000 ConfigMaps through the BFF', async () => {
    await Promise.all(
      Array.from({ length: 2000 }, (_, i) =>
        cluster.store.put('core/configmaps', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name: `bulk-${i}`,
            namespace: 'kube-public',
            uid: `bulk-uid-${i}`,
            creationTimestamp: new Date().toISOString(),
          },
          data: { index: String(i), filler: 'x'.repeat(200) },
        }),
      ),
    );
    const base = await bff(connection);
    const list = await call(base, `${PREFIX}/api/v1/namespaces/kube-public/configmaps`, {
      headers: { authorization: admin },
    });
    expect(list.status).toBe(200);
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(2000);
    // The length is the upstream's, passed on as the body streams through.
    expect(Number(list.headers['content-length'])).toBe(Buffer.byteLength(list.text));

    const page = await call(base, `${PREFIX}/api/v1/namespaces/kube-public/configmaps?limit=5`, {
      headers: { authorization: admin },
    });
    expect(page.json<{ items: unknown[] }>().items).toHaveLength(5);
  });

  it('streams a watch: an object created after it started arrives', async () => {
    const base = await bff(connection);
    const configMaps = `${PREFIX}/api/v1/namespaces/developer-vms/configmaps`;
    const list = await call(base, configMaps, { headers: { authorization: developer } });
    const rv = list.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion;
    const controller = new AbortController();
    const watch = await open(base, `${configMaps}?watch=1&resourceVersion=${rv}`, {
      headers: { authorization: developer },
      signal: controller.signal,
    });
    // The head arrives before any event: the caller knows the watch is running.
    expect(watch.statusCode).toBe(200);
    expect(watch.headers['content-length']).toBeUndefined();
    const created = await call(base, configMaps, {
      method: 'POST',
      headers: { authorization: developer, 'content-type': 'application/json' },
      body: JSON.stringify({ metadata: { name: 'watched' }, data: { a: 'b' } }),
    });
    expect(created.status).toBe(201);
    const events = await readLinesUntil<{ type: string; object: { metadata: { name: string } } }>(
      watch,
      (event) => event.object.metadata.name === 'watched',
    );
    expect(events.at(-1)?.type).toBe('ADDED');
    controller.abort();
  });
});

describe('the passthrough against a recording upstream', () => {
  type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;
  const seen: { method?: string; url?: string; headers: IncomingMessage['headers'] }[] = [];

  const upstream = async (handler: Handler) => {
    const server = await listen((req, res) => {
      seen.push({ method: req.method, url: req.url, headers: req.headers });
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => handler(req, res, Buffer.concat(chunks)));
    });
    closers.push(server.close);
    return { server: server.url };
  };
  const echo: Handler = (req, res, body) => {
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Set-Cookie', 'upstream=1');
    res.setHeader('Warning', '299 - "deprecated"');
    res.setHeader('Audit-Id', 'audit-1');
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.end(
      JSON.stringify({
        url: req.url,
        contentType: req.headers['content-type'] ?? null,
        body: body.toString(),
      }),
    );
  };
  const headers = { authorization: 'Bearer caller' };

  afterEach(() => {
    seen.length = 0;
  });

  it('keeps the query and the body with its type; returns only the relevant headers', async () => {
    const base = await bff(await upstream(echo));
    const answer = await call(base, `${PREFIX}/apis/x.io/v1/things/a?dryRun=All&fieldManager=m`, {
      method: 'PATCH',
      headers: { ...headers, 'content-type': 'application/apply-patch+yaml', cookie: 's=1' },
      body: 'kind: Thing\n',
    });
    expect(answer.json()).toEqual({
      url: '/apis/x.io/v1/things/a?dryRun=All&fieldManager=m',
      contentType: 'application/apply-patch+yaml',
      body: 'kind: Thing\n',
    });
    expect(seen[0]?.method).toBe('PATCH');
    expect(seen[0]?.headers.authorization).toBe('Bearer caller');
    expect(seen[0]?.headers.cookie).toBeUndefined();
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(answer.headers).toMatchObject({
      warning: '299 - "deprecated"',
      'audit-id': 'audit-1',
      'cache-control': 'no-store',
    });
  });

  it('forwards /version and /openapi/, and nothing outside the API', async () => {
    const base = await bff(await upstream(echo));
    for (const ok of ['/version', '/openapi/v3', '/api', '/apis/'])
      expect((await call(base, `${PREFIX}${ok}`, { headers })).status).toBe(200);
    for (const other of ['/healthz', '/metrics', '/', '/apisx', '/logs/x'])
      expect((await call(base, `${PREFIX}${other}`, { headers })).json()).toMatchObject({
        kind: 'Status',
        code: 404,
      });
    expect(seen.map((s) => s.url)).toEqual(['/version', '/openapi/v3', '/api', '/apis/']);
  });

  it.each([
    '/api/../healthz',
    '/api/%2e%2e/healthz',
    '/api/%2E./healthz',
    '/api/v1/%2f%2fevil',
    '/api/v1/..%5chealthz',
    '//evil.example/api/v1',
    '/api/v1/./namespaces',
  ])('refuses the traversal %s without calling upstream', async (traversal) => {
    const base = await bff(await upstream(echo));
    const answer = await call(base, `${PREFIX}${traversal}`, { headers });
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
    expect(seen).toEqual([]);
  });

  it('refuses a path that is not validly encoded without calling upstream', async () => {
    const base = await bff(await upstream(echo));
    // Fastify's router refuses it first (FST_ERR_BAD_URL); the server's error handling shapes it.
    expect((await call(base, `${PREFIX}/api/%zz`, { headers })).status).toBe(400);
    expect(seen).toEqual([]);
  });

  it('answers 401 without an Authorization and does not call upstream', async () => {
    const base = await bff(await upstream(echo));
    const answer = await call(base, `${PREFIX}/api/v1/pods`);
    expect(answer.status).toBe(401);
    expect(seen).toEqual([]);
  });

  it('refuses a body over the limit with 413, declared or streamed', async () => {
    const base = await bff(await upstream(echo), { bodyLimit: 1024 });
    const big = 'x'.repeat(4096);
    const declared = await call(base, `${PREFIX}/api/v1/namespaces/a/configmaps`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(declared.json()).toMatchObject({ kind: 'Status', code: 413 });
    expect(seen).toEqual([]);

    const streamed = await call(base, `${PREFIX}/api/v1/namespaces/a/configmaps`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: big,
    });
    expect(streamed.status).toBe(413);

    const small = await call(base, `${PREFIX}/api/v1/namespaces/a/configmaps`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: 'x'.repeat(1024),
    });
    expect(small.status).toBe(200);
  });

  it('streams the answer: the first bytes arrive before the upstream has finished', async () => {
    let finish: () => void = () => undefined;
    const base = await bff(
      await upstream((_req, res) => {
        res.setHeader('Content-Type', 'application/json');
        res.write('{"items":[');
        finish = () => res.end(']}');
      }),
    );
    const response = await open(base, `${PREFIX}/api/v1/pods`, { headers });
    expect(response.headers['transfer-encoding']).toBe('chunked');
    const first = await new Promise<string>((resolve) =>
      response.once('data', (chunk: Buffer) => resolve(chunk.toString())),
    );
    expect(first).toBe('{"items":[');
    finish();
    expect((await readAll(response)).text).toBe(']}');
  });

  it('ends the upstream watch when the caller goes', async () => {
    let upstreamClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    const base = await bff(
      await upstream((req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.flushHeaders();
        res.on('close', upstreamClosed);
      }),
    );
    const controller = new AbortController();
    const watch = await open(base, `${PREFIX}/api/v1/pods?watch=1`, {
      headers,
      signal: controller.signal,
    });
    expect(watch.statusCode).toBe(200);
    watch.on('error', () => undefined);
    controller.abort();
    await closed;
  });

  it('answers 503 with the reason when the cluster cannot be reached', async () => {
    const base = await bff({ server: await deadURL() });
    const answer = await call(base, `${PREFIX}/api/v1/pods`, { headers });
    expect(answer.status).toBe(503);
    expect(answer.json()).toMatchObject({
      kind: 'Status',
      reason: 'ServiceUnavailable',
      message: expect.stringMatching(/Cannot reach the cluster at .*ECONNREFUSED/),
    });
  });

  it('answers 504 when the cluster does not answer in time', async () => {
    const base = await bff(await upstream(() => undefined), { timeoutMs: 100 });
    const answer = await call(base, `${PREFIX}/api/v1/pods`, { headers });
    expect(answer.status).toBe(504);
    expect(answer.json()).toMatchObject({
      kind: 'Status',
      reason: 'Timeout',
      message: expect.stringMatching(/No answer from the cluster/),
    });
  });
});
