// What "Install permissions" creates for a checkup in a project, exactly as the documentation
// lists it (seed 002 §12.2.3 and §12.2.5): a ServiceAccount, Roles and their RoleBindings, and for
// the storage checkup the ClusterRoleBinding to `cluster-reader` only a cluster admin may create.
import {
  ClusterRoleBindingModel,
  RoleBindingModel,
  RoleModel,
  ServiceAccountModel,
  type ResourceModel,
} from '../../../api/models';
import {
  LATENCY_CHECKUP,
  STORAGE_CHECKUP,
  type CheckupDefinition,
  type CheckupKind,
} from '../checkupKinds';
import type { ClusterRoleBinding, PolicyRule, Role, RoleBinding, ServiceAccount } from './types';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC = `${RBAC_GROUP}/v1`;

export const CLUSTER_READER_BINDING = 'kubevirt-storage-checkup-clustereader';
export const CLUSTER_READER_ROLE = 'cluster-reader';

export type PermissionObject =
  | { model: typeof ServiceAccountModel; object: ServiceAccount }
  | { model: typeof RoleModel; object: Role }
  | { model: typeof RoleBindingModel; object: RoleBinding }
  | { model: typeof ClusterRoleBindingModel; object: ClusterRoleBinding };

const serviceAccount = (namespace: string, name: string): PermissionObject => ({
  model: ServiceAccountModel,
  object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } },
});

const role = (namespace: string, name: string, rules: PolicyRule[]): PermissionObject => ({
  model: RoleModel,
  object: { apiVersion: RBAC, kind: 'Role', metadata: { name, namespace }, rules },
});

const roleBinding = (namespace: string, name: string, account: string): PermissionObject => ({
  model: RoleBindingModel,
  object: {
    apiVersion: RBAC,
    kind: 'RoleBinding',
    metadata: { name, namespace },
    subjects: [{ kind: 'ServiceAccount', name: account, namespace }],
    roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name },
  },
});

/** The subject a checkup's bindings name: its service account in `namespace`. */
export const checkupSubject = (checkup: CheckupDefinition, namespace: string) => ({
  kind: 'ServiceAccount',
  name: checkup.serviceAccount,
  namespace,
});

const clusterReaderBinding = (namespace: string): PermissionObject => ({
  model: ClusterRoleBindingModel,
  object: {
    apiVersion: RBAC,
    kind: 'ClusterRoleBinding',
    metadata: { name: CLUSTER_READER_BINDING },
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: CLUSTER_READER_ROLE },
    subjects: [checkupSubject(STORAGE_CHECKUP, namespace)],
  },
});

const latencyPermissions = (namespace: string): PermissionObject[] => {
  const account = LATENCY_CHECKUP.serviceAccount;
  return [
    serviceAccount(namespace, account),
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
    roleBinding(namespace, 'kubevirt-vm-latency-checker', account),
    role(namespace, 'kiagnose-configmap-access', [
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update'] },
    ]),
    roleBinding(namespace, 'kiagnose-configmap-access', account),
  ];
};

const storagePermissions = (namespace: string): PermissionObject[] => {
  const account = STORAGE_CHECKUP.serviceAccount;
  return [
    serviceAccount(namespace, account),
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
    roleBinding(namespace, 'storage-checkup-role', account),
    clusterReaderBinding(namespace),
  ];
};

/** What Install permissions creates, in the order it creates it (accounts, roles, bindings). */
export const checkupPermissions = (kind: CheckupKind, namespace: string): PermissionObject[] =>
  kind === 'storage' ? storagePermissions(namespace) : latencyPermissions(namespace);

export const isClusterScoped = (entry: { model: ResourceModel }) => !entry.model.namespaced;

/** What a cluster admin runs to let the storage checkup in `namespace` read the cluster. */
export const clusterReaderCommand = (namespace: string): string =>
  `oc create clusterrolebinding ${CLUSTER_READER_BINDING} --clusterrole=${CLUSTER_READER_ROLE} --serviceaccount=${namespace}:${STORAGE_CHECKUP.serviceAccount}`;

/** The same, when the binding already exists for another project: add this project's account. */
export const clusterReaderPatchCommand = (namespace: string): string =>
  `oc patch clusterrolebinding ${CLUSTER_READER_BINDING} --type=json -p '${JSON.stringify([
    {
      op: 'add',
      path: '/subjects/-',
      value: checkupSubject(STORAGE_CHECKUP, namespace),
    },
  ])}'`;
