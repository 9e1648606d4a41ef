import { describe, expect, it, vi } from 'vitest';
import { type KubeObject, type RequestAttributes, type UserInfo } from '../types';
import { forbiddenStatus } from './authStatus';
import { RbacAuthorizer, authorize, createAuthorizer } from './rbac';
import { type PolicyRule, type RbacObjects, type Subject } from './rbacTypes';
import { serviceAccountUser } from './serviceAccounts';

const GROUP = 'rbac.authorization.k8s.io';
const meta = (name: string, namespace?: string) => (namespace ? { name, namespace } : { name });

const clusterRole = (name: string, rules: PolicyRule[]): KubeObject => ({
  apiVersion: `${GROUP}/v1`,
  kind: 'ClusterRole',
  metadata: meta(name),
  rules,
});
const role = (namespace: string, name: string, rules: PolicyRule[]): KubeObject => ({
  apiVersion: `${GROUP}/v1`,
  kind: 'Role',
  metadata: meta(name, namespace),
  rules,
});
const crb = (name: string, roleName: string, subjects: Subject[]): KubeObject => ({
  apiVersion: `${GROUP}/v1`,
  kind: 'ClusterRoleBinding',
  metadata: meta(name),
  roleRef: { apiGroup: GROUP, kind: 'ClusterRole', name: roleName },
  subjects,
});
const rb = (
  namespace: string,
  name: string,
  kind: string,
  roleName: string,
  subjects: Subject[],
): KubeObject => ({
  apiVersion: `${GROUP}/v1`,
  kind: 'RoleBinding',
  metadata: meta(name, namespace),
  roleRef: { apiGroup: GROUP, kind, name: roleName },
  subjects,
});
const User = (name: string): Subject => ({ kind: 'User', apiGroup: GROUP, name });
const Group = (name: string): Subject => ({ kind: 'Group', apiGroup: GROUP, name });
const SA = (name: string, namespace?: string): Subject =>
  namespace ? { kind: 'ServiceAccount', name, namespace } : { kind: 'ServiceAccount', name };

const alice: UserInfo = { username: 'alice', groups: ['system:authenticated'] };
const vmReaders: PolicyRule[] = [
  { verbs: ['get', 'list'], apiGroups: ['kubevirt.io'], resources: ['virtualmachines'] },
];
const getVM = (namespace?: string): RequestAttributes => ({
  verb: 'get',
  apiGroup: 'kubevirt.io',
  resource: 'virtualmachines',
  name: 'vm1',
  ...(namespace ? { namespace } : {}),
});

const rbac = (partial: Partial<RbacObjects>): RbacObjects => ({
  roles: [],
  clusterRoles: [],
  roleBindings: [],
  clusterRoleBindings: [],
  ...partial,
});

describe('authorize', () => {
  it('denies when nothing grants', () => {
    expect(authorize(alice, getVM('ns1'), rbac({})).allowed).toBe(false);
  });

  it('lets a ClusterRoleBinding grant in every namespace and at cluster scope', () => {
    const objects = rbac({
      clusterRoles: [clusterRole('vm-reader', vmReaders)],
      clusterRoleBindings: [crb('alice-reads', 'vm-reader', [User('alice')])],
    });
    for (const ns of ['ns1', 'ns2', undefined]) {
      const decision = authorize(alice, getVM(ns), objects);
      expect(decision).toEqual({
        allowed: true,
        reason:
          'RBAC: allowed by ClusterRoleBinding "alice-reads" of ClusterRole "vm-reader" to User "alice"',
      });
    }
  });

  it('lets a RoleBinding grant a ClusterRole in its own namespace only', () => {
    const objects = rbac({
      clusterRoles: [clusterRole('vm-reader', vmReaders)],
      roleBindings: [rb('ns1', 'alice-reads', 'ClusterRole', 'vm-reader', [User('alice')])],
    });
    expect(authorize(alice, getVM('ns1'), objects)).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by RoleBinding "alice-reads/ns1" of ClusterRole "vm-reader" to User "alice"',
    });
    expect(authorize(alice, getVM('ns2'), objects).allowed).toBe(false);
    expect(authorize(alice, getVM(), objects).allowed).toBe(false);
  });

  it('resolves a RoleBinding’s Role in the binding’s namespace', () => {
    const objects = rbac({
      roles: [role('ns1', 'vm-reader', vmReaders), role('ns2', 'other', vmReaders)],
      roleBindings: [
        rb('ns1', 'reads', 'Role', 'vm-reader', [User('alice')]),
        rb('ns2', 'reads', 'Role', 'vm-reader', [User('alice')]),
      ],
    });
    expect(authorize(alice, getVM('ns1'), objects).allowed).toBe(true);
    // ns2 has no Role "vm-reader": the same-named Role in ns1 does not count.
    const denied = authorize(alice, getVM('ns2'), objects);
    expect(denied.allowed).toBe(false);
    expect(denied.reason).toBe(
      'User "alice" cannot get resource "virtualmachines" in API group "kubevirt.io" in the namespace "ns2": ' +
        'RBAC: role.rbac.authorization.k8s.io "vm-reader" not found',
    );
  });

  it('never resolves a Role from a ClusterRoleBinding', () => {
    const objects = rbac({
      roles: [role('ns1', 'vm-reader', vmReaders)],
      clusterRoleBindings: [
        {
          ...crb('bad', 'vm-reader', [User('alice')]),
          roleRef: { apiGroup: GROUP, kind: 'Role', name: 'vm-reader' },
        },
      ],
    });
    expect(authorize(alice, getVM('ns1'), objects).allowed).toBe(false);
  });

  it('matches Group subjects against the user’s groups', () => {
    const objects = rbac({
      clusterRoles: [clusterRole('vm-reader', vmReaders)],
      clusterRoleBindings: [crb('everyone', 'vm-reader', [Group('system:authenticated')])],
    });
    expect(authorize(alice, getVM('ns1'), objects).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "everyone" of ClusterRole "vm-reader" to Group "system:authenticated"',
    );
    expect(authorize({ username: 'bob', groups: [] }, getVM('ns1'), objects).allowed).toBe(false);
  });

  it('does not confuse a user with a group of the same name', () => {
    const objects = rbac({
      clusterRoles: [clusterRole('vm-reader', vmReaders)],
      clusterRoleBindings: [crb('group-alice', 'vm-reader', [Group('alice')])],
    });
    expect(authorize(alice, getVM('ns1'), objects).allowed).toBe(false);
  });

  describe('service accounts', () => {
    const checkup = serviceAccountUser('vms', 'checkup');
    const objects = rbac({
      clusterRoles: [clusterRole('vm-reader', vmReaders)],
      roleBindings: [
        rb('vms', 'implicit-ns', 'ClusterRole', 'vm-reader', [SA('checkup')]),
        rb('other', 'explicit-ns', 'ClusterRole', 'vm-reader', [SA('checkup', 'vms')]),
      ],
    });

    it('matches a subject without namespace in the binding’s namespace', () => {
      expect(authorize(checkup, getVM('vms'), objects).reason).toBe(
        'RBAC: allowed by RoleBinding "implicit-ns/vms" of ClusterRole "vm-reader" to ServiceAccount "checkup/vms"',
      );
      expect(
        authorize(serviceAccountUser('elsewhere', 'checkup'), getVM('vms'), objects).allowed,
      ).toBe(false);
    });

    it('matches a subject in another namespace by its own namespace', () => {
      expect(authorize(checkup, getVM('other'), objects).allowed).toBe(true);
    });

    it('never matches a namespace-less ServiceAccount subject of a ClusterRoleBinding', () => {
      const cluster = rbac({
        clusterRoles: [clusterRole('vm-reader', vmReaders)],
        clusterRoleBindings: [crb('sa', 'vm-reader', [SA('checkup')])],
      });
      expect(authorize(checkup, getVM('vms'), cluster).allowed).toBe(false);
    });

    it('grants through the service-account groups', () => {
      const groups = rbac({
        clusterRoles: [clusterRole('vm-reader', vmReaders)],
        clusterRoleBindings: [
          crb('all-sas-in-vms', 'vm-reader', [Group('system:serviceaccounts:vms')]),
        ],
      });
      expect(authorize(checkup, getVM('x'), groups).allowed).toBe(true);
      expect(authorize(serviceAccountUser('y', 'z'), getVM('x'), groups).allowed).toBe(false);
    });

    it('matches a User subject spelled as the service account’s username', () => {
      const byName = rbac({
        clusterRoles: [clusterRole('vm-reader', vmReaders)],
        clusterRoleBindings: [crb('u', 'vm-reader', [User('system:serviceaccount:vms:checkup')])],
      });
      expect(authorize(checkup, getVM('x'), byName).allowed).toBe(true);
    });
  });

  it('always allows system:masters, even with no RBAC objects', () => {
    const root: UserInfo = { username: 'root', groups: ['system:masters'] };
    expect(
      authorize(root, { verb: 'delete', apiGroup: '', resource: 'nodes', name: 'n1' }, rbac({}))
        .allowed,
    ).toBe(true);
    expect(
      authorize(
        root,
        { verb: 'get', apiGroup: '', resource: '', nonResourceURL: '/metrics' },
        rbac({}),
      ).allowed,
    ).toBe(true);
  });

  it('grants non-resource URLs through ClusterRoleBindings only', () => {
    const urlReader = clusterRole('metrics', [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }]);
    const metrics: RequestAttributes = {
      verb: 'get',
      apiGroup: '',
      resource: '',
      nonResourceURL: '/metrics',
    };
    const viaRB = rbac({
      clusterRoles: [urlReader],
      roleBindings: [rb('ns1', 'm', 'ClusterRole', 'metrics', [User('alice')])],
    });
    expect(authorize(alice, metrics, viaRB).allowed).toBe(false);
    expect(authorize(alice, { ...metrics, namespace: 'ns1' }, viaRB).allowed).toBe(false);
    const viaCRB = rbac({
      clusterRoles: [urlReader],
      clusterRoleBindings: [crb('m', 'metrics', [User('alice')])],
    });
    expect(authorize(alice, metrics, viaCRB).allowed).toBe(true);
  });

  it('names the first granting binding in Kubernetes’ order: cluster bindings, then namespaced', () => {
    const objects = rbac({
      clusterRoles: [clusterRole('vm-reader', vmReaders), clusterRole('nothing', [])],
      clusterRoleBindings: [
        crb('a-useless', 'nothing', [User('alice')]),
        crb('b-group', 'vm-reader', [Group('system:authenticated'), User('alice')]),
      ],
      roleBindings: [rb('ns1', 'local', 'ClusterRole', 'vm-reader', [User('alice')])],
    });
    // Both subjects of b-group apply; Kubernetes describes the first listed.
    expect(authorize(alice, getVM('ns1'), objects).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "b-group" of ClusterRole "vm-reader" to Group "system:authenticated"',
    );
  });

  it('words a plain denial as kube-apiserver’s 403', () => {
    const decision = authorize(
      alice,
      {
        verb: 'create',
        apiGroup: 'kubevirt.io',
        resource: 'virtualmachines',
        namespace: 'default',
      },
      rbac({}),
    );
    expect(decision.reason).toBe(
      'User "alice" cannot create resource "virtualmachines" in API group "kubevirt.io" in the namespace "default"',
    );
    const status = forbiddenStatus(
      {
        verb: 'create',
        apiGroup: 'kubevirt.io',
        resource: 'virtualmachines',
        namespace: 'default',
      },
      decision.reason,
    );
    expect(status.message).toBe(`virtualmachines.kubevirt.io is forbidden: ${decision.reason}`);
    expect(status.code).toBe(403);
  });

  it('reports every missing role that would have applied', () => {
    const objects = rbac({
      clusterRoleBindings: [
        crb('one', 'gone', [User('alice')]),
        crb('two', 'also-gone', [User('alice')]),
        crb('not-mine', 'x', [User('bob')]),
      ],
    });
    expect(authorize(alice, getVM('ns1'), objects).reason).toMatch(
      /: RBAC: \[clusterrole.rbac.authorization.k8s.io "gone" not found, clusterrole.rbac.authorization.k8s.io "also-gone" not found\]$/,
    );
  });

  it('applies aggregation itself, so a freshly labelled role grants at once', () => {
    const objects = rbac({
      clusterRoles: [
        {
          ...clusterRole('view', []),
          aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'to-view': 'true' } }] },
        },
        {
          ...clusterRole('vm-reader', vmReaders),
          metadata: { name: 'vm-reader', labels: { 'to-view': 'true' } },
        },
      ],
      roleBindings: [rb('ns1', 'view', 'ClusterRole', 'view', [User('alice')])],
    });
    expect(authorize(alice, getVM('ns1'), objects).allowed).toBe(true);
  });

  it('tolerates malformed objects instead of failing every request', () => {
    const objects = rbac({
      clusterRoles: [
        {
          apiVersion: `${GROUP}/v1`,
          kind: 'ClusterRole',
          metadata: meta('odd'),
          rules: 'nonsense',
        },
      ],
      clusterRoleBindings: [
        {
          apiVersion: `${GROUP}/v1`,
          kind: 'ClusterRoleBinding',
          metadata: meta('no-ref'),
          subjects: [User('alice')],
        },
        { ...crb('odd', 'odd', [User('alice')]), subjects: [{ kind: 'User' }, null] },
      ],
    });
    expect(authorize(alice, getVM('ns1'), objects).allowed).toBe(false);
  });
});

describe('RbacAuthorizer', () => {
  it('indexes once and re-reads the objects only after invalidate()', () => {
    const objects = rbac({ clusterRoles: [clusterRole('vm-reader', vmReaders)] });
    const source = vi.fn(() => objects);
    const authorizer = createAuthorizer(source);
    expect(authorizer).toBeInstanceOf(RbacAuthorizer);

    expect(authorizer.authorize(alice, getVM('ns1')).allowed).toBe(false);
    objects.clusterRoleBindings.push(crb('late', 'vm-reader', [User('alice')]));
    expect(authorizer.authorize(alice, getVM('ns1')).allowed).toBe(false);
    expect(source).toHaveBeenCalledTimes(1);

    authorizer.invalidate();
    expect(authorizer.authorize(alice, getVM('ns1')).allowed).toBe(true);
    expect(source).toHaveBeenCalledTimes(2);
  });

  it('stays fast with many bindings for other users', () => {
    const many = rbac({
      clusterRoles: [clusterRole('vm-reader', vmReaders)],
      roleBindings: Array.from({ length: 20_000 }, (_, i) =>
        rb(`ns${i % 500}`, `b${i}`, 'ClusterRole', 'vm-reader', [User(`user${i}`)]),
      ),
    });
    const authorizer = new RbacAuthorizer(() => many);
    authorizer.authorize(alice, getVM('ns1'));
    const start = performance.now();
    for (let i = 0; i < 10_000; i++) authorizer.authorize(alice, getVM(`ns${i % 500}`));
    // A linear scan would look at 200 million bindings here; the index looks at none.
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('lists the rules of every applying binding for rules reviews', () => {
    const authorizer = new RbacAuthorizer(() =>
      rbac({
        clusterRoles: [clusterRole('vm-reader', vmReaders)],
        clusterRoleBindings: [crb('c', 'vm-reader', [User('alice')])],
        roleBindings: [rb('ns1', 'gone', 'Role', 'missing', [User('alice')])],
      }),
    );
    expect(authorizer.rulesFor(alice, 'ns1')).toEqual({
      rules: vmReaders,
      errors: ['role.rbac.authorization.k8s.io "missing" not found'],
    });
    expect(authorizer.rulesFor(alice, '')).toEqual({ rules: vmReaders, errors: [] });
  });
});
