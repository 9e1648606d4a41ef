import { describe, expect, it } from 'vitest';
import { type KubeObject, type UserInfo } from '../types';
import { defaultRbacObjects } from './defaultRoles';
import { checkRbacWrite } from './escalation';
import { RbacAuthorizer } from './rbac';
import { type PolicyRule, splitRbacObjects } from './rbacTypes';

const objects = splitRbacObjects(defaultRbacObjects());
const authorizer = new RbacAuthorizer(() => objects);
const developer: UserInfo = { username: 'developer', groups: ['system:authenticated'] };
const admin: UserInfo = { username: 'admin', groups: ['system:authenticated'] };
const NS = 'developer-vms';

const role = (rules: PolicyRule[], namespace = NS): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'r', namespace },
  rules,
});
const binding = (kind: 'Role' | 'ClusterRole', name: string, namespace = NS): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'b', namespace },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name },
  subjects: [{ kind: 'User', name: 'alice' }],
});

describe('checkRbacWrite', () => {
  it('lets a namespace admin grant what it holds there', () => {
    expect(checkRbacWrite(developer, binding('ClusterRole', 'edit'), authorizer)).toEqual({
      allowed: true,
    });
    expect(
      checkRbacWrite(developer, binding('ClusterRole', 'kubevirt.io:view'), authorizer),
    ).toEqual({ allowed: true });
    const vmStarter = role([
      { verbs: ['get', 'list'], apiGroups: ['kubevirt.io'], resources: ['virtualmachines'] },
      {
        verbs: ['update'],
        apiGroups: ['subresources.kubevirt.io'],
        resources: ['virtualmachines/start'],
      },
      { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['one'] },
    ]);
    expect(checkRbacWrite(developer, vmStarter, authorizer)).toEqual({ allowed: true });
  });

  it('refuses to let a namespace admin bind cluster-admin, even in its own namespace', () => {
    const check = checkRbacWrite(developer, binding('ClusterRole', 'cluster-admin'), authorizer);
    expect(check.allowed).toBe(false);
    expect(check.allowed || check.message).toMatch(
      /^user "developer" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n/,
    );
    expect(check.allowed || check.message).toContain(
      '{APIGroups:["*"], Resources:["*"], Verbs:["*"]}',
    );
  });

  it('refuses a Role reaching beyond what the author holds, naming what is missing', () => {
    const check = checkRbacWrite(
      developer,
      role([{ verbs: ['update', 'patch'], apiGroups: ['kubevirt.io'], resources: ['kubevirts'] }]),
      authorizer,
    );
    expect(check).toEqual({
      allowed: false,
      message: expect.stringMatching(
        /\n\{APIGroups:\["kubevirt.io"\], Resources:\["kubevirts"\], Verbs:\["update" "patch"\]\}$/,
      ),
    });
  });

  it('refuses roles and bindings in namespaces the author does not administer', () => {
    expect(
      checkRbacWrite(developer, binding('ClusterRole', 'view', 'default'), authorizer).allowed,
    ).toBe(false);
    const reader = [{ verbs: ['get'], apiGroups: ['kubevirt.io'], resources: ['virtualmachines'] }];
    expect(checkRbacWrite(developer, role(reader, 'default'), authorizer).allowed).toBe(false);
  });

  it('needs full authority to set an aggregation rule', () => {
    const aggregated: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'grab-all' },
      aggregationRule: { clusterRoleSelectors: [{}] },
      rules: [],
    };
    expect(checkRbacWrite(developer, aggregated, authorizer)).toEqual({
      allowed: false,
      message: 'must have cluster-admin privileges to use the aggregationRule',
    });
    expect(checkRbacWrite(admin, aggregated, authorizer)).toEqual({ allowed: true });
  });

  it('honours bind and escalate grants, and system:masters', () => {
    const delegated = splitRbacObjects(defaultRbacObjects());
    delegated.roles.push(
      role([
        {
          verbs: ['bind'],
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['clusterroles'],
          resourceNames: ['cluster-admin'],
        },
        { verbs: ['escalate'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'] },
      ]),
    );
    delegated.roleBindings.push({
      ...binding('Role', 'r'),
      subjects: [{ kind: 'User', name: 'developer' }],
      metadata: { name: 'delegate', namespace: NS },
    });
    const live = new RbacAuthorizer(() => delegated);
    expect(checkRbacWrite(developer, binding('ClusterRole', 'cluster-admin'), live)).toEqual({
      allowed: true,
    });
    expect(
      checkRbacWrite(developer, role([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]), live),
    ).toEqual({ allowed: true });
    const root = { username: 'root', groups: ['system:masters'] };
    expect(checkRbacWrite(root, binding('ClusterRole', 'cluster-admin', 'x'), authorizer)).toEqual({
      allowed: true,
    });
  });

  it('refuses a binding to a role that does not exist, for non-admins', () => {
    expect(checkRbacWrite(developer, binding('Role', 'nope'), authorizer)).toEqual({
      allowed: false,
      message: 'role.rbac.authorization.k8s.io "nope" not found',
    });
  });
});
