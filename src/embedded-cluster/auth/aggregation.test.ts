import { assert, describe, expect, it } from 'vitest';
import { type KubeObject } from '../types';
import { aggregateClusterRoles, selectorMatches } from './aggregation';
import { type LabelSelector, rulesOf } from './rbacTypes';

const role = (name: string, labels: Record<string, string>, resources: string[]): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name, labels },
  rules: [{ verbs: ['get'], apiGroups: [''], resources }],
});

const aggregated = (name: string, selectors: LabelSelector[], labels = {}): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name, labels },
  aggregationRule: { clusterRoleSelectors: selectors },
  rules: [],
});

const resourcesOf = (roles: KubeObject[], name: string) =>
  rulesOf(roles.find((r) => r.metadata.name === name) ?? assert.fail(name)).flatMap(
    (r) => r.resources ?? [],
  );

describe('selectorMatches', () => {
  const labels = { tier: 'view', team: 'virt' };

  it('needs every matchLabels pair', () => {
    expect(selectorMatches({ matchLabels: { tier: 'view' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { tier: 'view', team: 'net' } }, labels)).toBe(false);
  });

  it.each([
    [{ key: 'tier', operator: 'In', values: ['view', 'edit'] }, true],
    [{ key: 'tier', operator: 'In', values: ['admin'] }, false],
    [{ key: 'absent', operator: 'In', values: [''] }, false],
    [{ key: 'tier', operator: 'NotIn', values: ['admin'] }, true],
    [{ key: 'tier', operator: 'NotIn', values: ['view'] }, false],
    [{ key: 'absent', operator: 'NotIn', values: ['x'] }, true],
    [{ key: 'team', operator: 'Exists' }, true],
    [{ key: 'absent', operator: 'Exists' }, false],
    [{ key: 'absent', operator: 'DoesNotExist' }, true],
    [{ key: 'team', operator: 'DoesNotExist' }, false],
    [{ key: 'team', operator: 'Sometimes' }, false],
  ])('matchExpressions %j → %s', (expression, expected) => {
    expect(selectorMatches({ matchExpressions: [expression] }, labels)).toBe(expected);
  });

  it('matches everything with an empty selector', () => {
    expect(selectorMatches({}, {})).toBe(true);
  });
});

describe('aggregateClusterRoles', () => {
  const toView = { 'example.com/aggregate-to-view': 'true' };

  it('sets rules to the union of the selected roles, sorted by name, without repeats', () => {
    const roles = aggregateClusterRoles([
      aggregated('view', [{ matchLabels: toView }]),
      role('b-pods', toView, ['pods']),
      role('a-config', toView, ['configmaps']),
      role('c-pods-again', toView, ['pods']),
      role('unlabelled', {}, ['secrets']),
    ]);
    expect(resourcesOf(roles, 'view')).toEqual(['configmaps', 'pods']);
  });

  it('replaces whatever rules the aggregated role held before', () => {
    const stale = {
      ...aggregated('view', [{ matchLabels: toView }]),
      rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
    };
    expect(resourcesOf(aggregateClusterRoles([stale]), 'view')).toEqual([]);
  });

  it('picks up a role as soon as it carries the label', () => {
    const base = [aggregated('view', [{ matchLabels: toView }]), role('pods', toView, ['pods'])];
    expect(resourcesOf(aggregateClusterRoles(base), 'view')).toEqual(['pods']);
    const newlyLabelled = role('vms', toView, ['virtualmachines']);
    expect(resourcesOf(aggregateClusterRoles([...base, newlyLabelled]), 'view')).toEqual([
      'pods',
      'virtualmachines',
    ]);
  });

  it('unions several selectors', () => {
    const roles = aggregateClusterRoles([
      aggregated('both', [
        { matchLabels: { a: 'true' } },
        { matchExpressions: [{ key: 'b', operator: 'Exists' }] },
      ]),
      role('x', { a: 'true' }, ['pods']),
      role('y', { b: 'anything' }, ['services']),
    ]);
    expect(resourcesOf(roles, 'both')).toEqual(['pods', 'services']);
  });

  it('settles chains at once: admin gets edit, which gets view', () => {
    const roles = aggregateClusterRoles([
      aggregated('admin', [{ matchLabels: { 'to-admin': 'true' } }]),
      aggregated('edit', [{ matchLabels: { 'to-edit': 'true' } }], { 'to-admin': 'true' }),
      aggregated('view', [{ matchLabels: { 'to-view': 'true' } }], { 'to-edit': 'true' }),
      role('view-rules', { 'to-view': 'true' }, ['pods']),
      role('edit-rules', { 'to-edit': 'true' }, ['secrets']),
      role('admin-rules', { 'to-admin': 'true' }, ['rolebindings']),
    ]);
    expect(resourcesOf(roles, 'view')).toEqual(['pods']);
    expect(resourcesOf(roles, 'edit').sort()).toEqual(['pods', 'secrets']);
    expect(resourcesOf(roles, 'admin').sort()).toEqual(['pods', 'rolebindings', 'secrets']);
  });

  it('never selects itself and survives a cycle', () => {
    const roles = aggregateClusterRoles([
      aggregated('a', [{ matchLabels: { ring: 'true' } }], { ring: 'true' }),
      aggregated('b', [{ matchLabels: { ring: 'true' } }], { ring: 'true' }),
      role('leaf', { ring: 'true' }, ['pods']),
    ]);
    expect(resourcesOf(roles, 'a')).toEqual(['pods']);
    expect(resourcesOf(roles, 'b')).toEqual(['pods']);
  });

  it('selects nothing with an empty selector list and leaves its input alone', () => {
    const input = [aggregated('empty', []), role('pods', {}, ['pods'])];
    const snapshot = structuredClone(input);
    expect(resourcesOf(aggregateClusterRoles(input), 'empty')).toEqual([]);
    expect(input).toEqual(snapshot);
  });
});
