import { describe, expect, it } from 'vitest';
import { aggregatedInto, clusterRole, roleBinding, rule, user } from './roleBuilders';

describe('role builders', () => {
  it('builds an aggregated ClusterRole with bootstrap markings', () => {
    expect(clusterRole('view', [], { bootstrap: true, aggregateFrom: ['to-view'] })).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {
        name: 'view',
        labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
        annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
      },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'to-view': 'true' } }] },
      rules: [],
    });
  });

  it('labels a role for aggregation and binds roles by kind', () => {
    expect(
      aggregatedInto('x', ['to-view'], [rule(['get'], [''], ['pods'])]).metadata.labels,
    ).toEqual({ 'to-view': 'true' });
    expect(roleBinding('ns', 'b', { kind: 'Role', name: 'r' }, [user('u')]).roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'r',
    });
  });
});
