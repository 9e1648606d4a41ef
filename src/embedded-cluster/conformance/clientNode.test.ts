import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  makeInformer,
  RbacAuthorizationV1Api,
  Watch,
  type V1ConfigMap,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster } from './testCluster';

type TestCluster = Awaited<ReturnType<typeof startTestCluster>>;
let cluster: TestCluster;
let kc: KubeConfig;

const asUser = (context: 'admin' | 'developer') => {
  const config = new KubeConfig();
  config.loadFromFile(cluster.kubeconfigPath);
  config.setCurrentContext(context);
  return config;
};

beforeAll(async () => {
  cluster = await startTestCluster();
  kc = asUser('admin');
}, 60_000);
afterAll(() => cluster?.cleanup());

const vm = (name: string) => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name, labels: { batch: 'paging' } },
  spec: {
    runStrategy: 'Halted',
    template: { spec: { domain: { devices: {} } } },
  },
});

const statusCode = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { code?: number }).code;
  }
};

describe('@kubernetes/client-node against the embedded cluster', () => {
  it('does CRUD on a core kind with resourceVersion conflicts', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const created = await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'crud' }, data: { a: '1' } },
    });
    expect(created.metadata?.uid).toBeTruthy();
    const read = await core.readNamespacedConfigMap({ name: 'crud', namespace: 'default' });
    expect(read.data).toEqual({ a: '1' });
    const updated = await core.replaceNamespacedConfigMap({
      name: 'crud',
      namespace: 'default',
      body: { ...read, data: { a: '2' } },
    });
    expect(Number(updated.metadata?.resourceVersion)).toBeGreaterThan(
      Number(read.metadata?.resourceVersion),
    );
    // The stale copy now conflicts.
    expect(
      await statusCode(
        core.replaceNamespacedConfigMap({
          name: 'crud',
          namespace: 'default',
          body: { ...read, data: { a: '3' } },
        }),
      ),
    ).toBe(409);
    await core.deleteNamespacedConfigMap({ name: 'crud', namespace: 'default' });
    expect(
      await statusCode(core.readNamespacedConfigMap({ name: 'crud', namespace: 'default' })),
    ).toBe(404);
  });

  it('creates VMs with generateName and lists them in pages', async () => {
    const custom = kc.makeApiClient(CustomObjectsApi);
    for (let i = 0; i < 7; i++) {
      await custom.createNamespacedCustomObject({
        group: 'kubevirt.io',
        version: 'v1',
        namespace: 'default',
        plural: 'virtualmachines',
        body: { ...vm(''), metadata: { generateName: 'paged-', labels: { batch: 'paging' } } },
      });
    }
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = (await custom.listNamespacedCustomObject({
        group: 'kubevirt.io',
        version: 'v1',
        namespace: 'default',
        plural: 'virtualmachines',
        labelSelector: 'batch=paging',
        limit: 3,
        _continue: token,
      })) as { items: { metadata: { name: string } }[]; metadata: { continue?: string } };
      names.push(...page.items.map((item) => item.metadata.name));
      token = page.metadata.continue || undefined;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(names).toHaveLength(7);
    expect(new Set(names).size).toBe(7);
    for (const name of names) expect(name).toMatch(/^paged-[a-z0-9]{5}$/);
  });

  it('watches, and resumes from a resourceVersion without missing changes', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const start = await core.listNamespacedConfigMap({ namespace: 'default' });
    const from = start.metadata?.resourceVersion;
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'w1' } },
    });
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'w2' } },
    });
    const seen: string[] = [];
    const watch = new Watch(kc);
    const request = await watch.watch(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion: from },
      (type, object: V1ConfigMap) => seen.push(`${type} ${object.metadata?.name}`),
      () => undefined,
    );
    await core.deleteNamespacedConfigMap({ name: 'w1', namespace: 'default' });
    const deadline = Date.now() + 5_000;
    while (seen.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    request.abort();
    expect(seen).toEqual(['ADDED w1', 'ADDED w2', 'DELETED w1']);
  });

  it('keeps an informer in step with the cluster', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const informer = makeInformer(kc, '/api/v1/namespaces/developer-vms/configmaps', () =>
      core.listNamespacedConfigMap({ namespace: 'developer-vms' }),
    );
    const events: string[] = [];
    informer.on('add', (o: V1ConfigMap) => events.push(`add ${o.metadata?.name}`));
    informer.on('update', (o: V1ConfigMap) => events.push(`update ${o.metadata?.name}`));
    informer.on('delete', (o: V1ConfigMap) => events.push(`delete ${o.metadata?.name}`));
    await informer.start();
    await core.createNamespacedConfigMap({
      namespace: 'developer-vms',
      body: { metadata: { name: 'informed' }, data: { v: '1' } },
    });
    await core.patchNamespacedConfigMap({
      name: 'informed',
      namespace: 'developer-vms',
      body: [{ op: 'replace', path: '/data/v', value: '2' }],
    });
    await core.deleteNamespacedConfigMap({ name: 'informed', namespace: 'developer-vms' });
    const deadline = Date.now() + 5_000;
    while (events.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await informer.stop();
    expect(events).toEqual(['add informed', 'update informed', 'delete informed']);
    expect(informer.list().map((o) => o.metadata?.name)).not.toContain('informed');
  });

  it('lets the developer work in its namespace only', async () => {
    const dev = asUser('developer').makeApiClient(CustomObjectsApi);
    await dev.createNamespacedCustomObject({
      group: 'kubevirt.io',
      version: 'v1',
      namespace: 'developer-vms',
      plural: 'virtualmachines',
      body: vm('devs-own'),
    });
    expect(
      await statusCode(
        dev.createNamespacedCustomObject({
          group: 'kubevirt.io',
          version: 'v1',
          namespace: 'default',
          plural: 'virtualmachines',
          body: vm('not-allowed'),
        }),
      ),
    ).toBe(403);
    expect(
      await statusCode(
        dev.listClusterCustomObject({
          group: 'kubevirt.io',
          version: 'v1',
          plural: 'virtualmachines',
        }),
      ),
    ).toBe(403);
    // Admin of its namespace, the developer still cannot hand itself cluster-admin there.
    const devRbac = asUser('developer').makeApiClient(RbacAuthorizationV1Api);
    const escalation = devRbac.createNamespacedRoleBinding({
      namespace: 'developer-vms',
      body: {
        metadata: { name: 'grab' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'cluster-admin',
        },
        subjects: [{ kind: 'User', name: 'developer', apiGroup: 'rbac.authorization.k8s.io' }],
      },
    });
    expect(await statusCode(escalation)).toBe(403);
    const anonymous = new KubeConfig();
    anonymous.loadFromOptions({
      clusters: [{ name: 'c', server: cluster.httpURL, skipTLSVerify: true }],
      users: [{ name: 'nobody' }],
      contexts: [{ name: 'c', cluster: 'c', user: 'nobody' }],
      currentContext: 'c',
    });
    expect(await statusCode(anonymous.makeApiClient(CoreV1Api).listNamespace())).toBe(401);
  });
});
