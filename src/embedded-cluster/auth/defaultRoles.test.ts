import { assert, describe, expect, it } from 'vitest';
import { type RequestAttributes, type UserInfo } from '../types';
import { DEVELOPER_NAMESPACE, OS_IMAGES_NAMESPACE, defaultRbacObjects } from './defaultRoles';
import { RbacAuthorizer } from './rbac';
import { rulesOf, splitRbacObjects } from './rbacTypes';

const objects = defaultRbacObjects();
const authorizer = new RbacAuthorizer(() => splitRbacObjects(objects));

const admin: UserInfo = { username: 'admin', groups: ['system:authenticated'] };
const developer: UserInfo = { username: 'developer', groups: ['system:authenticated'] };
const stranger: UserInfo = { username: 'alice', groups: ['system:authenticated'] };

const can = (user: UserInfo, attrs: RequestAttributes) => authorizer.authorize(user, attrs).allowed;
const res = (
  verb: string,
  apiGroup: string,
  resource: string,
  namespace?: string,
  extra: Partial<RequestAttributes> = {},
): RequestAttributes => ({
  verb,
  apiGroup,
  resource,
  ...(namespace ? { namespace } : {}),
  ...extra,
});
const url = (path: string, verb = 'get'): RequestAttributes => ({
  verb,
  apiGroup: '',
  resource: '',
  nonResourceURL: path,
});

describe('defaultRbacObjects', () => {
  it('holds only valid, uniquely named RBAC objects', () => {
    const keys = objects.map(
      (o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
    for (const object of objects) {
      expect(object.apiVersion).toBe('rbac.authorization.k8s.io/v1');
      expect(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']).toContain(object.kind);
    }
  });

  const find = (name: string) =>
    objects.find((o) => o.kind === 'ClusterRole' && o.metadata.name === name) ?? assert.fail(name);

  it('ships admin, edit and view already aggregated, KubeVirt rules included', () => {
    const resources = (name: string) => rulesOf(find(name)).flatMap((r) => r.resources ?? []);
    expect(resources('view')).toContain('virtualmachines');
    expect(resources('view')).not.toContain('secrets');
    expect(resources('edit')).toEqual(expect.arrayContaining(['secrets', 'virtualmachines/start']));
    expect(resources('admin')).toEqual(
      expect.arrayContaining(['rolebindings', 'virtualmachines/start', 'pods']),
    );
  });

  it('returns independent copies, even of rules aggregation shares between roles', () => {
    const copy = defaultRbacObjects();
    const edit = copy.find((o) => o.metadata.name === 'edit') ?? assert.fail('edit');
    const view = copy.find((o) => o.metadata.name === 'view') ?? assert.fail('view');
    // Before copying, edit's rules were the very objects view holds.
    (edit.rules as { verbs: string[] }[]).forEach((rule) => rule.verbs.push('changed'));
    expect(rulesOf(view).some((rule) => rule.verbs.includes('changed'))).toBe(false);
    expect(rulesOf(find('edit')).some((rule) => rule.verbs.includes('changed'))).toBe(false);
  });
});

describe('admin', () => {
  it('is cluster-admin: any resource, anywhere, and every URL', () => {
    expect(can(admin, res('delete', '', 'nodes', undefined, { name: 'node1' }))).toBe(true);
    expect(can(admin, res('create', 'kubevirt.io', 'virtualmachines', 'default'))).toBe(true);
    expect(can(admin, res('get', '', 'secrets', 'kube-system'))).toBe(true);
    expect(can(admin, url('/metrics'))).toBe(true);
    expect(authorizer.authorize(admin, res('list', '', 'namespaces')).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "cluster-admins" of ClusterRole "cluster-admin" to User "admin"',
    );
  });
});

describe('developer', () => {
  it('may create virtual machines in developer-vms but not in default', () => {
    expect(
      can(developer, res('create', 'kubevirt.io', 'virtualmachines', DEVELOPER_NAMESPACE)),
    ).toBe(true);
    const denied = authorizer.authorize(
      developer,
      res('create', 'kubevirt.io', 'virtualmachines', 'default'),
    );
    expect(denied).toEqual({
      allowed: false,
      reason:
        'User "developer" cannot create resource "virtualmachines" in API group "kubevirt.io" in the namespace "default"',
    });
  });

  it('may start, stop, restart and migrate its VMs (update on subresources.kubevirt.io)', () => {
    for (const action of ['start', 'stop', 'restart', 'migrate', 'addvolume', 'removevolume']) {
      const attrs = res(
        'update',
        'subresources.kubevirt.io',
        'virtualmachines',
        DEVELOPER_NAMESPACE,
        {
          subresource: action,
          name: 'vm1',
        },
      );
      expect(can(developer, attrs), action).toBe(true);
      expect(can(developer, { ...attrs, namespace: 'default' }), action).toBe(false);
    }
    expect(
      authorizer.authorize(
        developer,
        res('update', 'subresources.kubevirt.io', 'virtualmachines', DEVELOPER_NAMESPACE, {
          subresource: 'start',
        }),
      ).reason,
    ).toBe(
      'RBAC: allowed by RoleBinding "admin/developer-vms" of ClusterRole "admin" to User "developer"',
    );
  });

  it('opens consoles with get and pauses with update, as KubeVirt defines them', () => {
    const vmi = (verb: string, subresource: string) =>
      res(verb, 'subresources.kubevirt.io', 'virtualmachineinstances', DEVELOPER_NAMESPACE, {
        subresource,
        name: 'vm1',
      });
    expect(can(developer, vmi('get', 'console'))).toBe(true);
    expect(can(developer, vmi('get', 'vnc'))).toBe(true);
    expect(can(developer, vmi('get', 'vnc/screenshot'))).toBe(true);
    expect(can(developer, vmi('update', 'pause'))).toBe(true);
    expect(can(developer, vmi('update', 'unpause'))).toBe(true);
    expect(can(developer, vmi('get', 'pause'))).toBe(false);
    expect(can(developer, vmi('update', 'console'))).toBe(false);
  });

  it('manages bindings in its namespace (admin), but not cluster-wide', () => {
    expect(
      can(
        developer,
        res('create', 'rbac.authorization.k8s.io', 'rolebindings', DEVELOPER_NAMESPACE),
      ),
    ).toBe(true);
    expect(can(developer, res('create', 'rbac.authorization.k8s.io', 'clusterrolebindings'))).toBe(
      false,
    );
    expect(can(developer, res('get', '', 'secrets', DEVELOPER_NAMESPACE, { name: 's' }))).toBe(
      true,
    );
  });

  it('may not list namespaces: its projects come from the filtered projects API', () => {
    expect(can(developer, res('list', '', 'namespaces'))).toBe(false);
    expect(can(developer, res('list', 'project.openshift.io', 'projects'))).toBe(true);
    // Reading its own namespace object is what makes it one of its projects.
    expect(
      can(
        developer,
        res('get', '', 'namespaces', DEVELOPER_NAMESPACE, { name: DEVELOPER_NAMESPACE }),
      ),
    ).toBe(true);
    expect(can(developer, res('get', '', 'namespaces', 'default', { name: 'default' }))).toBe(
      false,
    );
  });

  it('only views the boot sources: no secrets, no writes, but may clone', () => {
    expect(can(developer, res('list', 'cdi.kubevirt.io', 'datasources', OS_IMAGES_NAMESPACE))).toBe(
      true,
    );
    expect(
      can(
        developer,
        res('get', '', 'persistentvolumeclaims', OS_IMAGES_NAMESPACE, { name: 'fedora' }),
      ),
    ).toBe(true);
    expect(can(developer, res('get', '', 'secrets', OS_IMAGES_NAMESPACE, { name: 's' }))).toBe(
      false,
    );
    expect(can(developer, res('list', '', 'secrets', OS_IMAGES_NAMESPACE))).toBe(false);
    expect(
      can(
        developer,
        res('delete', 'cdi.kubevirt.io', 'datasources', OS_IMAGES_NAMESPACE, { name: 'fedora' }),
      ),
    ).toBe(false);
    expect(
      can(
        developer,
        res('create', 'cdi.kubevirt.io', 'datavolumes', OS_IMAGES_NAMESPACE, {
          subresource: 'source',
        }),
      ),
    ).toBe(true);
    // view has no console access: it is a write-equivalent for a VM.
    expect(
      can(
        developer,
        res('get', 'subresources.kubevirt.io', 'virtualmachineinstances', OS_IMAGES_NAMESPACE, {
          subresource: 'vnc',
        }),
      ),
    ).toBe(false);
  });

  it('may request upload tokens and manage DataVolumes in its namespace', () => {
    expect(
      can(
        developer,
        res('create', 'upload.cdi.kubevirt.io', 'uploadtokenrequests', DEVELOPER_NAMESPACE),
      ),
    ).toBe(true);
    expect(
      can(developer, res('create', 'cdi.kubevirt.io', 'datavolumes', DEVELOPER_NAMESPACE)),
    ).toBe(true);
    expect(
      can(
        developer,
        res('create', 'snapshot.kubevirt.io', 'virtualmachinesnapshots', DEVELOPER_NAMESPACE),
      ),
    ).toBe(true);
    expect(
      can(
        developer,
        res('create', 'template.openshift.io', 'processedtemplates', DEVELOPER_NAMESPACE),
      ),
    ).toBe(true);
  });

  it('may not touch cluster configuration', () => {
    expect(
      can(
        developer,
        res('update', 'kubevirt.io', 'kubevirts', 'openshift-cnv', { name: 'kubevirt' }),
      ),
    ).toBe(false);
    expect(
      can(
        developer,
        res('patch', 'hco.kubevirt.io', 'hyperconvergeds', 'openshift-cnv', {
          name: 'kubevirt-hyperconverged',
        }),
      ),
    ).toBe(false);
    expect(
      can(
        developer,
        res('create', 'instancetype.kubevirt.io', 'virtualmachineclusterinstancetypes'),
      ),
    ).toBe(false);
    expect(can(developer, res('create', 'project.openshift.io', 'projectrequests'))).toBe(false);
    expect(can(developer, url('/metrics'))).toBe(false);
  });
});

describe('every authenticated user', () => {
  it('reads cluster instance types, preferences, storage classes and storage profiles', () => {
    for (const [group, resource] of [
      ['instancetype.kubevirt.io', 'virtualmachineclusterinstancetypes'],
      ['instancetype.kubevirt.io', 'virtualmachineclusterpreferences'],
      ['storage.k8s.io', 'storageclasses'],
      ['cdi.kubevirt.io', 'storageprofiles'],
      ['console.openshift.io', 'consolequickstarts'],
    ] as const) {
      expect(can(stranger, res('list', group, resource)), resource).toBe(true);
      expect(can(stranger, res('watch', group, resource)), resource).toBe(true);
      expect(
        can(stranger, res('delete', group, resource, undefined, { name: 'x' })),
        resource,
      ).toBe(false);
    }
  });

  it('reads the shared templates in the openshift namespace only', () => {
    expect(can(stranger, res('list', 'template.openshift.io', 'templates', 'openshift'))).toBe(
      true,
    );
    expect(can(stranger, res('list', 'template.openshift.io', 'templates', 'default'))).toBe(false);
  });

  it('may discover the API and ask what it may do', () => {
    for (const path of [
      '/api',
      '/api/v1',
      '/apis',
      '/apis/kubevirt.io/v1',
      '/version',
      '/healthz',
      '/openapi/v3',
    ]) {
      expect(can(stranger, url(path)), path).toBe(true);
    }
    expect(can(stranger, url('/api', 'post'))).toBe(false);
    expect(can(stranger, res('create', 'authorization.k8s.io', 'selfsubjectaccessreviews'))).toBe(
      true,
    );
    expect(can(stranger, res('create', 'authorization.k8s.io', 'selfsubjectrulesreviews'))).toBe(
      true,
    );
    expect(can(stranger, res('create', 'authorization.k8s.io', 'subjectaccessreviews'))).toBe(
      false,
    );
    expect(can(stranger, res('get', 'user.openshift.io', 'users', undefined, { name: '~' }))).toBe(
      true,
    );
    expect(
      can(stranger, res('get', 'user.openshift.io', 'users', undefined, { name: 'admin' })),
    ).toBe(false);
  });

  it('sees nothing inside namespaces it has no binding in', () => {
    expect(can(stranger, res('list', 'kubevirt.io', 'virtualmachines', DEVELOPER_NAMESPACE))).toBe(
      false,
    );
    expect(can(stranger, res('list', 'kubevirt.io', 'virtualmachines'))).toBe(false);
  });
});
