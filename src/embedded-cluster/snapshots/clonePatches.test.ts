import { describe, expect, it } from 'vitest';
import { keptKeys } from './clonePatches';

describe('clone label and annotation filters', () => {
  const keys = ['app', 'tier', 'internal.example.com/owner', 'internal.example.com/cost'];

  it('keeps everything without filters, and only what matches with them', () => {
    expect([...keptKeys(keys, undefined)]).toEqual(keys);
    expect([...keptKeys(keys, ['app'])]).toEqual(['app']);
    expect([...keptKeys(keys, [])]).toEqual([]);
  });

  it('lets negations win over "*" and regular expressions', () => {
    expect([...keptKeys(keys, ['*', '!internal.example.com/.*'])]).toEqual(['app', 'tier']);
    expect([...keptKeys(keys, ['internal.*', '!.*/cost'])]).toEqual(['internal.example.com/owner']);
  });
});
