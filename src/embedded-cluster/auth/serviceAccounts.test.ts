import { describe, expect, it } from 'vitest';
import {
  parseServiceAccountUsername,
  serviceAccountUser,
  serviceAccountUsername,
} from './serviceAccounts';

describe('service-account identities', () => {
  it('spells the username and groups as the token authenticator does', () => {
    expect(serviceAccountUser('vms', 'checkup', 'u1')).toEqual({
      username: 'system:serviceaccount:vms:checkup',
      uid: 'u1',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:vms', 'system:authenticated'],
    });
  });

  it('parses a username back, and only a well-formed one', () => {
    expect(parseServiceAccountUsername(serviceAccountUsername('vms', 'checkup'))).toEqual({
      namespace: 'vms',
      name: 'checkup',
    });
    for (const bad of [
      'developer',
      'system:serviceaccount:vms',
      'system:serviceaccount::x',
      'system:serviceaccount:a:b:c',
      'system:serviceaccount:a:',
    ]) {
      expect(parseServiceAccountUsername(bad), bad).toBeUndefined();
    }
  });
});
