// `console-plugins enable|disable NAME` against the embedded cluster's console operator config,
// run as the chart's hook runs it: in a pod, as a service account allowed only to get, patch and
// update consoles.operator.openshift.io named `cluster`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedCluster } from '../../embedded-cluster/cluster';
import { CONSOLE_CONFIG_PATH, changeConsolePlugin, EXIT_CODES } from './consolePlugins';
import { runConsolePlugins, USAGE } from './consolePluginsCli';
import {
  createAsAdmin,
  httpsCall,
  startClusterWithServiceAccounts,
  writeServiceAccountDir,
} from './testSupport';

const NAMESPACE = 'virtualization-plugin';
const PLUGIN = 'virtualization-plugin';

let dir: string;
let cluster: EmbeddedCluster;
let hookAccountDir: string;
let developerDir: string;
let admin: string;

/** The hook's RBAC, as the chart grants it. */
const hookRbac = [
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'virtualization-plugin-console-patcher' },
    rules: [
      {
        apiGroups: ['operator.openshift.io'],
        resources: ['consoles'],
        resourceNames: ['cluster'],
        verbs: ['get', 'patch', 'update'],
      },
    ],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'virtualization-plugin-console-patcher' },
    subjects: [{ kind: 'ServiceAccount', name: 'console-patcher', namespace: NAMESPACE }],
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'virtualization-plugin-console-patcher',
    },
  },
];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'console-plugins-'));
  const started = await startClusterWithServiceAccounts(path.join(dir, 'cluster'), [
    { namespace: NAMESPACE, name: 'console-patcher' },
  ]);
  cluster = started.cluster;
  admin = `Bearer ${cluster.users.find((u) => u.username === 'admin')?.token}`;
  await createAsAdmin(cluster, hookRbac);
  hookAccountDir = writeServiceAccountDir(path.join(dir, 'hook'), {
    token: started.tokens.get(`${NAMESPACE}:console-patcher`) ?? '',
    ca: cluster.caCert,
    namespace: NAMESPACE,
  });
  developerDir = writeServiceAccountDir(path.join(dir, 'developer'), {
    token: cluster.users.find((u) => u.username === 'developer')?.token ?? '',
    ca: cluster.caCert,
    namespace: 'developer-vms',
  });
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the command as in a pod; returns its exit code and what it printed. */
const run = async (argv: string[], serviceAccountDir = hookAccountDir) => {
  const out: string[] = [];
  const err: string[] = [];
  const url = new URL(cluster.httpsURL);
  const code = await runConsolePlugins(argv, {
    env: { KUBERNETES_SERVICE_HOST: url.hostname, KUBERNETES_SERVICE_PORT: url.port },
    serviceAccountDir,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

const consoleConfig = async () =>
  httpsCall(cluster.httpsURL, CONSOLE_CONFIG_PATH, {
    ca: cluster.caCert,
    headers: { authorization: admin },
  });

const plugins = async () =>
  (await consoleConfig()).json<{ spec: { plugins?: string[] } }>().spec.plugins;

/** Sets spec.plugins as another installer would have left it. */
const setPlugins = async (list: string[]) => {
  const answer = await httpsCall(cluster.httpsURL, CONSOLE_CONFIG_PATH, {
    ca: cluster.caCert,
    method: 'PATCH',
    headers: { authorization: admin, 'content-type': 'application/merge-patch+json' },
    body: JSON.stringify({ spec: { plugins: list } }),
  });
  expect(answer.status).toBe(200);
};

describe('the seeded console operator config', () => {
  it('is the one cluster-scoped object `cluster`, managed, with no plugins', async () => {
    const config = (await consoleConfig()).json();
    expect(config).toMatchObject({
      apiVersion: 'operator.openshift.io/v1',
      kind: 'Console',
      metadata: { name: 'cluster' },
      spec: { managementState: 'Managed', plugins: [] },
    });
  });

  it('is validated as the real CRD is: a bad managementState is refused, naming the field', async () => {
    const answer = await httpsCall(cluster.httpsURL, CONSOLE_CONFIG_PATH, {
      ca: cluster.caCert,
      method: 'PATCH',
      headers: { authorization: admin, 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { managementState: 'Sometimes', plugins: 'all' } }),
    });
    expect(answer.status).toBe(422);
    expect(answer.json<{ message: string }>().message).toContain('spec.managementState');
    expect(answer.json<{ message: string }>().message).toContain('spec.plugins');
  });
});

describe('console-plugins enable|disable', () => {
  it('enables the plugin once, keeping the others, and again changes nothing', async () => {
    await setPlugins(['monitoring-plugin']);
    const first = await run(['enable', PLUGIN]);
    expect(first).toEqual({
      code: EXIT_CODES.ok,
      out: `Enabled ${PLUGIN} in the console (plugins: monitoring-plugin, ${PLUGIN}).`,
      err: '',
    });
    expect(await plugins()).toEqual(['monitoring-plugin', PLUGIN]);
    const again = await run(['enable', PLUGIN]);
    expect(again.code).toBe(EXIT_CODES.ok);
    expect(again.out).toBe(
      `${PLUGIN} is already enabled in the console; nothing to do (plugins: monitoring-plugin, ${PLUGIN}).`,
    );
    expect(await plugins()).toEqual(['monitoring-plugin', PLUGIN]);
  });

  it('disables the plugin once, keeping the others, and again changes nothing', async () => {
    const first = await run(['disable', PLUGIN]);
    expect(first.code).toBe(EXIT_CODES.ok);
    expect(first.out).toBe(`Disabled ${PLUGIN} in the console (plugins: monitoring-plugin).`);
    expect(await plugins()).toEqual(['monitoring-plugin']);
    const again = await run(['disable', PLUGIN]);
    expect(again.code).toBe(EXIT_CODES.ok);
    expect(again.out).toBe(
      `${PLUGIN} is not enabled in the console; nothing to do (plugins: monitoring-plugin).`,
    );
    expect(await plugins()).toEqual(['monitoring-plugin']);
  });

  it('adds the list when the config has none', async () => {
    const answer = await httpsCall(cluster.httpsURL, CONSOLE_CONFIG_PATH, {
      ca: cluster.caCert,
      method: 'PATCH',
      headers: { authorization: admin, 'content-type': 'application/json-patch+json' },
      body: JSON.stringify([{ op: 'remove', path: '/spec/plugins' }]),
    });
    expect(answer.status).toBe(200);
    expect(await plugins()).toBeUndefined();
    expect((await run(['enable', PLUGIN])).code).toBe(EXIT_CODES.ok);
    expect(await plugins()).toEqual([PLUGIN]);
  });

  it('loses no plugin when several installs write at once', async () => {
    await setPlugins(['monitoring-plugin']);
    const names = ['plugin-a', 'plugin-b', 'plugin-c', 'plugin-d'];
    const connection = {
      server: new URL(cluster.httpsURL),
      ca: cluster.caCert,
      token: admin.slice('Bearer '.length),
    };
    const results = await Promise.all(
      names.map((name) => changeConsolePlugin(connection, name, 'enable')),
    );
    expect(results.every((r) => r.changed)).toBe(true);
    expect([...((await plugins()) ?? [])].sort()).toEqual(['monitoring-plugin', ...names].sort());
    await Promise.all(names.map((name) => changeConsolePlugin(connection, name, 'disable')));
    expect(await plugins()).toEqual(['monitoring-plugin']);
  });

  it('refuses bad usage before touching the cluster', async () => {
    for (const argv of [[], ['enable'], ['add', PLUGIN], ['enable', PLUGIN, 'extra']])
      expect(await run(argv)).toEqual({ code: EXIT_CODES.usage, out: '', err: USAGE });
    const badName = await run(['enable', 'Not_A_Name']);
    expect(badName.code).toBe(EXIT_CODES.usage);
    expect(badName.err).toMatch(/^"Not_A_Name" is not a plugin name/);
  });

  it("says so, with the cluster's message, when the credential may not patch it", async () => {
    const refused = await run(['enable', PLUGIN], developerDir);
    expect(refused.code).toBe(EXIT_CODES.failed);
    expect(refused.err).toMatch(
      /^Reading consoles\.operator\.openshift\.io\/cluster failed \(403\): .*"developer"/,
    );
  });

  it('fails clearly outside a pod', async () => {
    const outside = await runConsolePlugins(['enable', PLUGIN], {
      env: {},
      out: () => undefined,
      err: (line) => expect(line).toMatch(/^No cluster credentials: not in a pod/),
    });
    expect(outside).toBe(EXIT_CODES.failed);
  });

  it('tells a cluster without the console operator config apart, for both actions', async () => {
    const deleted = await httpsCall(cluster.httpsURL, CONSOLE_CONFIG_PATH, {
      ca: cluster.caCert,
      method: 'DELETE',
      headers: { authorization: admin },
    });
    expect(deleted.status).toBe(200);
    for (const action of ['enable', 'disable']) {
      const missing = await run([action, PLUGIN]);
      expect(missing.code).toBe(EXIT_CODES.notOpenShift);
      expect(missing.err).toMatch(
        /^Console operator config not found: is this OpenShift\? \(consoles\.operator\.openshift\.io\/cluster answered 404: /,
      );
      expect(missing.out).toBe('');
    }
  });
});
