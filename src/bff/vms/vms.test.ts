import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../embedded-cluster/cluster';
import { kubeRequest, type KubeConnection } from '../kube/connection';
import { freePort } from '../kube/testKit';
import type { VmPage } from './query';
import { vmsRoutes } from './routes';
import { syncVmIndex, type VmIndexSync } from './sync';
import { VmIndex } from './vmIndex';

// The index fed by the embedded cluster over HTTPS (its CA, the admin's token), and the routes
// answering as admin and as developer. Waits are on the index's change notifications.
const dataDir = mkdtempSync(path.join(tmpdir(), 'bff-vms-'));
let cluster: EmbeddedCluster;
let ports: { http: number; https: number };
let tokens: Record<string, string>;
let index: VmIndex;
let sync: VmIndexSync;
let app: FastifyInstance;
let bffURL: string;

const start = async () => {
  cluster = await startEmbeddedCluster({
    dataDir,
    runtime: 'simulated',
    sampleVMs: false,
    httpPort: ports.http,
    httpsPort: ports.https,
  });
  tokens = Object.fromEntries(cluster.users.map((user) => [user.username, user.token]));
};

const connection = (): KubeConnection => ({
  server: new URL(cluster.httpsURL),
  ca: cluster.caCert,
  token: tokens.admin,
});

beforeAll(async () => {
  ports = { http: await freePort(), https: await freePort() };
  await start();
  index = new VmIndex();
  sync = syncVmIndex(index, connection(), { backoffMs: { initial: 50, max: 400 } });
  await sync.synced;
  app = Fastify({ logger: false });
  await app.register(vmsRoutes, {
    prefix: '/bff',
    index,
    connection: connection(),
    authorization: (request) => request.headers.authorization,
    eventIntervalMs: 100,
  });
  bffURL = `${await app.listen({ port: 0, host: '127.0.0.1' })}/bff`;
}, 30_000);

afterAll(async () => {
  await app?.close();
  await sync?.stop();
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A request to the cluster as `user`, over HTTPS. */
const api = async (user: string, method: string, p: string, body?: unknown) => {
  const response = await kubeRequest(connection(), p, {
    method,
    authorization: `Bearer ${tokens[user]}`,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let text = '';
  for await (const chunk of response) text += String(chunk);
  expect(response.statusCode, text).toBeLessThan(300);
};

const vmBody = (name: string, runStrategy = 'Halted', labels: Record<string, string> = {}) => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name, labels },
  spec: {
    runStrategy,
    template: {
      metadata: { labels: { 'kubevirt.io/os': 'fedora' } },
      spec: { domain: { memory: { guest: '128Mi' }, devices: {} } },
    },
  },
});
const vms = (namespace: string) => `/apis/kubevirt.io/v1/namespaces/${namespace}/virtualmachines`;

/** Resolves once `check` holds, re-checked on every index change (bounded, never a sleep). */
const until = (what: string, check: () => boolean, limitMs = 15_000) =>
  new Promise<void>((resolve, reject) => {
    const probe = () => {
      if (!check()) return;
      off();
      clearTimeout(timer);
      resolve();
    };
    const off = index.subscribe(probe);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, limitMs);
    probe();
  });

const row = (namespace: string, name: string) =>
  index
    .query({ namespace: [namespace], text: name, limit: 1000 }, 'all')
    .items.find((item) => item.name === name);

const page = async (user: string | undefined, query = '') => {
  const response = await fetch(`${bffURL}/vms${query}`, {
    headers: user ? { authorization: `Bearer ${tokens[user] ?? user}` } : {},
  });
  return { status: response.status, body: (await response.json()) as VmPage & { reason?: string } };
};

/** The resourceVersions a `vms/events` stream sends, as they come. */
const events = async (user: string) => {
  const controller = new AbortController();
  const response = await fetch(`${bffURL}/vms/events`, {
    headers: { authorization: `Bearer ${tokens[user]}` },
    signal: controller.signal,
  });
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const versions: number[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        const frames = buffer.split('\n\n');
        buffer = frames.pop() ?? '';
        for (const frame of frames.filter((f) => f.startsWith('data: '))) {
          versions.push(
            Number((JSON.parse(frame.slice(6)) as { resourceVersion: string }).resourceVersion),
          );
          for (const waiter of waiters) waiter();
        }
      }
    } catch {
      // aborted at the end of the test
    }
  })();
  /** Resolves once the latest event satisfies `check` (bounded). */
  const until = (check: (version: number) => boolean) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${user}: no such event`)), 10_000);
      const waiter = () => {
        const last = versions[versions.length - 1];
        if (last === undefined || !check(last)) return;
        waiters.delete(waiter);
        clearTimeout(timer);
        resolve();
      };
      waiters.add(waiter);
      waiter();
    });
  return { versions, until, close: () => controller.abort() };
};

describe('the VM index against the embedded cluster', () => {
  it('sees VMs created through the API and in bulk, and filters, sorts and pages them', async () => {
    await api('admin', 'POST', vms('default'), vmBody('alpha', 'Halted', { app: 'shop' }));
    await api('developer', 'POST', vms('developer-vms'), vmBody('dev-one', 'Halted'));
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    for (let i = 0; i < 120; i++) {
      const body = vmBody(`bulk-${String(i).padStart(3, '0')}`, 'Halted', { batch: 'b' });
      await cluster.store.put('kubevirt.io/virtualmachines', {
        ...body,
        metadata: {
          ...body.metadata,
          namespace: i % 2 ? 'default' : 'developer-vms',
          uid: crypto.randomUUID(),
          creationTimestamp: now,
        },
      });
    }
    await until('122 VMs', () => index.size === 122);
    await cluster.controllersIdle();
    await until(
      'every VM Stopped',
      () => index.query({ status: ['Stopped'] }, 'all').total === 122,
    );

    const first = await page('admin', '?label=batch%3Db&sort=name&order=desc&limit=50');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(120);
    const names = first.body.items.map((item) => item.name);
    let token = first.body.continue;
    while (token) {
      const next = await page(
        'admin',
        `?label=batch%3Db&sort=name&order=desc&limit=50&continue=${encodeURIComponent(token)}`,
      );
      names.push(...next.body.items.map((item) => item.name));
      token = next.body.continue;
    }
    expect(names).toHaveLength(120);
    expect(names[0]).toBe('bulk-119');
    expect(names[119]).toBe('bulk-000');
    expect((await page('admin', '?text=app%3Dshop')).body.items).toMatchObject([
      { namespace: 'default', name: 'alpha', os: 'fedora', memory: '128Mi', standalone: false },
    ]);
    expect((await page('admin', '?namespace=default&text=bulk')).body.total).toBe(60);
    expect((await page('admin', '?sort=nope')).status).toBe(400);
  });

  it('answers each user for the namespaces they may list, and no one without a token', async () => {
    const admin = await page('admin', '?text=-&limit=1000');
    expect(new Set(admin.body.items.map((item) => item.namespace))).toEqual(
      new Set(['default', 'developer-vms']),
    );
    const developer = await page('developer', '?limit=1000');
    expect(developer.body.total).toBe(61);
    expect(developer.body.items.every((item) => item.namespace === 'developer-vms')).toBe(true);
    expect((await page('developer', '?text=alpha')).body.total).toBe(0);
    const refused = await page('developer', '?namespace=default');
    expect(refused.status).toBe(403);
    expect(refused.body.reason).toBe('Forbidden');
    expect((await page(undefined)).status).toBe(401);
    expect((await page('not-a-token')).status).toBe(401);
  });

  it('joins the VMI once a VM runs, drops a deleted VM and flags a standalone VMI', async () => {
    await api('admin', 'POST', vms('default'), vmBody('runner', 'Always'));
    await until('runner running', () => row('default', 'runner')?.status === 'Running');
    expect(row('default', 'runner')).toMatchObject({
      node: expect.stringMatching(/^worker-\d$/),
      ips: ['10.0.2.15'],
      standalone: false,
    });
    const running = await page('admin', '?status=Running&ip=10.0.2');
    expect(running.body.items.map((item) => item.name)).toEqual(['runner']);

    await api('admin', 'DELETE', `${vms('default')}/alpha`);
    await until('alpha gone', () => row('default', 'alpha') === undefined);

    await api('admin', 'POST', '/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances', {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachineInstance',
      metadata: { name: 'lonely' },
      spec: { domain: { memory: { guest: '64Mi' }, devices: {} } },
    });
    await until('lonely listed', () => row('default', 'lonely') !== undefined);
    expect(row('default', 'lonely')).toMatchObject({ standalone: true, memory: '64Mi' });
  });

  it('pushes change events only for namespaces the user may list', async () => {
    const admin = await events('admin');
    const developer = await events('developer');
    await Promise.all([admin.until(() => true), developer.until(() => true)]);
    const before = Number(index.resourceVersion);

    await api('admin', 'POST', vms('default'), vmBody('only-admin'));
    await until('only-admin stopped', () => row('default', 'only-admin')?.status === 'Stopped');
    const afterAdmin = Number(index.resourceVersion);
    await admin.until((version) => version >= afterAdmin);

    await api('developer', 'POST', vms('developer-vms'), vmBody('for-both'));
    await until('for-both stopped', () => row('developer-vms', 'for-both')?.status === 'Stopped');
    const afterDeveloper = Number(index.resourceVersion);
    await developer.until((version) => version >= afterDeveloper);

    // Nothing reached the developer about the change in `default`.
    expect(developer.versions.filter((v) => v > before && v <= afterAdmin)).toEqual([]);
    admin.close();
    developer.close();
  });

  it('re-lists after the cluster restarts and stays correct', async () => {
    const listsBefore = sync.lists;
    await cluster.stop();
    await start();
    // Changes the index cannot have watched: it must re-list to see them.
    const gone = cluster.store.get('kubevirt.io/virtualmachines', 'default', 'bulk-001');
    await cluster.store.remove('kubevirt.io/virtualmachines', gone!);
    await api('admin', 'POST', vms('developer-vms'), vmBody('after-restart'));
    await until(
      'the restart seen',
      () =>
        row('default', 'bulk-001') === undefined &&
        row('developer-vms', 'after-restart') !== undefined,
    );
    expect(sync.lists).toBeGreaterThan(listsBefore);
    const developer = await page('developer', '?text=after-restart');
    expect(developer.body.items.map((item) => item.name)).toEqual(['after-restart']);
    const admin = await page('admin', '?namespace=default&text=bulk');
    expect(admin.body.total).toBe(59);
  });
});
