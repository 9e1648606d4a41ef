// The ServiceAccount, Roles and bindings each checkup runs with, exactly as the product
// documentation lists them (seed 002 §12.2.3 and §12.2.5). "Install permissions" creates these.
import type { KubeObject } from '../types';

const RBAC = 'rbac.authorization.k8s.io/v1';

export const LATENCY_SERVICE_ACCOUNT = 'vm-latency-checkup-sa';
export const STORAGE_SERVICE_ACCOUNT = 'storage-checkup-sa';

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

const serviceAccount = (namespace: string, name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name, namespace },
});

const role = (namespace: string, name: string, rules: Rule[]): KubeObject => ({
  apiVersion: RBAC,
  kind: 'Role',
  metadata: { name, namespace },
  rules,
});

const roleBinding = (namespace: string, name: string, account: string): KubeObject => ({
  apiVersion: RBAC,
  kind: 'RoleBinding',
  metadata: { name, namespace },
  subjects: [{ kind: 'ServiceAccount', name: account, namespace }],
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
});

/** The network latency checkup: VMIs, their consoles, the NetworkAttachmentDefinition, its ConfigMap. */
export const latencyCheckupPermissions = (namespace: string): KubeObject[] => [
  serviceAccount(namespace, LATENCY_SERVICE_ACCOUNT),
  role(namespace, 'kubevirt-vm-latency-checker', [
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
  ]),
  roleBinding(namespace, 'kubevirt-vm-latency-checker', LATENCY_SERVICE_ACCOUNT),
  role(namespace, 'kiagnose-configmap-access', [
    { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update'] },
  ]),
  roleBinding(namespace, 'kiagnose-configmap-access', LATENCY_SERVICE_ACCOUNT),
];

/**
 * The storage checkup: `cluster-reader` for the whole cluster (a cluster admin binds it), and
 * in its namespace the VM, migration, hot-plug and DataVolume rights of `storage-checkup-role`.
 */
export const storageCheckupPermissions = (namespace: string): KubeObject[] => [
  serviceAccount(namespace, STORAGE_SERVICE_ACCOUNT),
  {
    apiVersion: RBAC,
    kind: 'ClusterRoleBinding',
    metadata: { name: 'kubevirt-storage-checkup-clustereader' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-reader' },
    subjects: [{ kind: 'ServiceAccount', name: STORAGE_SERVICE_ACCOUNT, namespace }],
  },
  role(namespace, 'storage-checkup-role', [
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
  ]),
  roleBinding(namespace, 'storage-checkup-role', STORAGE_SERVICE_ACCOUNT),
];
