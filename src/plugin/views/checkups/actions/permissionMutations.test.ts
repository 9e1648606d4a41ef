// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkupPermissions } from '../model/permissionObjects';
import { fakeCluster, type FakeCluster } from '../fakeCluster';
import { installPermissions, readPermissions, removePermissions } from './permissionMutations';

const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const SAS = '/api/v1/namespaces/dev/serviceaccounts';
const ROLES = `${RBAC}/namespaces/dev/roles`;
const BINDINGS = `${RBAC}/namespaces/dev/rolebindings`;
const CRBS = `${RBAC}/clusterrolebindings`;

let cluster: FakeCluster;
beforeEach(() => {
  cluster = fakeCluster();
  vi.stubGlobal('fetch', cluster.fetch);
});

const outcomes = (
  results: {
    entry: { object: { metadata?: { name?: string } }; model: { kind: string } };
    outcome: string;
    message?: string;
  }[],
) =>
  results.map(
    (r) =>
      `${r.entry.model.kind}/${r.entry.object.metadata?.name}: ${r.outcome}${r.message ? ` (${r.message})` : ''}`,
  );

describe('installPermissions', () => {
  it('creates each object in order, and reading them back finds them installed', async () => {
    const entries = checkupPermissions('network', 'dev');
    expect(await readPermissions(entries)).toEqual(Array(5).fill('missing'));
    const seen: string[] = [];
    const results = await installPermissions(entries, {
      skipClusterScoped: false,
      onResult: (r) => seen.push(r.outcome),
    });
    expect(outcomes(results)).toEqual([
      'ServiceAccount/vm-latency-checkup-sa: created',
      'Role/kubevirt-vm-latency-checker: created',
      'RoleBinding/kubevirt-vm-latency-checker: created',
      'Role/kiagnose-configmap-access: created',
      'RoleBinding/kiagnose-configmap-access: created',
    ]);
    expect(seen).toHaveLength(5);
    expect(cluster.writes()).toEqual([
      `POST k8s${SAS}`,
      `POST k8s${ROLES}`,
      `POST k8s${BINDINGS}`,
      `POST k8s${ROLES}`,
      `POST k8s${BINDINGS}`,
    ]);
    expect(await readPermissions(entries)).toEqual(Array(5).fill('present'));
  });

  it('is idempotent: existing objects are fine, differing rules are updated, bindings gain our account', async () => {
    const entries = checkupPermissions('network', 'dev');
    cluster.add(SAS, { metadata: { name: 'vm-latency-checkup-sa' } });
    cluster.add(ROLES, {
      metadata: { name: 'kiagnose-configmap-access' },
      rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
    });
    cluster.add(BINDINGS, {
      metadata: { name: 'kiagnose-configmap-access' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: 'kiagnose-configmap-access',
      },
      subjects: [{ kind: 'ServiceAccount', name: 'dpdk-checkup-sa', namespace: 'dev' }],
    });
    expect(await readPermissions(entries)).toEqual([
      'present',
      'missing',
      'missing',
      'differs',
      'differs',
    ]);
    const results = await installPermissions(entries, { skipClusterScoped: false });
    expect(outcomes(results)).toEqual([
      'ServiceAccount/vm-latency-checkup-sa: unchanged',
      'Role/kubevirt-vm-latency-checker: created',
      'RoleBinding/kubevirt-vm-latency-checker: created',
      'Role/kiagnose-configmap-access: updated',
      'RoleBinding/kiagnose-configmap-access: updated',
    ]);
    expect(cluster.get(`${ROLES}/kiagnose-configmap-access`)?.rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update'] },
    ]);
    expect(cluster.get(`${BINDINGS}/kiagnose-configmap-access`)?.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'dpdk-checkup-sa', namespace: 'dev' },
      { kind: 'ServiceAccount', name: 'vm-latency-checkup-sa', namespace: 'dev' },
    ]);
    // Once more: nothing to do.
    const again = await installPermissions(entries, { skipClusterScoped: false });
    expect(again.map((r) => r.outcome)).toEqual(Array(5).fill('unchanged'));
  });

  it("reports each refusal with the server's message and carries on", async () => {
    cluster.intercept = (call) =>
      call.method === 'POST' && call.path === `k8s${ROLES}`
        ? {
            status: 403,
            body: {
              kind: 'Status',
              apiVersion: 'v1',
              status: 'Failure',
              code: 403,
              message:
                'roles.rbac.authorization.k8s.io "storage-checkup-role" is forbidden: user "developer" is attempting to grant RBAC permissions not currently held',
            },
          }
        : undefined;
    const results = await installPermissions(checkupPermissions('storage', 'dev'), {
      skipClusterScoped: true,
    });
    expect(outcomes(results)).toEqual([
      'ServiceAccount/storage-checkup-sa: created',
      'Role/storage-checkup-role: failed (roles.rbac.authorization.k8s.io "storage-checkup-role" is forbidden: user "developer" is attempting to grant RBAC permissions not currently held)',
      'RoleBinding/storage-checkup-role: created',
      'ClusterRoleBinding/kubevirt-storage-checkup-clustereader: skipped',
    ]);
    expect(cluster.writes()).not.toContain(`POST k8s${CRBS}`);
  });

  it('adds this project to a cluster-reader binding another project made', async () => {
    cluster.add(CRBS, {
      metadata: { name: 'kubevirt-storage-checkup-clustereader' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'cluster-reader',
      },
      subjects: [{ kind: 'ServiceAccount', name: 'storage-checkup-sa', namespace: 'prod' }],
    });
    const results = await installPermissions(checkupPermissions('storage', 'dev'), {
      skipClusterScoped: false,
    });
    expect(results[3]?.outcome).toBe('updated');
    expect(cluster.get(`${CRBS}/kubevirt-storage-checkup-clustereader`)?.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'storage-checkup-sa', namespace: 'prod' },
      { kind: 'ServiceAccount', name: 'storage-checkup-sa', namespace: 'dev' },
    ]);
  });

  it('makes a binding with another roleRef again (roleRef cannot change)', async () => {
    cluster.add(BINDINGS, {
      metadata: { name: 'storage-checkup-role' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [],
    });
    const results = await installPermissions(checkupPermissions('storage', 'dev'), {
      skipClusterScoped: true,
    });
    expect(results[2]?.outcome).toBe('updated');
    expect(cluster.get(`${BINDINGS}/storage-checkup-role`)?.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'storage-checkup-role',
    });
  });

  it('reads objects it may not see as unknown', async () => {
    cluster.access = (q) => q.resource !== 'clusterrolebindings';
    const states = await readPermissions(checkupPermissions('storage', 'dev'));
    expect(states).toEqual(['missing', 'missing', 'missing', 'unknown']);
  });
});

describe('removePermissions', () => {
  it('removes bindings before roles and the account last', async () => {
    const entries = checkupPermissions('network', 'dev');
    await installPermissions(entries, { skipClusterScoped: false });
    cluster.calls.length = 0;
    const results = await removePermissions(entries, { skipClusterScoped: false });
    expect(results.map((r) => r.outcome)).toEqual(Array(5).fill('deleted'));
    expect(cluster.writes()).toEqual([
      `DELETE k8s${BINDINGS}/kiagnose-configmap-access`,
      `DELETE k8s${ROLES}/kiagnose-configmap-access`,
      `DELETE k8s${BINDINGS}/kubevirt-vm-latency-checker`,
      `DELETE k8s${ROLES}/kubevirt-vm-latency-checker`,
      `DELETE k8s${SAS}/vm-latency-checkup-sa`,
    ]);
    expect(await readPermissions(entries)).toEqual(Array(5).fill('missing'));
  });

  it('keeps what other accounts still use, and takes only our account out of it', async () => {
    const entries = checkupPermissions('storage', 'dev');
    await installPermissions(entries, { skipClusterScoped: false });
    cluster.add(CRBS, {
      ...cluster.get(`${CRBS}/kubevirt-storage-checkup-clustereader`),
      subjects: [
        { kind: 'ServiceAccount', name: 'storage-checkup-sa', namespace: 'prod' },
        { kind: 'ServiceAccount', name: 'storage-checkup-sa', namespace: 'dev' },
      ],
    });
    cluster.calls.length = 0;
    const results = await removePermissions(entries, { skipClusterScoped: false });
    expect(results.map((r) => r.outcome)).toEqual(['deleted', 'deleted', 'deleted', 'kept']);
    expect(cluster.get(`${CRBS}/kubevirt-storage-checkup-clustereader`)?.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'storage-checkup-sa', namespace: 'prod' },
    ]);
  });

  it('counts what is already gone as absent, and leaves the cluster binding to an admin', async () => {
    const results = await removePermissions(checkupPermissions('storage', 'dev'), {
      skipClusterScoped: true,
    });
    expect(results.map((r) => r.outcome)).toEqual(['absent', 'absent', 'absent', 'skipped']);
  });
});
