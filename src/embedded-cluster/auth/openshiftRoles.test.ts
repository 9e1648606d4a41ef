import { assert, describe, expect, it } from 'vitest';
import {
  SHARED_TEMPLATES_NAMESPACE,
  openshiftClusterRoles,
  openshiftRoles,
} from './openshiftRoles';
import { rulesOf } from './rbacTypes';

describe('openshift roles', () => {
  it('shares templates from the openshift namespace only', () => {
    const [viewer] = openshiftRoles();
    expect(viewer?.metadata).toEqual({
      name: 'shared-resource-viewer',
      namespace: SHARED_TEMPLATES_NAMESPACE,
    });
    expect(rulesOf(viewer ?? assert.fail('no role'))).toEqual([
      {
        verbs: ['get', 'list', 'watch'],
        apiGroups: ['template.openshift.io'],
        resources: ['templates'],
      },
    ]);
  });

  it('lets editors process templates and admins delete their project', () => {
    const byName = (name: string) =>
      openshiftClusterRoles().find((r) => r.metadata.name === name) ?? assert.fail(name);
    expect(rulesOf(byName('system:openshift:aggregate-to-edit'))[0]?.resources).toContain(
      'processedtemplates',
    );
    expect(rulesOf(byName('system:openshift:aggregate-to-admin'))[0]?.verbs).toContain('delete');
  });
});
