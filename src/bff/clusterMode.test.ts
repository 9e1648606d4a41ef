// The server as it runs in a cluster (no shell, no sessions, the BFF at the service root: the
// console forwards each user's bearer token), against the embedded cluster over HTTPS through
// the kubeconfig it generates. Every route a user can reach is tried as `admin` and as
// `developer`, who administers only `developer-vms`: the developer must be refused everywhere
// else. (`cluster/inPod.test.ts` runs the same server from its command line as in a pod.)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from '../embedded-cluster/cluster';
import { BFF_PATH } from '../common/paths';
import { resolveKubeConnection } from './kube/connectionConfig';
import { WebSocket } from 'ws';
import { CONSOLE_CLOSE_CODES } from '../common/consoleSocket';
import { call, deadURL } from './kube/testKit';
import { createServer } from './server';

let dir: string;
let cluster: EmbeddedCluster;
let app: FastifyInstance;
let base: string;
let bearer: Record<'admin' | 'developer', string>;

const VMS = (namespace: string) => `/apis/kubevirt.io/v1/namespaces/${namespace}/virtualmachines`;

const vm = (name: string) => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name },
  spec: {
    runStrategy: 'Halted',
    template: { spec: { domain: { devices: {}, resources: { requests: { memory: '64Mi' } } } } },
  },
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bff-cluster-mode-'));
  cluster = await startEmbeddedCluster({
    dataDir: path.join(dir, 'cluster'),
    runtime: 'simulated',
    sampleVMs: false,
  });
  const token = (name: string) => cluster.users.find((u) => u.username === name)?.token ?? '';
  bearer = { admin: `Bearer ${token('admin')}`, developer: `Bearer ${token('developer')}` };
  // What `--kubeconfig` does: the current context (admin) becomes the BFF's own credential.
  const resolved = await resolveKubeConnection({ kubeconfig: cluster.kubeconfigPath, env: {} });
  expect(resolved?.connection.server.protocol).toBe('https:');
  app = await createServer(
    {
      host: '127.0.0.1',
      port: 0,
      pluginDir: path.join(dir, 'plugin'),
      logLevel: 'silent',
      inCluster: false,
      atServiceRoot: true,
    },
    false,
    {
      connection: resolved?.connection,
      // Nothing listens there: a refusal must come before any attempt to reach it.
      prometheus: { source: { kind: 'direct', url: (await deadURL()).href } },
    },
  );
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  for (const namespace of ['default', 'developer-vms'])
    await cluster.store.put('kubevirt.io/virtualmachines', {
      ...vm(`in-${namespace}`),
      metadata: { name: `in-${namespace}`, namespace, uid: `uid-${namespace}` },
    });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await cluster?.stop();
  await rm(dir, { recursive: true, force: true });
});

const as = (
  user: 'admin' | 'developer',
  route: string,
  init: { method?: string; body?: unknown } = {},
) =>
  call(base, `/${route}`, {
    method: init.method,
    headers: {
      authorization: bearer[user],
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

describe('cluster mode over HTTPS through the generated kubeconfig', () => {
  it('acts as the caller on k8s/: the developer is refused in default, the admin is not', async () => {
    expect((await as('admin', `k8s${VMS('default')}`)).status).toBe(200);
    const refused = await as('developer', `k8s${VMS('default')}`);
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    expect(refused.json<{ message: string }>().message).toContain('developer');
    const own = await as('developer', `k8s${VMS('developer-vms')}`);
    expect(
      own.json<{ items: { metadata: { name: string } }[] }>().items.map((i) => i.metadata.name),
    ).toEqual(['in-developer-vms']);
  });

  it('refuses the developer writes outside its namespace and allows them inside', async () => {
    expect(
      (await as('developer', `k8s${VMS('default')}`, { method: 'POST', body: vm('nope') })).status,
    ).toBe(403);
    expect(
      (await as('developer', `k8s${VMS('developer-vms')}`, { method: 'POST', body: vm('mine') }))
        .status,
    ).toBe(201);
  });

  it('shows the developer only its own VMs in the vms index, the admin all', async () => {
    const names = async (user: 'admin' | 'developer') => {
      for (;;) {
        const page = (await as(user, 'vms?text=in-')).json<{ items: { namespace: string }[] }>();
        if (user === 'developer' || page.items.length >= 2)
          return page.items.map((i) => i.namespace).sort();
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    expect(await names('admin')).toEqual(['default', 'developer-vms']);
    expect(await names('developer')).toEqual(['developer-vms']);
    const asked = await as('developer', 'vms?namespace=default');
    expect(asked.status).toBe(403);
    expect(asked.json()).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
  });

  it('serves its own metrics to a token that may get /metrics, and to no one else', async () => {
    const scraped = await as('admin', 'metrics');
    expect(scraped.status).toBe(200);
    expect(scraped.text).toMatch(
      /^bff_http_requests_total\{route="\/k8s\/\*",method="GET",code="403"\} \d+/m,
    );
    expect(scraped.text).toMatch(/^bff_vm_index_rows \d+/m);
    // Route templates only: no namespace or object name becomes a label.
    expect(scraped.text).not.toContain('developer-vms');
    expect((await as('developer', 'metrics')).status).toBe(403);
    expect((await call(base, '/metrics')).status).toBe(401);
  });

  it('confines the developer on the Prometheus routes before asking Prometheus', async () => {
    const query = 'prometheus/api/v1/query?query=kubevirt_vmi_memory_used_bytes';
    expect((await as('developer', query)).status).toBe(400);
    const elsewhere = await as('developer', `${query}&namespace=default`);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.json()).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    // Allowed: the answer is Prometheus's absence, not a refusal.
    expect((await as('developer', `${query}&namespace=developer-vms`)).status).toBe(503);
    expect((await as('admin', query)).status).toBe(503);
  });

  it('refuses the developer an upload into a volume outside its namespace', async () => {
    const upload = await call(base, '/upload/default/some-disk', {
      method: 'POST',
      headers: { authorization: bearer.developer, 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(4096),
    });
    expect(upload.status).toBe(403);
    expect((await as('developer', 'upload/default/some-disk')).status).toBe(403);
  });

  const socket = (route: string, user: 'admin' | 'developer' | undefined, origin = base) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/${route}`, {
      headers: { ...(user ? { authorization: bearer[user] } : {}), origin },
    });
    ws.on('error', () => undefined);
    return ws;
  };

  it("closes the developer's console on a VM in another namespace as forbidden", async () => {
    await cluster.store.put('kubevirt.io/virtualmachineinstances', {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachineInstance',
      metadata: { name: 'in-default', namespace: 'default', uid: 'vmi-in-default' },
      spec: { domain: { devices: {} } },
      status: { phase: 'Running' },
    });
    for (const kind of ['vnc', 'serial']) {
      const ws = socket(`console/${kind}/default/in-default`, 'developer');
      const code = await new Promise<number>((resolve) => ws.on('close', resolve));
      expect(code).toBe(CONSOLE_CLOSE_CODES.forbidden);
    }
    // The admin is let through to the VMI (which has no guest here): refused for another reason.
    const ws = socket('console/vnc/default/in-default', 'admin');
    const code = await new Promise<number>((resolve) => ws.on('close', resolve));
    expect([CONSOLE_CLOSE_CODES['not-found'], CONSOLE_CLOSE_CODES['no-display']]).toContain(code);
  });

  it('takes the Origin the console proxy sends, and refuses a watch without a token', async () => {
    // The console checks the browser's Origin itself, then adds its own: ours is not compared.
    const proxied = socket('k8s-watch', 'admin', 'https://console.example, http://localhost');
    await new Promise((resolve) => proxied.once('open', resolve));
    proxied.close();
    const anonymous = socket('k8s-watch', undefined);
    const status = await new Promise<number>((resolve) =>
      anonymous.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      }),
    );
    expect(status).toBe(401);
  });

  it("refuses the developer's watch outside its namespace over the watch socket", async () => {
    const ws = socket('k8s-watch', 'developer');
    await new Promise((resolve) => ws.once('open', resolve));
    const reply = new Promise<{ id: string; error?: { code: number } }>((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse(data.toString()))),
    );
    ws.send(JSON.stringify({ id: 'w', action: 'watch', path: VMS('default') }));
    expect((await reply).error?.code).toBe(403);
    ws.close();
  });

  it('has no shell and no login in this mode', async () => {
    expect((await call(base, '/session')).status).toBe(404);
    expect((await call(base, `${BFF_PATH}session`)).status).toBe(404);
    expect((await call(base, '/')).status).toBe(404);
  });
});

describe('standalone in front of a kubeconfig cluster', () => {
  it('asks for a login (a token, never the kubeconfig user) and then acts as that user', async () => {
    const resolved = await resolveKubeConnection({ kubeconfig: cluster.kubeconfigPath, env: {} });
    const standalone = await createServer(
      {
        host: '127.0.0.1',
        port: 0,
        pluginDir: path.join(dir, 'plugin'),
        shellDir: path.join(dir, 'shell'),
        logLevel: 'silent',
        inCluster: false,
      },
      false,
      { connection: resolved?.connection },
    );
    try {
      const url = await standalone.listen({ host: '127.0.0.1', port: 0 });
      // Not logged in: nothing is answered with the kubeconfig's own token.
      expect((await call(url, `${BFF_PATH}k8s${VMS('default')}`)).status).toBe(401);
      expect((await call(url, `${BFF_PATH}session/users`)).json()).toEqual({ items: [] });
      const byName = await call(url, `${BFF_PATH}session/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin' }),
      });
      expect(byName.status).toBe(400);
      const login = await call(url, `${BFF_PATH}session/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: bearer.developer.slice('Bearer '.length) }),
      });
      expect(login.status).toBe(200);
      const cookie = String(login.headers['set-cookie'] ?? '')
        .split(/,(?=\s*\w+=)/)
        .map((part) => part.split(';')[0])
        .join('; ');
      expect(
        (await call(url, `${BFF_PATH}k8s${VMS('developer-vms')}`, { headers: { cookie } })).status,
      ).toBe(200);
      expect(
        (await call(url, `${BFF_PATH}k8s${VMS('default')}`, { headers: { cookie } })).status,
      ).toBe(403);
    } finally {
      await standalone.close();
    }
  });
});

describe('under the console paths without sessions (a bare --upstream)', () => {
  it('refuses a WebSocket from a foreign Origin, on the watch and console routes', async () => {
    const bare = await createServer(
      {
        host: '127.0.0.1',
        port: 0,
        pluginDir: path.join(dir, 'plugin'),
        logLevel: 'silent',
        inCluster: false,
      },
      false,
      // No credential of its own: no sessions, the caller's Authorization goes through.
      { connection: { server: new URL(cluster.httpsURL), ca: cluster.caCert } },
    );
    try {
      const url = await bare.listen({ host: '127.0.0.1', port: 0 });
      for (const route of ['k8s-watch', 'console/vnc/developer-vms/x']) {
        const ws = new WebSocket(`${url.replace('http', 'ws')}${BFF_PATH}${route}`, {
          headers: { authorization: bearer.admin, origin: 'https://evil.example' },
        });
        ws.on('error', () => undefined);
        const status = await new Promise<number>((resolve) =>
          ws.on('unexpected-response', (_req, res) => {
            resolve(res.statusCode ?? 0);
            res.resume();
          }),
        );
        expect(status).toBe(403);
      }
    } finally {
      await bare.close();
    }
  });
});
