import { describe, expect, it } from 'vitest';
import { type UserInfo } from '../types';
import { defaultRbacObjects } from './defaultRoles';
import { RbacAuthorizer } from './rbac';
import { type RbacObjects, splitRbacObjects } from './rbacTypes';
import { reviewStatus, rulesFor } from './rulesReview';

const developer: UserInfo = { username: 'developer', groups: ['system:authenticated'] };
const defaults = splitRbacObjects(defaultRbacObjects());

describe('rulesFor', () => {
  it('lists resource and non-resource rules apart, empty lists left out', () => {
    const rbac: RbacObjects = {
      roles: [],
      clusterRoles: [
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name: 'r' },
          rules: [
            {
              verbs: ['get'],
              apiGroups: ['kubevirt.io'],
              resources: ['virtualmachines'],
              resourceNames: [],
            },
            {
              verbs: ['get'],
              apiGroups: [''],
              resources: ['configmaps'],
              resourceNames: ['settings'],
            },
            { verbs: ['get'], nonResourceURLs: ['/version'] },
          ],
        },
      ],
      roleBindings: [],
      clusterRoleBindings: [
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: { name: 'b' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' },
          subjects: [{ kind: 'User', name: 'developer' }],
        },
      ],
    };
    expect(rulesFor(developer, 'ns1', rbac)).toEqual({
      resourceRules: [
        { verbs: ['get'], apiGroups: ['kubevirt.io'], resources: ['virtualmachines'] },
        { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'] },
      ],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/version'] }],
      incomplete: false,
    });
  });

  it('adds the namespace’s RoleBindings to the cluster-wide ones', () => {
    const inOwn = rulesFor(developer, 'developer-vms', defaults);
    const atCluster = rulesFor(developer, '', defaults);
    expect(inOwn.resourceRules.length).toBeGreaterThan(atCluster.resourceRules.length);
    expect(inOwn.resourceRules).toContainEqual({
      verbs: ['update'],
      apiGroups: ['subresources.kubevirt.io'],
      resources: expect.arrayContaining(['virtualmachines/start']),
    });
    expect(atCluster.nonResourceRules.flatMap((r) => r.nonResourceURLs)).toContain('/apis/*');
  });

  it('reports bindings to missing roles as an evaluation error', () => {
    const broken: RbacObjects = {
      ...defaults,
      roleBindings: [
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: 'dangling', namespace: 'ns1' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'gone' },
          subjects: [{ kind: 'User', name: 'developer' }],
        },
      ],
    };
    const status = rulesFor(developer, 'ns1', new RbacAuthorizer(() => broken));
    expect(status.evaluationError).toBe('role.rbac.authorization.k8s.io "gone" not found');
    expect(status.incomplete).toBe(false);
  });
});

describe('reviewStatus', () => {
  it('allows with the granting binding as reason', () => {
    const attrs = {
      verb: 'create',
      apiGroup: 'kubevirt.io',
      resource: 'virtualmachines',
      namespace: 'developer-vms',
    };
    expect(reviewStatus(developer, attrs, defaults)).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by RoleBinding "admin/developer-vms" of ClusterRole "admin" to User "developer"',
    });
  });

  it('denies without a reason or an explicit denial, as RBAC does', () => {
    const attrs = {
      verb: 'create',
      apiGroup: 'kubevirt.io',
      resource: 'virtualmachines',
      namespace: 'default',
    };
    expect(reviewStatus(developer, attrs, defaults)).toEqual({ allowed: false });
  });

  it('allows system:masters without a reason', () => {
    const root = { username: 'root', groups: ['system:masters'] };
    expect(
      reviewStatus(
        root,
        { verb: 'get', apiGroup: '', resource: '', nonResourceURL: '/x' },
        defaults,
      ),
    ).toEqual({ allowed: true });
  });
});
