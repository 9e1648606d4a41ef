import { describe, expect, it } from 'vitest';
import { type KubeObject } from '../types';
import { buildRbacIndex, grantsFor } from './rbacIndex';

const GROUP = 'rbac.authorization.k8s.io';
const crb = (name: string, subjects: object[]): KubeObject => ({
  apiVersion: `${GROUP}/v1`,
  kind: 'ClusterRoleBinding',
  metadata: { name },
  roleRef: { apiGroup: GROUP, kind: 'ClusterRole', name: 'r' },
  subjects,
});

describe('grantsFor', () => {
  const index = buildRbacIndex({
    roles: [],
    clusterRoles: [
      { apiVersion: `${GROUP}/v1`, kind: 'ClusterRole', metadata: { name: 'r' }, rules: [] },
    ],
    roleBindings: [],
    clusterRoleBindings: [
      crb('second-subject-matches-first', [
        { kind: 'Group', name: 'g' },
        { kind: 'User', name: 'u' },
      ]),
      crb('unrelated', [{ kind: 'User', name: 'other' }]),
      crb('unknown-kind', [{ kind: 'Robot', name: 'u' }]),
    ],
  });

  it('returns each binding once, described by its first applying subject', () => {
    const grants = grantsFor(index, { username: 'u', groups: ['g'] }, '');
    expect(grants.map((g) => g.source)).toEqual([
      'ClusterRoleBinding "second-subject-matches-first" of ClusterRole "r" to Group "g"',
    ]);
  });

  it('finds nothing for a user nobody bound', () => {
    expect(grantsFor(index, { username: 'nobody', groups: [] }, 'ns')).toEqual([]);
  });
});
