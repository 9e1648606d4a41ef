import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EmbeddedCluster } from '../../embedded-cluster/cluster';
import type { KubeObject } from '../../embedded-cluster/types';
import { kubeRequest, type KubeConnection } from './connection';
import { freePort, listen, readAll, startClusterForBff } from './testKit';
import { attachWatchSocket, type WatchSocketOptions } from './watchSocket';

const PATH = '/bff/k8s-watch';
const ORIGIN = 'https://console.example';

interface Reply {
  id?: string;
  event?: { type: string; object: KubeObject };
  error?: { kind: string; code: number; reason: string };
  closed?: boolean;
}

/** A client socket that keeps every message and waits for the one a test expects. */
class Client {
  readonly messages: Reply[] = [];
  private waiters: { predicate: (m: Reply) => boolean; resolve: (m: Reply) => void }[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Reply;
      this.messages.push(message);
      this.waiters = this.waiters.filter(
        (w) => !(w.predicate(message) && (w.resolve(message), true)),
      );
    });
  }
  next(predicate: (m: Reply) => boolean): Promise<Reply> {
    const seen = this.messages.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ predicate, resolve }));
  }
  send(message: object) {
    this.ws.send(JSON.stringify(message));
  }
  of(id: string) {
    return this.messages.filter((m) => m.id === id);
  }
}

let dir: string;
const cleanups: (() => Promise<void> | void)[] = [];

/** An HTTP server with the watch socket attached, as the BFF's server would have it. */
const bffServer = async (connection: KubeConnection, extra: Partial<WatchSocketOptions> = {}) => {
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  const socket = attachWatchSocket(server, {
    path: PATH,
    connection,
    authorization: (req) => req.headers.authorization,
    checkOrigin: (req) => req.headers.origin === ORIGIN,
    ...extra,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        socket.close();
        server.close(() => resolve());
      }),
  );
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
};

const connect = async (url: string, authorization: string, origin = ORIGIN) => {
  const ws = new WebSocket(url, { headers: { authorization, origin } });
  cleanups.push(() => ws.terminate());
  const client = new Client(ws);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return client;
};

/** The status an upgrade is refused with, read before any socket exists. */
const refusal = (url: string, headers: Record<string, string>) =>
  new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res: IncomingMessage) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.on('error', () => undefined);
    ws.on('open', () => reject(new Error('The upgrade was accepted')));
  });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bff-watch-socket-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('watches over one WebSocket, against the embedded cluster', () => {
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

  const configMaps = (namespace: string) => `/api/v1/namespaces/${namespace}/configmaps`;
  const configMap = (namespace: string, name: string) =>
    cluster.store.put('core/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace, uid: `${namespace}-${name}` },
      data: {},
    });
  const named = (id: string, name: string) => (m: Reply) =>
    m.id === id && m.event?.object.metadata.name === name;

  it('runs two watches on one socket, each getting its own events', async () => {
    const client = await connect(await bffServer(connection), admin);
    const resourceVersion = String(cluster.store.lastRV);
    client.send({ id: 'a', action: 'watch', path: configMaps('default'), resourceVersion });
    client.send({ id: 'b', action: 'watch', path: configMaps('developer-vms'), resourceVersion });
    await configMap('default', 'for-a');
    await configMap('developer-vms', 'for-b');
    expect((await client.next(named('a', 'for-a'))).event?.type).toBe('ADDED');
    await client.next(named('b', 'for-b'));
    expect(client.of('a').map((m) => m.event?.object.metadata.namespace)).not.toContain(
      'developer-vms',
    );
    expect(client.of('b').map((m) => m.event?.object.metadata.namespace)).not.toContain('default');

    client.send({ id: 'a', action: 'stop' });
    expect(await client.next((m) => m.id === 'a' && m.closed === true)).toEqual({
      id: 'a',
      closed: true,
    });
    // b runs on after a stopped.
    await configMap('developer-vms', 'still-b');
    await client.next(named('b', 'still-b'));
  });

  it("refuses the developer's watch outside its namespace, for that id only", async () => {
    const client = await connect(await bffServer(connection), developer);
    const resourceVersion = String(cluster.store.lastRV);
    client.send({ id: 'theirs', action: 'watch', path: configMaps('default'), resourceVersion });
    client.send({
      id: 'mine',
      action: 'watch',
      path: configMaps('developer-vms'),
      resourceVersion,
    });
    const refused = await client.next((m) => m.id === 'theirs');
    expect(refused.error).toMatchObject({ kind: 'Status', code: 403, reason: 'Forbidden' });
    await configMap('developer-vms', 'for-developer');
    await client.next(named('mine', 'for-developer'));
    expect(client.of('mine').some((m) => m.error)).toBe(false);
    expect(client.of('theirs')).toHaveLength(1);
  });

  it('answers messages it cannot run with a Status', async () => {
    const client = await connect(await bffServer(connection), admin);
    client.send({ id: 'x', action: 'watch', path: '/healthz' });
    expect((await client.next((m) => m.id === 'x')).error).toMatchObject({ code: 400 });
    client.send({ id: 'y', action: 'watch', path: '/api/v1/../../healthz' });
    expect((await client.next((m) => m.id === 'y')).error).toMatchObject({ code: 400 });
    client.ws.send('not json');
    expect((await client.next((m) => m.id === undefined)).error).toMatchObject({ code: 400 });
  });

  it('refuses a foreign Origin, and a caller without a token, before upgrading', async () => {
    const url = await bffServer(connection);
    expect(await refusal(url, { authorization: admin, origin: 'https://evil.example' })).toBe(403);
    expect(await refusal(url, { authorization: admin })).toBe(403);
    expect(await refusal(url, { origin: ORIGIN })).toBe(401);
  });
});

describe('a watch over the socket while the cluster restarts', () => {
  it('ends with 410 when the restarted cluster cannot resume it; a re-list and a new watch carry on', async () => {
    const dataDir = path.join(dir, 'restarting');
    const ports = { httpPort: await freePort(), httpsPort: await freePort() };
    const started = await startClusterForBff(dataDir, ports);
    const { connection, admin } = started;
    let cluster = started.cluster;
    cleanups.push(() => cluster.stop());
    const client = await connect(
      await bffServer(connection, { resumeDelayMs: 50, resumeAttempts: 20 }),
      admin,
    );
    const put = (name: string) =>
      cluster.store.put('core/configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'default', uid: `restart-${name}` },
        data: {},
      });
    const first = await put('first');
    client.send({
      id: 'cm',
      action: 'watch',
      path: '/api/v1/namespaces/default/configmaps',
      resourceVersion: first.metadata.resourceVersion,
    });
    await put('before');
    await client.next((m) => m.event?.object.metadata.name === 'before');

    await cluster.stop();
    ({ cluster } = await startClusterForBff(dataDir, ports));
    await put('after');
    // A restarted API server keeps no history older than its start: the watch cannot resume and
    // says so with 410 (not a silent end), and the client re-lists, as it would in a cluster.
    const ended = await client.next(
      (m) => m.id === 'cm' && (m.error !== undefined || m.closed === true),
    );
    expect(ended.error).toMatchObject({ code: 410, reason: 'Expired' });
    const relisted = (
      await readAll(
        await kubeRequest(connection, '/api/v1/namespaces/default/configmaps', {
          authorization: admin,
        }),
      )
    ).json<{ metadata: { resourceVersion: string }; items: KubeObject[] }>();
    expect(relisted.items.map((item) => item.metadata.name)).toEqual(
      expect.arrayContaining(['first', 'before', 'after']),
    );
    client.send({
      id: 'cm2',
      action: 'watch',
      path: '/api/v1/namespaces/default/configmaps',
      resourceVersion: relisted.metadata.resourceVersion,
    });
    await put('later');
    await client.next((m) => m.id === 'cm2' && m.event?.object.metadata.name === 'later');
  }, 60_000);
});

describe('watches over one WebSocket, against a scripted upstream', () => {
  const upstream = async (handler: (req: IncomingMessage, res: ServerResponse) => void) => {
    const server = await listen(handler);
    cleanups.push(server.close);
    return { server: server.url } satisfies KubeConnection;
  };

  it('passes on an expired watch as an error, and an ended one as closed', async () => {
    const connection = await upstream((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (req.url?.includes('/expired/')) {
        res.end(
          `${JSON.stringify({
            type: 'ERROR',
            object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old' },
          })}\n`,
        );
      } else {
        res.end(`${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'one' } } })}\n`);
      }
    });
    const client = await connect(await bffServer(connection), 'Bearer x');
    client.send({ id: 'old', action: 'watch', path: '/api/v1/namespaces/expired/pods' });
    client.send({ id: 'short', action: 'watch', path: '/api/v1/namespaces/n/pods' });
    expect((await client.next((m) => m.id === 'old')).error).toMatchObject({ code: 410 });
    await client.next((m) => m.id === 'short' && m.closed === true);
    expect(client.of('short').map((m) => m.event?.object.metadata.name ?? 'closed')).toEqual([
      'one',
      'closed',
    ]);
    expect(client.of('old')).toHaveLength(1);
  });

  it('resumes an ended watch from the last version it saw, bookmarks included', async () => {
    const asked: (string | null)[] = [];
    const line = (object: object, type = 'ADDED') => `${JSON.stringify({ type, object })}\n`;
    const connection = await upstream((req, res) => {
      const version = new URL(req.url ?? '/', 'http://x').searchParams.get('resourceVersion');
      asked.push(version);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (asked.length === 1)
        res.end(
          line({ metadata: { name: 'one', resourceVersion: '5' } }) +
            line({ metadata: { resourceVersion: '9' } }, 'BOOKMARK'),
        );
      else res.write(line({ metadata: { name: 'two', resourceVersion: '10' } }));
    });
    const client = await connect(await bffServer(connection, { resumeDelayMs: 10 }), 'Bearer x');
    client.send({ id: 'w', action: 'watch', path: '/api/v1/pods', resourceVersion: '1' });
    await client.next((m) => m.event?.object.metadata.name === 'two');
    expect(asked).toEqual(['1', '9']);
    expect(client.of('w').map((m) => m.event?.type)).toEqual(['ADDED', 'ADDED']);
  });

  it('gives up with 503 when the cluster stays unreachable', async () => {
    let calls = 0;
    const server = await listen((_req, res) => {
      calls += 1;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        `${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'a', resourceVersion: '3' } } })}\n`,
      );
      void server.close();
    });
    const client = await connect(
      await bffServer({ server: server.url }, { resumeDelayMs: 5, resumeAttempts: 3 }),
      'Bearer x',
    );
    client.send({ id: 'w', action: 'watch', path: '/api/v1/pods' });
    expect((await client.next((m) => m.error !== undefined)).error).toMatchObject({ code: 503 });
    expect(calls).toBe(1);
  });

  it('closes with 1013 a socket whose client does not read, ending its upstream watches', async () => {
    let upstreamClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    const event = `${JSON.stringify({
      type: 'ADDED',
      object: { metadata: { name: 'big' }, data: { x: 'x'.repeat(256 * 1024) } },
    })}\n`;
    const connection = await upstream((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.on('close', upstreamClosed);
      // At most 64 MiB, far more than socket buffers hold; it stops as soon as the BFF hangs up.
      let sent = 0;
      const pump = () => {
        while (sent < 256 && !res.destroyed) {
          sent += 1;
          if (!res.write(event)) return void res.once('drain', pump);
        }
      };
      pump();
    });
    const client = await connect(
      await bffServer(connection, { maxBufferedBytes: 1024 * 1024 }),
      'Bearer x',
    );
    const code = new Promise<number>((resolve) => client.ws.on('close', resolve));
    client.ws.pause();
    client.send({ id: 'firehose', action: 'watch', path: '/api/v1/configmaps' });
    await closed;
    client.ws.resume();
    expect(await code).toBe(1013);
  });
});
