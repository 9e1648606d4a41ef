import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { kubectl, startApiTestCluster, type ApiTestCluster } from '../conformance/testCluster';
import type { KubeObject } from '../types';

// ResourceQuota end to end: status kept by the controller, `kubectl get|describe quota`, RBAC
// (a namespace admin reads its quota but cannot change it), and admission refusing a claim,
// a resize, a VM's launcher pod and a DataVolume's claim.
vi.setConfig({ testTimeout: 60_000 });

let cluster: ApiTestCluster;
beforeAll(async () => {
  cluster = await startApiTestCluster('quota-');
  for (const name of ['quota-vm', 'quota-dv'])
    await cluster.api('/api/v1/namespaces', {
      method: 'POST',
      json: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
    });
}, 60_000);
afterAll(() => cluster?.cleanup());

const QUOTAS = 'core/resourcequotas';
const DEV = 'developer-vms';

const quota = (name: string, hard: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name },
  spec: { hard },
});

const claim = (name: string, storage: string, storageClassName?: string) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name },
  spec: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage } },
    ...(storageClassName ? { storageClassName } : {}),
  },
});

const usedOf = (namespace: string, name: string) =>
  (cluster.store.get(QUOTAS, namespace, name)?.status as { used?: Record<string, string> })?.used;

const untilUsed = (namespace: string, name: string, key: string, value: string) =>
  cluster.until(QUOTAS, namespace, name, () => usedOf(namespace, name)?.[key] === value);

const eventsAbout = (namespace: string, name: string, reason: string) =>
  cluster.store
    .list('core/events', namespace)
    .filter((e) => (e.involvedObject as { name?: string }).name === name && e.reason === reason);

describe('ResourceQuota', () => {
  it('is counted, shown by kubectl, readable but not writable by the namespace admin', async () => {
    const applied = await kubectl(cluster, ['apply', '-n', DEV, '-f', '-'], {
      input: JSON.stringify(
        quota('storage', { 'requests.storage': '30Mi', persistentvolumeclaims: '5' }),
      ),
    });
    expect(applied.code, applied.stderr).toBe(0);
    for (const [name, size] of [
      ['first', '20Mi'],
      ['second', '5Mi'],
    ] as const) {
      const created = await kubectl(cluster, ['create', '-n', DEV, '-f', '-'], {
        context: 'developer',
        input: JSON.stringify(claim(name, size)),
      });
      expect(created.code, created.stderr).toBe(0);
    }
    await untilUsed(DEV, 'storage', 'requests.storage', '25Mi');

    const table = await kubectl(cluster, ['get', 'quota', '-n', DEV], { context: 'developer' });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^NAME\s+AGE\s+REQUEST\s+LIMIT/);
    expect(table.stdout).toContain('"requests.storage":"25Mi"');
    const described = await kubectl(cluster, ['describe', 'quota', 'storage', '-n', DEV]);
    expect(described.code, described.stderr).toBe(0);
    expect(described.stdout).toMatch(/persistentvolumeclaims\s+2\s+5/);
    expect(described.stdout).toMatch(/requests\.storage\s+25Mi\s+30Mi/);

    const raise = await kubectl(
      cluster,
      [
        'patch',
        'quota',
        'storage',
        '-n',
        DEV,
        '--type',
        'merge',
        '-p',
        '{"spec":{"hard":{"requests.storage":"1Gi"}}}',
      ],
      { context: 'developer' },
    );
    expect(raise.code).not.toBe(0);
    expect(raise.stderr).toContain(
      'User "developer" cannot patch resource "resourcequotas" in API group "" in the namespace "developer-vms"',
    );
  });

  it('refuses a claim, or a resize, past the quota with 403 Forbidden', async () => {
    const refused = await kubectl(cluster, ['create', '-n', DEV, '-f', '-'], {
      context: 'developer',
      input: JSON.stringify(claim('third', '10Mi')),
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'Error from server (Forbidden): error when creating "STDIN": persistentvolumeclaims "third" is forbidden: exceeded quota: storage, requested: requests.storage=10Mi, used: requests.storage=25Mi, limited: requests.storage=30Mi',
    );
    expect(cluster.store.get('core/persistentvolumeclaims', DEV, 'third')).toBeUndefined();

    await cluster.until(
      'core/persistentvolumeclaims',
      DEV,
      'first',
      (o) => (o?.status as { phase?: string } | undefined)?.phase === 'Bound',
    );
    const resize = await cluster.api(`/api/v1/namespaces/${DEV}/persistentvolumeclaims/first`, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      json: { spec: { resources: { requests: { storage: '30Mi' } } } },
    });
    expect(resize.status).toBe(403);
    expect(resize.body).toMatchObject({
      reason: 'Forbidden',
      message:
        'persistentvolumeclaims "first" is forbidden: exceeded quota: storage, requested: requests.storage=10Mi, used: requests.storage=25Mi, limited: requests.storage=30Mi',
    });
  });

  it('keeps a VMI Scheduling while its launcher pod does not fit, and starts it once it does', async () => {
    const NS = 'quota-vm';
    await cluster.api(`/api/v1/namespaces/${NS}/resourcequotas`, {
      method: 'POST',
      json: quota('compute', { 'requests.memory': '1Gi', 'requests.cpu': '1' }),
    });
    const created = await cluster.api(`/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines`, {
      method: 'POST',
      json: {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'big' },
        spec: {
          runStrategy: 'Always',
          template: {
            spec: { domain: { cpu: { cores: 1 }, memory: { guest: '1Gi' }, devices: {} } },
          },
        },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const VMIS = 'kubevirt.io/virtualmachineinstances';
    type Vmi = KubeObject & {
      status?: {
        phase?: string;
        conditions?: { type: string; reason?: string; message?: string }[];
      };
    };
    const waiting = (await cluster.until(
      VMIS,
      NS,
      'big',
      (o) => !!(o as Vmi | undefined)?.status?.conditions?.some((c) => c.reason === 'FailedCreate'),
    )) as Vmi;
    expect(waiting.status?.phase).toBe('Scheduling');
    // The guest's 1Gi plus KubeVirt's overhead for it: 2Mi + 220Mi + 8Mi + 8Mi + 32Mi.
    const refusal =
      /^pods "virt-launcher-big-\w+" is forbidden: exceeded quota: compute, requested: requests\.memory=1294Mi, used: requests\.memory=0, limited: requests\.memory=1Gi$/;
    const synchronized = waiting.status?.conditions?.find((c) => c.type === 'Synchronized');
    expect(synchronized?.message?.replace('failed to create virtual machine pod: ', '')).toMatch(
      refusal,
    );
    const [event] = eventsAbout(NS, 'big', 'FailedCreate');
    expect(event?.type).toBe('Warning');
    expect(String(event?.message).replace('Error creating pod: ', '')).toMatch(refusal);
    expect(cluster.store.list('core/pods', NS)).toEqual([]);

    const raised = await cluster.api(`/api/v1/namespaces/${NS}/resourcequotas/compute`, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      json: { spec: { hard: { 'requests.memory': '2Gi' } } },
    });
    expect(raised.status).toBe(200);
    await cluster.until(
      VMIS,
      NS,
      'big',
      (o) => (o as Vmi | undefined)?.status?.phase === 'Running',
    );
    const [pod] = cluster.store.list('core/pods', NS);
    expect((pod?.spec as { containers: object[] }).containers[0]).toMatchObject({
      name: 'compute',
      resources: { requests: { cpu: '100m', memory: '1294Mi' } },
    });
    await untilUsed(NS, 'compute', 'requests.memory', '1294Mi');
    expect(usedOf(NS, 'compute')).toEqual({ 'requests.cpu': '100m', 'requests.memory': '1294Mi' });
  });

  it('keeps a DataVolume Pending while its claim does not fit, as CDI does', async () => {
    const NS = 'quota-dv';
    await cluster.api(`/api/v1/namespaces/${NS}/resourcequotas`, {
      method: 'POST',
      json: quota('storage', { 'requests.storage': '1Gi' }),
    });
    const created = await cluster.api(
      `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes`,
      {
        method: 'POST',
        json: {
          apiVersion: 'cdi.kubevirt.io/v1beta1',
          kind: 'DataVolume',
          metadata: { name: 'disk' },
          spec: {
            source: { blank: {} },
            pvc: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: 'hostpath-csi',
              resources: { requests: { storage: '2Gi' } },
            },
          },
        },
      },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const message =
      'persistentvolumeclaims "disk" is forbidden: exceeded quota: storage, requested: requests.storage=2Gi, used: requests.storage=0, limited: requests.storage=1Gi';
    const dv = await cluster.until(
      'cdi.kubevirt.io/datavolumes',
      NS,
      'disk',
      (o) =>
        !!(o?.status as { conditions?: { reason?: string }[] } | undefined)?.conditions?.some(
          (c) => c.reason === 'ErrExceededQuota',
        ),
    );
    expect(dv?.status).toMatchObject({
      phase: 'Pending',
      conditions: expect.arrayContaining([
        expect.objectContaining({
          type: 'Bound',
          status: 'Unknown',
          reason: 'ErrExceededQuota',
          message,
        }),
      ]),
    });
    expect(eventsAbout(NS, 'disk', 'ErrExceededQuota')[0]?.message).toBe(message);

    await cluster.api(`/api/v1/namespaces/${NS}/resourcequotas/storage`, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      json: { spec: { hard: { 'requests.storage': '4Gi' } } },
    });
    await cluster.until('core/persistentvolumeclaims', NS, 'disk', (o) => !!o);
    await untilUsed(NS, 'storage', 'requests.storage', '2Gi');
  });
});
