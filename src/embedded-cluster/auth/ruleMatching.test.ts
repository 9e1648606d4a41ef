import { describe, expect, it } from 'vitest';
import { type RequestAttributes } from '../types';
import { type PolicyRule } from './rbacTypes';
import { nonResourceURLMatches, ruleAllows } from './ruleMatching';

const req = (verb: string, resource: string, extra: Partial<RequestAttributes> = {}) => ({
  verb,
  apiGroup: 'kubevirt.io',
  resource,
  ...extra,
});

describe('ruleAllows', () => {
  it('needs verb, group and resource to match', () => {
    const rule: PolicyRule = {
      verbs: ['get'],
      apiGroups: ['kubevirt.io'],
      resources: ['virtualmachines'],
    };
    expect(ruleAllows(rule, req('get', 'virtualmachines'))).toBe(true);
    expect(ruleAllows(rule, req('delete', 'virtualmachines'))).toBe(false);
    expect(ruleAllows(rule, req('get', 'virtualmachines', { apiGroup: '' }))).toBe(false);
    expect(ruleAllows(rule, req('get', 'virtualmachineinstances'))).toBe(false);
  });

  it('treats * as every verb, group and resource, subresources included', () => {
    const rule: PolicyRule = { verbs: ['*'], apiGroups: ['*'], resources: ['*'] };
    expect(
      ruleAllows(rule, req('escalate', 'roles', { apiGroup: 'rbac.authorization.k8s.io' })),
    ).toBe(true);
    expect(ruleAllows(rule, req('update', 'virtualmachines', { subresource: 'start' }))).toBe(true);
  });

  it('matches the core group only through ""', () => {
    const rule: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['pods'] };
    expect(ruleAllows(rule, req('get', 'pods', { apiGroup: '' }))).toBe(true);
    expect(ruleAllows(rule, req('get', 'pods', { apiGroup: 'apps' }))).toBe(false);
  });

  it('keeps a resource and its subresources apart', () => {
    const vms: PolicyRule = { verbs: ['update'], apiGroups: ['*'], resources: ['virtualmachines'] };
    expect(ruleAllows(vms, req('update', 'virtualmachines', { subresource: 'start' }))).toBe(false);
    const start: PolicyRule = {
      verbs: ['update'],
      apiGroups: ['*'],
      resources: ['virtualmachines/start'],
    };
    expect(ruleAllows(start, req('update', 'virtualmachines', { subresource: 'start' }))).toBe(
      true,
    );
    expect(ruleAllows(start, req('update', 'virtualmachines'))).toBe(false);
    expect(ruleAllows(start, req('update', 'virtualmachines', { subresource: 'stop' }))).toBe(
      false,
    );
  });

  it('reads */subresource as that subresource of any resource, never the resource itself', () => {
    const rule: PolicyRule = { verbs: ['get'], apiGroups: ['*'], resources: ['*/status'] };
    expect(ruleAllows(rule, req('get', 'virtualmachines', { subresource: 'status' }))).toBe(true);
    expect(ruleAllows(rule, req('get', 'pods', { subresource: 'status' }))).toBe(true);
    expect(ruleAllows(rule, req('get', 'pods', { subresource: 'log' }))).toBe(false);
    expect(ruleAllows(rule, req('get', 'status'))).toBe(false);
  });

  it('matches a nested subresource as one string (vnc/screenshot)', () => {
    const rule: PolicyRule = {
      verbs: ['get'],
      apiGroups: ['subresources.kubevirt.io'],
      resources: ['virtualmachineinstances/vnc/screenshot'],
    };
    const shot = req('get', 'virtualmachineinstances', {
      apiGroup: 'subresources.kubevirt.io',
      subresource: 'vnc/screenshot',
    });
    expect(ruleAllows(rule, shot)).toBe(true);
    expect(ruleAllows(rule, { ...shot, subresource: 'vnc' })).toBe(false);
  });

  describe('resourceNames', () => {
    const rule: PolicyRule = {
      verbs: ['get', 'list', 'watch', 'create', 'update', 'delete', 'deletecollection'],
      apiGroups: ['kubevirt.io'],
      resources: ['virtualmachines'],
      resourceNames: ['vm-a'],
    };

    it('allows the named object and no other', () => {
      expect(ruleAllows(rule, req('get', 'virtualmachines', { name: 'vm-a' }))).toBe(true);
      expect(ruleAllows(rule, req('update', 'virtualmachines', { name: 'vm-a' }))).toBe(true);
      expect(ruleAllows(rule, req('get', 'virtualmachines', { name: 'vm-b' }))).toBe(false);
    });

    it.each(['list', 'watch', 'create', 'deletecollection'])(
      'never allows %s without a name',
      (verb) => {
        expect(ruleAllows(rule, req(verb, 'virtualmachines'))).toBe(false);
      },
    );

    it('allows a watch narrowed to the named object (the server sets the name)', () => {
      expect(ruleAllows(rule, req('watch', 'virtualmachines', { name: 'vm-a' }))).toBe(true);
    });
  });

  describe('non-resource URLs', () => {
    const rule: PolicyRule = { verbs: ['get'], nonResourceURLs: ['/version', '/apis/*'] };
    const url = (path: string, verb = 'get') => ({
      verb,
      apiGroup: '',
      resource: '',
      nonResourceURL: path,
    });

    it('matches exact paths and trailing-* prefixes', () => {
      expect(ruleAllows(rule, url('/version'))).toBe(true);
      expect(ruleAllows(rule, url('/apis/kubevirt.io/v1'))).toBe(true);
      expect(ruleAllows(rule, url('/apis/'))).toBe(true);
    });

    it('does not treat a prefix without * as a prefix', () => {
      expect(ruleAllows(rule, url('/version/extra'))).toBe(false);
      expect(ruleAllows(rule, url('/apis'))).toBe(false);
      expect(ruleAllows(rule, url('/metrics'))).toBe(false);
    });

    it('still needs the verb', () => {
      expect(ruleAllows(rule, url('/version', 'post'))).toBe(false);
    });

    it('never lets a resource rule grant a URL, nor a URL rule a resource', () => {
      const everything: PolicyRule = { verbs: ['*'], apiGroups: ['*'], resources: ['*'] };
      expect(ruleAllows(everything, url('/version'))).toBe(false);
      expect(ruleAllows(rule, req('get', 'version'))).toBe(false);
    });

    it('accepts * alone as every URL', () => {
      expect(nonResourceURLMatches({ verbs: ['*'], nonResourceURLs: ['*'] }, '/metrics')).toBe(
        true,
      );
    });
  });
});
