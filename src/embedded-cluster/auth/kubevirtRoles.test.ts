import { assert, describe, expect, it } from 'vitest';
import { kubevirtClusterRoles } from './kubevirtRoles';
import { type PolicyRule, rulesOf } from './rbacTypes';

const roles = kubevirtClusterRoles();
const rulesNamed = (name: string) =>
  rulesOf(roles.find((r) => r.metadata.name === name) ?? assert.fail(name));
const verbsFor = (rules: PolicyRule[], group: string, resource: string) =>
  rules
    .filter((r) => r.apiGroups?.includes(group) && r.resources?.includes(resource))
    .flatMap((r) => r.verbs)
    .sort();

describe('kubevirtClusterRoles', () => {
  it('labels kubevirt.io:admin|edit|view to aggregate into admin|edit|view', () => {
    for (const level of ['admin', 'edit', 'view']) {
      const role =
        roles.find((r) => r.metadata.name === `kubevirt.io:${level}`) ?? assert.fail(level);
      expect(role.metadata.labels).toMatchObject({
        [`rbac.authorization.k8s.io/aggregate-to-${level}`]: 'true',
      });
    }
  });

  it('uses get for consoles and update for actions, as KubeVirt does', () => {
    const edit = rulesNamed('kubevirt.io:edit');
    const sub = 'subresources.kubevirt.io';
    expect(verbsFor(edit, sub, 'virtualmachineinstances/console')).toEqual(['get']);
    expect(verbsFor(edit, sub, 'virtualmachineinstances/vnc')).toEqual(['get']);
    expect(verbsFor(edit, sub, 'virtualmachineinstances/pause')).toEqual(['update']);
    expect(verbsFor(edit, sub, 'virtualmachines/start')).toEqual(['update']);
    expect(verbsFor(edit, sub, 'virtualmachines/expand-spec')).toEqual(['get']);
  });

  it('gives deletecollection to admin only, and view no consoles or actions', () => {
    expect(verbsFor(rulesNamed('kubevirt.io:admin'), 'kubevirt.io', 'virtualmachines')).toContain(
      'deletecollection',
    );
    expect(
      verbsFor(rulesNamed('kubevirt.io:edit'), 'kubevirt.io', 'virtualmachines'),
    ).not.toContain('deletecollection');
    const view = rulesNamed('kubevirt.io:view');
    expect(verbsFor(view, 'kubevirt.io', 'virtualmachines')).toEqual(['get', 'list', 'watch']);
    expect(verbsFor(view, 'subresources.kubevirt.io', 'virtualmachineinstances/vnc')).toEqual([]);
    expect(verbsFor(view, 'subresources.kubevirt.io', 'virtualmachines/start')).toEqual([]);
  });

  it('keeps kubevirts read-only for everyone', () => {
    for (const name of ['kubevirt.io:admin', 'kubevirt.io:edit', 'kubevirt.io:view']) {
      expect(verbsFor(rulesNamed(name), 'kubevirt.io', 'kubevirts'), name).toEqual(['get', 'list']);
    }
  });
});
