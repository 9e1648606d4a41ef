import { assert, describe, expect, it } from 'vitest';
import { kubernetesClusterRoles } from './kubernetesRoles';
import { rulesOf } from './rbacTypes';

const roles = kubernetesClusterRoles();
const named = (name: string) => roles.find((r) => r.metadata.name === name) ?? assert.fail(name);

describe('kubernetesClusterRoles', () => {
  it('chains admin ⊃ edit ⊃ view by aggregation labels, as Kubernetes does', () => {
    expect(named('edit').metadata.labels).toMatchObject({
      'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
    });
    expect(named('view').metadata.labels).toMatchObject({
      'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
    });
    expect(named('admin').aggregationRule).toEqual({
      clusterRoleSelectors: [
        { matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } },
      ],
    });
  });

  it('keeps secrets out of the view rules', () => {
    const viewResources = rulesOf(named('system:aggregate-to-view')).flatMap(
      (r) => r.resources ?? [],
    );
    expect(viewResources).toContain('configmaps');
    expect(viewResources).not.toContain('secrets');
  });

  it('lets discovery read /api, /apis and /version but public info only health and version', () => {
    const urls = (name: string) => rulesOf(named(name)).flatMap((r) => r.nonResourceURLs ?? []);
    expect(urls('system:discovery')).toEqual(
      expect.arrayContaining(['/api', '/api/*', '/apis', '/apis/*', '/openapi/*', '/version']),
    );
    expect(urls('system:public-info-viewer')).not.toContain('/apis');
  });
});
