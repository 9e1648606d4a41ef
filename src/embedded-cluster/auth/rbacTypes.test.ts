import { describe, expect, it } from 'vitest';
import { type KubeObject } from '../types';
import {
  aggregationSelectorsOf,
  roleRefOf,
  rulesOf,
  splitRbacObjects,
  subjectsOf,
} from './rbacTypes';

const object = (kind: string, fields: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name: kind.toLowerCase() },
  ...fields,
});

describe('splitRbacObjects', () => {
  it('sorts the four kinds apart and drops everything else', () => {
    const split = splitRbacObjects([
      object('Role'),
      object('ClusterRole'),
      object('RoleBinding'),
      object('ClusterRoleBinding'),
      object('ConfigMap'),
    ]);
    expect(
      Object.fromEntries(
        Object.entries(split).map(([k, v]) => [k, v.map((o: KubeObject) => o.kind)]),
      ),
    ).toEqual({
      roles: ['Role'],
      clusterRoles: ['ClusterRole'],
      roleBindings: ['RoleBinding'],
      clusterRoleBindings: ['ClusterRoleBinding'],
    });
  });
});

describe('readers', () => {
  it('read well-formed fields and skip malformed entries', () => {
    expect(
      rulesOf(object('Role', { rules: [{ verbs: ['get'], resources: ['pods', 7] }, 'junk'] })),
    ).toEqual([{ verbs: ['get'], resources: ['pods'] }]);
    expect(rulesOf(object('Role'))).toEqual([]);
    expect(
      subjectsOf(
        object('RoleBinding', {
          subjects: [{ kind: 'User', name: 'a', namespace: '' }, { name: 'no-kind' }],
        }),
      ),
    ).toEqual([{ kind: 'User', name: 'a' }]);
    expect(
      roleRefOf(object('RoleBinding', { roleRef: { kind: 'ClusterRole', name: 'view' } })),
    ).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'view',
    });
    expect(roleRefOf(object('RoleBinding', { roleRef: 'view' }))).toBeUndefined();
  });

  it('tells a non-aggregated role from one with an empty selector list', () => {
    expect(aggregationSelectorsOf(object('ClusterRole'))).toBeUndefined();
    expect(aggregationSelectorsOf(object('ClusterRole', { aggregationRule: {} }))).toEqual([]);
    expect(
      aggregationSelectorsOf(
        object('ClusterRole', {
          aggregationRule: {
            clusterRoleSelectors: [
              {
                matchLabels: { a: 'true', bad: 1 },
                matchExpressions: [{ key: 'b', operator: 'Exists' }],
              },
            ],
          },
        }),
      ),
    ).toEqual([
      {
        matchLabels: { a: 'true' },
        matchExpressions: [{ key: 'b', operator: 'Exists', values: [] }],
      },
    ]);
  });
});
