import { describe, expect, it } from 'vitest';
import { forbiddenMessage, forbiddenStatus, unauthorizedStatus } from './authStatus';

describe('forbiddenMessage', () => {
  it('words namespaced, cluster-scoped and subresource requests as kube-apiserver does', () => {
    expect(
      forbiddenMessage('developer', {
        verb: 'list',
        apiGroup: '',
        resource: 'secrets',
        namespace: 'default',
      }),
    ).toBe(
      'User "developer" cannot list resource "secrets" in API group "" in the namespace "default"',
    );
    expect(
      forbiddenMessage('developer', { verb: 'list', apiGroup: '', resource: 'namespaces' }),
    ).toBe(
      'User "developer" cannot list resource "namespaces" in API group "" at the cluster scope',
    );
    expect(
      forbiddenMessage('developer', {
        verb: 'update',
        apiGroup: 'subresources.kubevirt.io',
        resource: 'virtualmachines',
        subresource: 'start',
        namespace: 'default',
        name: 'vm1',
      }),
    ).toBe(
      'User "developer" cannot update resource "virtualmachines/start" in API group "subresources.kubevirt.io" in the namespace "default"',
    );
    expect(
      forbiddenMessage('developer', {
        verb: 'get',
        apiGroup: '',
        resource: '',
        nonResourceURL: '/metrics',
      }),
    ).toBe('User "developer" cannot get path "/metrics"');
  });

  it('quotes names the way Go’s %q does', () => {
    expect(
      forbiddenMessage('a "b"', { verb: 'get', apiGroup: '', resource: '', nonResourceURL: '/' }),
    ).toBe('User "a \\"b\\"" cannot get path "/"');
  });
});

describe('forbiddenStatus', () => {
  it('prefixes the qualified resource and name, and fills details', () => {
    const attrs = {
      verb: 'get',
      apiGroup: 'kubevirt.io',
      resource: 'virtualmachines',
      subresource: 'status',
      namespace: 'default',
      name: 'vm1',
    };
    expect(forbiddenStatus(attrs, 'REASON')).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'virtualmachines.kubevirt.io "vm1" is forbidden: REASON',
      reason: 'Forbidden',
      details: { group: 'kubevirt.io', kind: 'virtualmachines', name: 'vm1' },
      code: 403,
    });
  });

  it('leaves the core group out of the qualified name', () => {
    expect(
      forbiddenStatus({ verb: 'list', apiGroup: '', resource: 'secrets', namespace: 'x' }, 'R')
        .message,
    ).toBe('secrets is forbidden: R');
  });

  it('says just "forbidden" for non-resource URLs', () => {
    const status = forbiddenStatus(
      { verb: 'get', apiGroup: '', resource: '', nonResourceURL: '/metrics' },
      'R',
    );
    expect(status.message).toBe('forbidden: R');
    expect(status.details).toEqual({});
  });
});

describe('unauthorizedStatus', () => {
  it('is the 401 Status kube-apiserver sends', () => {
    expect(unauthorizedStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
  });
});
