// What "Install permissions" creates for a checkup in a project: the seed's ServiceAccount, Roles
// and RoleBindings (src/common/checkupPermissions.ts, shared with the embedded cluster), and for
// the storage checkup the ClusterRoleBinding to `cluster-reader` only a cluster admin may create,
// each with the model it is created through.
import {
  ClusterRoleBindingModel,
  RoleBindingModel,
  RoleModel,
  ServiceAccountModel,
  type ResourceModel,
} from '../../../api/models';
import {
  CLUSTER_READER_BINDING,
  CLUSTER_READER_ROLE,
  latencyCheckupPermissions,
  storageCheckupPermissions,
  type CheckupPermission,
} from '../../../../common/checkupPermissions';
import { STORAGE_CHECKUP, type CheckupDefinition, type CheckupKind } from '../checkupKinds';
import type { ClusterRoleBinding, Role, RoleBinding, ServiceAccount } from './types';

export { CLUSTER_READER_BINDING, CLUSTER_READER_ROLE };

export type PermissionObject =
  | { model: typeof ServiceAccountModel; object: ServiceAccount }
  | { model: typeof RoleModel; object: Role }
  | { model: typeof RoleBindingModel; object: RoleBinding }
  | { model: typeof ClusterRoleBindingModel; object: ClusterRoleBinding };

/** The subject a checkup's bindings name: its service account in `namespace`. */
export const checkupSubject = (checkup: CheckupDefinition, namespace: string) => ({
  kind: 'ServiceAccount',
  name: checkup.serviceAccount,
  namespace,
});

/** The seed's object with the model the console creates it through. */
const withModel = (object: CheckupPermission): PermissionObject => {
  switch (object.kind) {
    case 'ServiceAccount':
      return { model: ServiceAccountModel, object };
    case 'Role':
      return { model: RoleModel, object };
    case 'RoleBinding':
      return { model: RoleBindingModel, object };
    case 'ClusterRoleBinding':
      return { model: ClusterRoleBindingModel, object };
  }
};

/**
 * What Install permissions creates, in the order it creates it (accounts, roles, bindings, the
 * cluster-wide binding last).
 */
export const checkupPermissions = (kind: CheckupKind, namespace: string): PermissionObject[] =>
  (kind === 'storage'
    ? storageCheckupPermissions(namespace)
    : latencyCheckupPermissions(namespace)
  ).map(withModel);

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
