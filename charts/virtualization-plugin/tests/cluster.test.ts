// Every rendered object is created in the embedded cluster, as `admin`, into the release
// namespace, with strict field validation: a field the API does not know fails like a missing
// one. Kinds the embedded cluster does not serve are skipped (found through its discovery):
// today Deployment, PodDisruptionBudget and NetworkPolicy. A kind it is known to serve must never
// be skipped. Then the cluster's own RBAC answers what the chart's service accounts may do.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../../src/embedded-cluster/cluster';
import { RENDER_CASES, type RenderCase } from './cases';
import { findHelm, render } from './helm';
import type { Deployment, Job } from './kinds';
import { ofKind, parseManifests, type KubeObject } from './manifests';

/** Kinds the embedded cluster serves: skipping one of these is a failure. */
const SERVED = [
  'v1/ServiceAccount',
  'v1/Service',
  'v1/ConfigMap',
  'rbac.authorization.k8s.io/v1/ClusterRole',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
  'batch/v1/Job',
  'console.openshift.io/v1/ConsolePlugin',
  'console.openshift.io/v1/ConsoleQuickStart',
];
/** Kinds it does not serve (yet): the only ones that may be skipped. */
const NOT_SERVED = [
  'apps/v1/Deployment',
  'policy/v1/PodDisruptionBudget',
  'networking.k8s.io/v1/NetworkPolicy',
];

interface Resource {
  plural: string;
  namespaced: boolean;
}

interface Session {
  cluster: EmbeddedCluster;
  dir: string;
  call(method: string, url: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

let session: Session | undefined;

const start = async (): Promise<Session> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'chart-cluster-'));
  const cluster = await startEmbeddedCluster({
    dataDir: path.join(dir, 'cluster'),
    runtime: 'simulated',
    sampleVMs: false,
  });
  const token = cluster.users.find((u) => u.username === 'admin')?.token;
  const call = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${cluster.httpURL}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  return { cluster, dir, call };
};

afterEach(async () => {
  await session?.cluster.stop();
  if (session) await rm(session.dir, { recursive: true, force: true });
  session = undefined;
});

type ResourceList = {
  resources: ({ name: string; kind: string; namespaced: boolean } | undefined)[];
};

/** `apiVersion/kind` → where to create it, as the cluster's discovery says. */
const discover = async ({ call }: Session): Promise<Map<string, Resource>> => {
  const served = new Map<string, Resource>();
  const add = (groupVersion: string, list: ResourceList) => {
    for (const r of list.resources)
      if (r && !r.name.includes('/'))
        served.set(`${groupVersion}/${r.kind}`, { plural: r.name, namespaced: r.namespaced });
  };
  add('v1', (await call('GET', '/api/v1')).body as ResourceList);
  const groups = (await call('GET', '/apis')).body as {
    groups: { versions: { groupVersion: string }[] }[];
  };
  for (const group of groups.groups)
    for (const { groupVersion } of group.versions)
      add(groupVersion, (await call('GET', `/apis/${groupVersion}`)).body as ResourceList);
  return served;
};

const collectionPath = (object: KubeObject, resource: Resource, namespace: string) =>
  `${object.apiVersion.includes('/') ? `/apis/${object.apiVersion}` : '/api/v1'}${
    resource.namespaced ? `/namespaces/${namespace}` : ''
  }/${resource.plural}`;

/** Creates what the cluster serves; returns the keys of the kinds it skipped. */
const createAll = async (current: Session, options: RenderCase, objects: KubeObject[]) => {
  const served = await discover(current);
  for (const key of SERVED)
    expect(served.has(key), `the embedded cluster serves ${key}`).toBe(true);
  const namespace = await current.call('POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: options.namespace },
  });
  expect(namespace.status).toBe(201);
  const skipped = new Set<string>();
  for (const object of objects) {
    const key = `${object.apiVersion}/${object.kind}`;
    const resource = served.get(key);
    if (!resource) {
      skipped.add(key);
      continue;
    }
    const collection = collectionPath(object, resource, options.namespace);
    // The embedded cluster seeds the quick starts from the same files: replace those. Any other
    // object already there is a name clash a real cluster would refuse too.
    const existing = `${collection}/${object.metadata.name}`;
    if (object.kind === 'ConsoleQuickStart' && (await current.call('GET', existing)).status === 200)
      expect((await current.call('DELETE', existing)).status).toBe(200);
    const created = await current.call('POST', `${collection}?fieldValidation=Strict`, object);
    expect(created.body, `creating ${object.kind} ${object.metadata.name}`).toMatchObject({
      kind: object.kind,
      metadata: { name: object.metadata.name },
    });
    expect(created.status).toBe(201);
  }
  return [...skipped].sort();
};

const SERVICE_ACCOUNT_GROUPS = (namespace: string) => [
  'system:serviceaccounts',
  `system:serviceaccounts:${namespace}`,
  'system:authenticated',
];

describe.skipIf(!findHelm().helm)('the embedded cluster', () => {
  it.each(RENDER_CASES)(
    'accepts every rendered object of a kind it serves ($name values; skipped, as it serves them not: Deployment, PodDisruptionBudget, NetworkPolicy)',
    async (options) => {
      session = await start();
      const objects = parseManifests(render(options)).map((m) => m.object);
      const skipped = await createAll(session, options, objects);
      console.info(
        `${options.name}: skipped kinds the embedded cluster does not serve: ${skipped.join(', ')}`,
      );
      for (const key of skipped) expect(NOT_SERVED, `${key} was skipped`).toContain(key);
      for (const key of SERVED) expect(skipped).not.toContain(key);
    },
    60_000,
  );

  it('lets the service accounts do what the chart grants, and nothing else', async () => {
    const options = RENDER_CASES[0]!;
    session = await start();
    const manifests = parseManifests(render(options));
    await createAll(
      session,
      options,
      manifests.map((m) => m.object),
    );
    const server = ofKind<Deployment>(manifests, 'Deployment')[0]!.spec.template.spec
      .serviceAccountName!;
    const hook = ofKind<Job>(manifests, 'Job')[0]!.spec.template.spec.serviceAccountName!;
    const may = async (account: string, attributes: Record<string, string>) => {
      const review = await session!.call(
        'POST',
        '/apis/authorization.k8s.io/v1/subjectaccessreviews',
        {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SubjectAccessReview',
          spec: {
            user: `system:serviceaccount:${options.namespace}:${account}`,
            groups: SERVICE_ACCOUNT_GROUPS(options.namespace),
            resourceAttributes: attributes,
          },
        },
      );
      expect(review.status).toBe(201);
      return (review.body as { status: { allowed: boolean } }).status.allowed;
    };
    const vms = { group: 'kubevirt.io', resource: 'virtualmachines' };
    const vmis = { group: 'kubevirt.io', resource: 'virtualmachineinstances' };
    const cdiConfig = { group: 'cdi.kubevirt.io', resource: 'cdiconfigs' };
    const consoles = { group: 'operator.openshift.io', resource: 'consoles' };

    expect(await may(server, { ...vms, verb: 'list' })).toBe(true);
    expect(await may(server, { ...vms, verb: 'watch' })).toBe(true);
    expect(await may(server, { ...vmis, verb: 'watch', namespace: 'developer-vms' })).toBe(true);
    expect(await may(server, { ...cdiConfig, verb: 'get', name: 'config' })).toBe(true);
    expect(await may(server, { ...vms, verb: 'create', namespace: 'default' })).toBe(false);
    expect(await may(server, { ...vms, verb: 'delete', namespace: 'default', name: 'x' })).toBe(
      false,
    );
    expect(
      await may(server, {
        ...vmis,
        verb: 'get',
        subresource: 'vnc',
        namespace: 'default',
        name: 'x',
      }),
    ).toBe(false);
    expect(await may(server, { ...cdiConfig, verb: 'update', name: 'config' })).toBe(false);
    expect(await may(server, { group: '', resource: 'secrets', verb: 'list' })).toBe(false);
    expect(await may(server, { ...consoles, verb: 'patch', name: 'cluster' })).toBe(false);

    expect(await may(hook, { ...consoles, verb: 'get', name: 'cluster' })).toBe(true);
    expect(await may(hook, { ...consoles, verb: 'patch', name: 'cluster' })).toBe(true);
    expect(await may(hook, { ...consoles, verb: 'update', name: 'cluster' })).toBe(true);
    expect(await may(hook, { ...consoles, verb: 'patch', name: 'other' })).toBe(false);
    expect(await may(hook, { ...consoles, verb: 'delete', name: 'cluster' })).toBe(false);
    expect(await may(hook, { ...vms, verb: 'list' })).toBe(false);
    expect(
      await may(hook, {
        group: 'console.openshift.io',
        resource: 'consoleplugins',
        verb: 'delete',
        name: 'virtualization-plugin',
      }),
    ).toBe(false);
  }, 60_000);
});
