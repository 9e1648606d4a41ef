// The server exactly as the chart runs it (`--in-cluster --no-shell`, HTTPS with a serving
// certificate), against the embedded cluster as if in a pod: a service-account directory with
// its token, the cluster's CA and a namespace, and KUBERNETES_SERVICE_HOST/PORT. The API server
// is reached through a recording proxy, so the test sees which token each upstream call carried.
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EmbeddedCluster } from '../../embedded-cluster/cluster';
import { BFF_PATH, PLUGIN_ASSETS_PATH, PLUGIN_I18N_NAMESPACE } from '../../common/paths';
import { deadURL } from '../kube/testKit';
import { startServer, type RunningServer } from '../serve';
import {
  createAsAdmin,
  httpsCall,
  recordingProxy,
  selfSignedCertificate,
  startClusterWithServiceAccounts,
  writeServiceAccountDir,
  type CertificateFiles,
  type RecordingProxy,
} from './testSupport';

const NAMESPACE = 'virtualization-plugin';
const MANIFEST = { name: 'virtualization-plugin', version: '0.1.0', extensions: [] };
const VMS = (namespace: string) => `/apis/kubevirt.io/v1/namespaces/${namespace}/virtualmachines`;

let dir: string;
let cluster: EmbeddedCluster;
let proxy: RecordingProxy;
let server: RunningServer;
let serving: CertificateFiles;
let serviceAccount: string;
let bearer: Record<'admin' | 'developer', string>;

/** What the chart grants the BFF's service account: the VM index and CDIConfig, read-only. */
const bffRbac = [
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'virtualization-plugin-bff' },
    rules: [
      {
        apiGroups: ['kubevirt.io'],
        resources: ['virtualmachines', 'virtualmachineinstances'],
        verbs: ['list', 'watch'],
      },
      {
        apiGroups: ['cdi.kubevirt.io'],
        resources: ['cdiconfigs'],
        resourceNames: ['config'],
        verbs: ['get'],
      },
    ],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'virtualization-plugin-bff' },
    subjects: [{ kind: 'ServiceAccount', name: 'virtualization-plugin', namespace: NAMESPACE }],
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'virtualization-plugin-bff',
    },
  },
];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bff-in-pod-'));
  const dataDir = path.join(dir, 'cluster');
  const started = await startClusterWithServiceAccounts(dataDir, [
    { namespace: NAMESPACE, name: 'virtualization-plugin' },
  ]);
  cluster = started.cluster;
  serviceAccount = started.tokens.get(`${NAMESPACE}:virtualization-plugin`) ?? '';
  const token = (name: string) => cluster.users.find((u) => u.username === name)?.token ?? '';
  bearer = { admin: `Bearer ${token('admin')}`, developer: `Bearer ${token('developer')}` };
  await createAsAdmin(cluster, bffRbac);
  for (const namespace of ['default', 'developer-vms'])
    await cluster.store.put('kubevirt.io/virtualmachines', {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: `in-${namespace}`, namespace, uid: `uid-${namespace}` },
      spec: { runStrategy: 'Halted', template: { spec: { domain: { devices: {} } } } },
    });

  proxy = await recordingProxy(cluster, dataDir);
  const accountDir = writeServiceAccountDir(path.join(dir, 'serviceaccount'), {
    token: serviceAccount,
    ca: cluster.caCert,
    namespace: NAMESPACE,
  });
  await writeFile(path.join(accountDir, 'service-ca.crt'), cluster.caCert);
  serving = selfSignedCertificate(path.join(dir, 'serving-cert'), 'tls');
  const pluginDir = path.join(dir, 'plugin');
  await mkdir(path.join(pluginDir, 'locales/en'), { recursive: true });
  await writeFile(path.join(pluginDir, 'plugin-manifest.json'), JSON.stringify(MANIFEST));
  await writeFile(
    path.join(pluginDir, `locales/en/${PLUGIN_I18N_NAMESPACE}.json`),
    JSON.stringify({ Overview: 'Overview' }),
  );
  const thanos = new URL((await deadURL()).href);
  thanos.protocol = 'https:';

  // The chart's command line, with test ports, directories and quiet logs.
  server = await startServer(
    [
      '--in-cluster',
      '--no-shell',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--tls-cert-file',
      serving.certFile,
      '--tls-key-file',
      serving.keyFile,
      '--thanos-querier',
      thanos.href,
      '--prometheus-ca-file',
      path.join(accountDir, 'service-ca.crt'),
      '--log-level',
      'silent',
      '--plugin-dir',
      pluginDir,
    ],
    {
      KUBERNETES_SERVICE_HOST: '127.0.0.1',
      KUBERNETES_SERVICE_PORT: String(proxy.port),
      // Ignored in a pod: only the service account counts.
      KUBECONFIG: cluster.kubeconfigPath,
    },
    { rootDir: dir, serviceAccountDir: accountDir },
  );
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await cluster?.stop();
  await rm(dir, { recursive: true, force: true });
});

const get = (route: string, user?: 'admin' | 'developer') =>
  httpsCall(server.address, route, {
    ca: serving.cert,
    headers: user ? { authorization: bearer[user] } : {},
  });

describe('the server in a pod (--in-cluster --no-shell, HTTPS)', () => {
  it('listens over HTTPS with the serving certificate and names the in-cluster connection', async () => {
    expect(server.address).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.describe.cluster).toContain('in-cluster service account');
    expect(server.describe.cluster).toContain(`127.0.0.1:${proxy.port}`);
    expect(server.describe.metrics).toContain('Thanos querier');
  });

  it('serves the plugin at the service root, where the console fetches it', async () => {
    const manifest = await get('/plugin-manifest.json');
    expect(manifest.status).toBe(200);
    expect(manifest.json()).toEqual(MANIFEST);
    expect(manifest.headers['cache-control']).toBe('no-cache');
    const locale = await get(`/locales/en/${PLUGIN_I18N_NAMESPACE}.json`);
    expect(locale.json()).toEqual({ Overview: 'Overview' });
    expect((await get('/no-such-chunk.js')).status).toBe(404);
  });

  it('answers /healthz and /readyz without a token', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it("lists with the developer's token at the root: its project yes, elsewhere refused", async () => {
    const own = await get(`/k8s${VMS('developer-vms')}`, 'developer');
    expect(own.status).toBe(200);
    expect(
      own.json<{ items: { metadata: { name: string } }[] }>().items.map((i) => i.metadata.name),
    ).toEqual(['in-developer-vms']);
    const elsewhere = await get(`/k8s${VMS('default')}`, 'developer');
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.json()).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    expect(elsewhere.json<{ message: string }>().message).toContain('"developer"');
    const projects = (await get('/projects', 'developer')).json<{ items: string[] }>().items;
    expect(projects).toContain('developer-vms');
    expect(projects).not.toContain('default');
    expect((await get(`/k8s${VMS('default')}`, 'admin')).status).toBe(200);
  });

  it('answers 401 without a token, never falling back to its own', async () => {
    for (const route of [`/k8s${VMS('developer-vms')}`, '/projects', '/vms', '/metrics']) {
      const answer = await get(route);
      expect(answer.status, route).toBe(401);
      expect(answer.json(), route).toMatchObject({ kind: 'Status', code: 401 });
    }
  });

  it('shows each user only their VMs from the index it keeps with its own token', async () => {
    const namespaces = async (user: 'admin' | 'developer') => {
      for (;;) {
        const page = (await get('/vms?text=in-', user)).json<{ items: { namespace: string }[] }>();
        if (user === 'developer' || page.items.length >= 2)
          return page.items.map((i) => i.namespace).sort();
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    expect(await namespaces('admin')).toEqual(['default', 'developer-vms']);
    expect(await namespaces('developer')).toEqual(['developer-vms']);
  });

  it('has no shell, no login and nothing under the console paths', async () => {
    for (const route of [
      '/',
      '/login',
      '/session',
      '/session/users',
      `${BFF_PATH}healthz`,
      `${PLUGIN_ASSETS_PATH}plugin-manifest.json`,
    ])
      expect((await get(route)).status, route).toBe(404);
    const login = await httpsCall(server.address, '/session/login', {
      ca: serving.cert,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin' }),
    });
    expect(login.status).toBe(404);
  });

  it('watches over a WebSocket as the console proxies it (its Origin, the user token)', async () => {
    const open = (headers: Record<string, string>) => {
      const ws = new WebSocket(`${server.address.replace('https', 'wss')}/k8s-watch`, {
        ca: serving.cert,
        // What the console's proxy sends on: the browser's Origin plus its own.
        headers: { origin: 'https://console.apps.example.com, http://localhost', ...headers },
      });
      ws.on('error', () => undefined);
      return ws;
    };
    const anonymous = open({});
    const status = await new Promise<number>((resolve) =>
      anonymous.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      }),
    );
    expect(status).toBe(401);
    const ws = open({ authorization: bearer.developer });
    await new Promise((resolve) => ws.once('open', resolve));
    const reply = new Promise<{ id: string; error?: { code: number } }>((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse(data.toString()))),
    );
    ws.send(JSON.stringify({ id: 'w', action: 'watch', path: VMS('default') }));
    expect((await reply).error?.code).toBe(403);
    ws.close();
  });

  it("never sends the service account's token on a user's behalf", async () => {
    const own = `Bearer ${serviceAccount}`;
    const byServiceAccount = proxy.requests.filter((r) => r.authorization === own);
    // The index ran on the token read from the service account directory…
    expect(byServiceAccount.length).toBeGreaterThan(0);
    // …and that token went only to what the BFF does for itself: the cluster-wide VM and VMI
    // list and watch of the index.
    for (const r of byServiceAccount) {
      expect(r.method).toBe('GET');
      expect(r.path).toMatch(
        /^\/apis\/kubevirt\.io\/v1\/(virtualmachines|virtualmachineinstances)\?/,
      );
    }
    // Every request made for a user carried that user's token (or none, for a caller without
    // one, which the cluster then refuses).
    const forUsers = proxy.requests.filter((r) => r.authorization !== own);
    expect(forUsers.length).toBeGreaterThan(0);
    for (const r of forUsers)
      expect([bearer.admin, bearer.developer, undefined], `${r.method} ${r.path}`).toContain(
        r.authorization,
      );
    expect(proxy.requests.some((r) => r.path.startsWith(VMS('developer-vms')))).toBe(true);
  });
});
