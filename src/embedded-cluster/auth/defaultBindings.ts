// Who holds which role on a fresh embedded cluster: `admin` is cluster-admin, `developer` is
// admin of its own namespace and may read the boot sources, every signed-in user gets the
// system roles a real OpenShift grants to `system:authenticated`.
import { type KubeObject } from '../types';
import { SHARED_TEMPLATES_NAMESPACE } from './openshiftRoles';
import { clusterRoleBinding, group, roleBinding, user } from './roleBuilders';
import { AUTHENTICATED_GROUP, UNAUTHENTICATED_GROUP } from './serviceAccounts';
import { ADMIN_USER, DEVELOPER_USER } from './users';

export const DEVELOPER_NAMESPACE = 'developer-vms';
/** Where OpenShift Virtualization keeps the golden images (DataSources, DataImportCrons). */
export const OS_IMAGES_NAMESPACE = 'openshift-virtualization-os-images';

export function defaultBindings(): KubeObject[] {
  const authenticated = [group(AUTHENTICATED_GROUP)];
  const bootstrap = true;
  return [
    clusterRoleBinding('cluster-admin', 'cluster-admin', [group('system:masters')], bootstrap),
    // OpenShift's name for the binding that makes people cluster administrators.
    clusterRoleBinding('cluster-admins', 'cluster-admin', [user(ADMIN_USER)]),
    clusterRoleBinding('system:discovery', 'system:discovery', authenticated, bootstrap),
    clusterRoleBinding('system:basic-user', 'system:basic-user', authenticated, bootstrap),
    // Health and version stay readable without credentials on a real cluster; the embedded
    // one answers 401 to anonymous requests, but the binding keeps the policy the same.
    clusterRoleBinding(
      'system:public-info-viewer',
      'system:public-info-viewer',
      [group(AUTHENTICATED_GROUP), group(UNAUTHENTICATED_GROUP)],
      bootstrap,
    ),
    clusterRoleBinding('kubevirt.io:default', 'kubevirt.io:default', authenticated),
    clusterRoleBinding(
      'instancetype.kubevirt.io:view',
      'instancetype.kubevirt.io:view',
      authenticated,
    ),
    clusterRoleBinding(
      'cdi.kubevirt.io:config-reader',
      'cdi.kubevirt.io:config-reader',
      authenticated,
    ),
    clusterRoleBinding('console-extensions-reader', 'console-extensions-reader', authenticated),
    roleBinding(
      SHARED_TEMPLATES_NAMESPACE,
      'shared-resource-viewers',
      { kind: 'Role', name: 'shared-resource-viewer' },
      authenticated,
    ),
    // OpenShift names a project's creator binding `admin`.
    roleBinding(DEVELOPER_NAMESPACE, 'admin', { kind: 'ClusterRole', name: 'admin' }, [
      user(DEVELOPER_USER),
    ]),
    roleBinding(OS_IMAGES_NAMESPACE, 'view', { kind: 'ClusterRole', name: 'view' }, [
      user(DEVELOPER_USER),
    ]),
  ];
}
