import { describe, expect, it } from 'vitest';
import {
  checkupPermissions,
  clusterReaderCommand,
  clusterReaderPatchCommand,
  isClusterScoped,
} from './permissionObjects';

const binding = (name: string, account: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name, namespace: 'dev' },
  subjects: [{ kind: 'ServiceAccount', name: account, namespace: 'dev' }],
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
});

describe('checkupPermissions', () => {
  it('gives the latency checkup its account, its two Roles and their bindings, as the seed lists them', () => {
    const entries = checkupPermissions('network', 'dev');
    expect(entries.map((e) => e.model.kind)).toEqual([
      'ServiceAccount',
      'Role',
      'RoleBinding',
      'Role',
      'RoleBinding',
    ]);
    expect(entries.map((e) => e.object)).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'vm-latency-checkup-sa', namespace: 'dev' },
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'kubevirt-vm-latency-checker', namespace: 'dev' },
        rules: [
          {
            apiGroups: ['kubevirt.io'],
            resources: ['virtualmachineinstances'],
            verbs: ['get', 'create', 'delete'],
          },
          {
            apiGroups: ['subresources.kubevirt.io'],
            resources: ['virtualmachineinstances/console'],
            verbs: ['get'],
          },
          {
            apiGroups: ['k8s.cni.cncf.io'],
            resources: ['network-attachment-definitions'],
            verbs: ['get'],
          },
        ],
      },
      binding('kubevirt-vm-latency-checker', 'vm-latency-checkup-sa'),
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'kiagnose-configmap-access', namespace: 'dev' },
        rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update'] }],
      },
      binding('kiagnose-configmap-access', 'vm-latency-checkup-sa'),
    ]);
    expect(entries.some(isClusterScoped)).toBe(false);
  });

  it('gives the storage checkup its Role, its binding, and the cluster-reader ClusterRoleBinding last', () => {
    const entries = checkupPermissions('storage', 'dev');
    expect(entries.map((e) => `${e.model.kind}/${e.object.metadata?.name}`)).toEqual([
      'ServiceAccount/storage-checkup-sa',
      'Role/storage-checkup-role',
      'RoleBinding/storage-checkup-role',
      'ClusterRoleBinding/kubevirt-storage-checkup-clustereader',
    ]);
    expect(entries[1]?.object).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'storage-checkup-role', namespace: 'dev' },
      rules: [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update'] },
        { apiGroups: ['kubevirt.io'], resources: ['virtualmachines'], verbs: ['create', 'delete'] },
        { apiGroups: ['kubevirt.io'], resources: ['virtualmachineinstances'], verbs: ['get'] },
        {
          apiGroups: ['subresources.kubevirt.io'],
          resources: ['virtualmachineinstances/addvolume', 'virtualmachineinstances/removevolume'],
          verbs: ['update'],
        },
        {
          apiGroups: ['kubevirt.io'],
          resources: ['virtualmachineinstancemigrations'],
          verbs: ['create'],
        },
        { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes'], verbs: ['create', 'delete'] },
        { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['delete'] },
      ],
    });
    expect(entries[2]?.object).toEqual(binding('storage-checkup-role', 'storage-checkup-sa'));
    expect(entries[3]?.object).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'kubevirt-storage-checkup-clustereader' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'cluster-reader',
      },
      subjects: [{ kind: 'ServiceAccount', name: 'storage-checkup-sa', namespace: 'dev' }],
    });
    expect(entries.map(isClusterScoped)).toEqual([false, false, false, true]);
  });

  it('tells the administrator how to bind cluster-reader', () => {
    expect(clusterReaderCommand('dev')).toBe(
      'oc create clusterrolebinding kubevirt-storage-checkup-clustereader --clusterrole=cluster-reader --serviceaccount=dev:storage-checkup-sa',
    );
    expect(clusterReaderPatchCommand('dev')).toBe(
      `oc patch clusterrolebinding kubevirt-storage-checkup-clustereader --type=json -p '[{"op":"add","path":"/subjects/-","value":{"kind":"ServiceAccount","name":"storage-checkup-sa","namespace":"dev"}}]'`,
    );
  });
});
