// What each checkup action needs the user to be allowed, as data, and how to say what is missing.
import type { AccessAttributes } from '../../../api/access';
import type { CheckupKind } from '../checkupKinds';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface AccessNeed {
  verb: 'create' | 'delete' | 'update' | 'list';
  group: string;
  resource: string;
  /** The kind's name in messages (plural). */
  kinds: string;
  /** Cluster-wide: asked without a namespace. */
  cluster?: boolean;
}

const need = (
  verb: AccessNeed['verb'],
  group: string,
  resource: string,
  kinds: string,
  cluster?: boolean,
): AccessNeed => ({ verb, group, resource, kinds, ...(cluster ? { cluster } : {}) });

const RBAC = 'rbac.authorization.k8s.io';

export type CheckupAction = 'install' | 'remove' | 'run' | 'rerun' | 'delete';

/** The project's rights each action needs (the storage ClusterRoleBinding is asked apart). */
export const ACTION_NEEDS: Record<CheckupAction, AccessNeed[]> = {
  install: [
    need('create', '', 'serviceaccounts', 'ServiceAccounts'),
    need('create', RBAC, 'roles', 'Roles'),
    need('create', RBAC, 'rolebindings', 'RoleBindings'),
  ],
  remove: [
    need('delete', '', 'serviceaccounts', 'ServiceAccounts'),
    need('delete', RBAC, 'roles', 'Roles'),
    need('delete', RBAC, 'rolebindings', 'RoleBindings'),
  ],
  run: [need('create', '', 'configmaps', 'ConfigMaps'), need('create', 'batch', 'jobs', 'Jobs')],
  rerun: [
    need('update', '', 'configmaps', 'ConfigMaps'),
    need('delete', 'batch', 'jobs', 'Jobs'),
    need('create', 'batch', 'jobs', 'Jobs'),
  ],
  delete: [need('delete', '', 'configmaps', 'ConfigMaps'), need('delete', 'batch', 'jobs', 'Jobs')],
};

/** The storage checkup's `cluster-reader` binding: created, or changed, by a cluster admin. */
export const CLUSTER_BINDING_NEEDS: Record<'install' | 'remove', AccessNeed> = {
  install: need('create', RBAC, 'clusterrolebindings', 'ClusterRoleBindings', true),
  remove: need('delete', RBAC, 'clusterrolebindings', 'ClusterRoleBindings', true),
};

export const needsClusterBinding = (kind: CheckupKind) => kind === 'storage';

export const attributesOf = (item: AccessNeed, namespace: string): AccessAttributes => ({
  verb: item.verb,
  group: item.group,
  resource: item.resource,
  ...(item.cluster ? {} : { namespace }),
});

/** "You need permission to create Roles in project dev." */
export const missingText = (item: AccessNeed, namespace: string, t: Translate): string => {
  const values = { kinds: item.kinds, namespace };
  if (item.cluster)
    return item.verb === 'create'
      ? t('You need permission to create {{kinds}} in the cluster.', values)
      : t('You need permission to delete {{kinds}} in the cluster.', values);
  switch (item.verb) {
    case 'create':
      return t('You need permission to create {{kinds}} in project {{namespace}}.', values);
    case 'delete':
      return t('You need permission to delete {{kinds}} in project {{namespace}}.', values);
    case 'update':
      return t('You need permission to update {{kinds}} in project {{namespace}}.', values);
    default:
      return t('You need permission to list {{kinds}} in project {{namespace}}.', values);
  }
};
