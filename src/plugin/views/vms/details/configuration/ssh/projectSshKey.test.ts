// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_SSH_KEYS, projectSshKeyOf, storeProjectSshKey } from './projectSshKey';

beforeEach(() => window.localStorage.clear());

describe('project SSH key', () => {
  it('stores one Secret per namespace and clears it', () => {
    storeProjectSshKey('demo', 'demo-key');
    storeProjectSshKey('prod', 'prod-key');
    expect(projectSshKeyOf('demo')).toBe('demo-key');
    expect(projectSshKeyOf('prod')).toBe('prod-key');
    storeProjectSshKey('demo', undefined);
    expect(projectSshKeyOf('demo')).toBeUndefined();
    expect(JSON.parse(window.localStorage.getItem(PROJECT_SSH_KEYS)!)).toEqual({
      prod: 'prod-key',
    });
  });

  it('ignores what it cannot read', () => {
    window.localStorage.setItem(PROJECT_SSH_KEYS, '{not json');
    expect(projectSshKeyOf('demo')).toBeUndefined();
    window.localStorage.setItem(PROJECT_SSH_KEYS, JSON.stringify({ demo: 3, ok: 'k' }));
    expect(projectSshKeyOf('demo')).toBeUndefined();
    expect(projectSshKeyOf('ok')).toBe('k');
  });
});
