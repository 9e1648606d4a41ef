import { describe, expect, it } from 'vitest';
import { type KubeObject, type UserInfo } from '../types';
import { defaultRbacObjects } from './defaultRoles';
import { canSeeProject, visibleProjects } from './projects';
import { RbacAuthorizer } from './rbac';
import { splitRbacObjects } from './rbacTypes';

const authorizer = new RbacAuthorizer(() => splitRbacObjects(defaultRbacObjects()));
const namespace = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
});
const all = [
  'default',
  'developer-vms',
  'kube-system',
  'openshift',
  'openshift-virtualization-os-images',
].map(namespace);
const names = (user: UserInfo) =>
  visibleProjects(user, all, authorizer).map((ns) => ns.metadata.name);

describe('visibleProjects', () => {
  it('shows the developer its own namespace and the boot sources it may view', () => {
    expect(names({ username: 'developer', groups: ['system:authenticated'] })).toEqual([
      'developer-vms',
      'openshift-virtualization-os-images',
    ]);
  });

  it('shows the admin everything', () => {
    expect(names({ username: 'admin', groups: ['system:authenticated'] })).toEqual(
      all.map((n) => n.metadata.name),
    );
  });

  it('shows a user without bindings only the golden images, although it may read templates in openshift', () => {
    // Reading some resources in a namespace is not seeing the project: OpenShift asks for
    // `get namespaces` there, which admin/edit/view grant, and SSP's os-images view role grants
    // every authenticated user in the golden images namespace (so the catalog can list them).
    expect(names({ username: 'alice', groups: ['system:authenticated'] })).toEqual([
      'openshift-virtualization-os-images',
    ]);
  });
});

describe('canSeeProject', () => {
  it('follows RoleBindings as they change', () => {
    const objects = splitRbacObjects(defaultRbacObjects());
    const live = new RbacAuthorizer(() => objects);
    const alice: UserInfo = { username: 'alice', groups: ['system:authenticated'] };
    expect(canSeeProject(alice, 'default', live)).toBe(false);
    objects.roleBindings.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'alice-edit', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [{ kind: 'User', name: 'alice' }],
    });
    live.invalidate();
    expect(canSeeProject(alice, 'default', live)).toBe(true);
  });
});
