import { describe, expect, it } from 'vitest';
import { DEVELOPER_NAMESPACE, OS_IMAGES_NAMESPACE, defaultBindings } from './defaultBindings';
import { roleRefOf, subjectsOf } from './rbacTypes';

const summary = defaultBindings().map((b) => ({
  where: `${b.kind} ${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`,
  role: roleRefOf(b)?.name,
  to: subjectsOf(b).map((s) => `${s.kind}:${s.name}`),
}));

describe('defaultBindings', () => {
  it('makes admin cluster-admin and system:masters too', () => {
    expect(summary).toContainEqual({
      where: 'ClusterRoleBinding /cluster-admins',
      role: 'cluster-admin',
      to: ['User:admin'],
    });
    expect(summary).toContainEqual({
      where: 'ClusterRoleBinding /cluster-admin',
      role: 'cluster-admin',
      to: ['Group:system:masters'],
    });
  });

  it('gives developer admin of its namespace and view of the boot sources, nothing cluster-wide', () => {
    const developers = summary.filter((s) => s.to.includes('User:developer'));
    expect(developers).toEqual([
      { where: `RoleBinding ${DEVELOPER_NAMESPACE}/admin`, role: 'admin', to: ['User:developer'] },
      { where: `RoleBinding ${OS_IMAGES_NAMESPACE}/view`, role: 'view', to: ['User:developer'] },
    ]);
  });

  it('binds the system roles to every authenticated user', () => {
    const forAll = summary
      .filter((s) => s.to.includes('Group:system:authenticated'))
      .map((s) => s.role);
    expect(forAll).toEqual(
      expect.arrayContaining([
        'system:discovery',
        'system:basic-user',
        'system:public-info-viewer',
        'instancetype.kubevirt.io:view',
      ]),
    );
  });
});
