import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { mergeStringData } from './secretData';

describe('mergeStringData', () => {
  it('merges stringData into data, over keys of the same name, and drops it', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data: { a: Buffer.from('old').toString('base64'), b: 'Yg==' },
      stringData: { a: 'ssh-ed25519 AAAA key', c: 'plain' },
    } as unknown as KubeObject;
    const merged = mergeStringData('core/secrets', secret);
    expect(merged).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data: {
        a: Buffer.from('ssh-ed25519 AAAA key').toString('base64'),
        b: 'Yg==',
        c: Buffer.from('plain').toString('base64'),
      },
    });
    expect(mergeStringData('core/configmaps', secret)).toBe(secret);
  });
});
