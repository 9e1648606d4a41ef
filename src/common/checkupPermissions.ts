// The ServiceAccount, Roles and bindings each checkup runs with, exactly as the product
// documentation lists them (seed 002 §12.2.3 and §12.2.5). The console's "Install permissions"
// creates these, and the embedded cluster's checkup tests install the same.

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC = `${RBAC_GROUP}/v1`;

export const LATENCY_SERVICE_ACCOUNT = 'vm-latency-checkup-sa';
export const STORAGE_SERVICE_ACCOUNT = 'storage-checkup-sa';
export const CLUSTER_READER_BINDING = 'kubevirt-storage-checkup-clustereader';
export const CLUSTER_READER_ROLE = 'cluster-reader';

export interface CheckupRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

export interface CheckupSubject {
  kind: 'ServiceAccount';
  name: string;
  namespace: string;
}

export type CheckupPermission =
  | { apiVersion: 'v1'; kind: 'ServiceAccount'; metadata: { name: string; namespace: string } }
  | {
      apiVersion: typeof RBAC;
      kind: 'Role';
      metadata: { name: string; namespace: string };
      rules: CheckupRule[];
    }
  | {
      apiVersion: typeof RBAC;
      kind: 'RoleBinding';
      metadata: { name: string; namespace: string };
      subjects: CheckupSubject[];
      roleRef: { apiGroup: typeof RBAC_GROUP; kind: 'Role'; name: string };
    }
  | {
      apiVersion: typeof RBAC;
      kind: 'ClusterRoleBinding';
      metadata: { name: string };
      subjects: CheckupSubject[];
      roleRef: { apiGroup: typeof RBAC_GROUP; kind: 'ClusterRole'; name: string };
    };

const subject = (account: string, namespace: string): CheckupSubject => ({
  kind: 'ServiceAccount',
  name: account,
  namespace,
});

const serviceAccount = (namespace: string, name: string): CheckupPermission => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name, namespace },
});

const role = (namespace: string, name: string, rules: CheckupRule[]): CheckupPermission => ({
  apiVersion: RBAC,
  kind: 'Role',
  metadata: { name, namespace },
  rules,
});

const roleBinding = (namespace: string, name: string, account: string): CheckupPermission => ({
  apiVersion: RBAC,
  kind: 'RoleBinding',
  metadata: { name, namespace },
  subjects: [subject(account, namespace)],
  roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name },
});

/** The network latency checkup: VMIs, their consoles, the NetworkAttachmentDefinition, its ConfigMap. */
export const latencyCheckupPermissions = (namespace: string): CheckupPermission[] => [
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
 * The storage checkup: in its namespace the VM, migration, hot-plug and DataVolume rights of
 * `storage-checkup-role`, and `cluster-reader` for the whole cluster (only a cluster admin may
 * bind it: it comes last).
 */
export const storageCheckupPermissions = (namespace: string): CheckupPermission[] => [
  serviceAccount(namespace, STORAGE_SERVICE_ACCOUNT),
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
  {
    apiVersion: RBAC,
    kind: 'ClusterRoleBinding',
    metadata: { name: CLUSTER_READER_BINDING },
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: CLUSTER_READER_ROLE },
    subjects: [subject(STORAGE_SERVICE_ACCOUNT, namespace)],
  },
];
