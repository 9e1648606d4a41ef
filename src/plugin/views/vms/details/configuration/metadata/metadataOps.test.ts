import { describe, expect, it } from 'vitest';
import { makeVm } from '../../testSupport';
import { metadataOps, sortedEntries } from './metadataOps';

describe('metadataOps', () => {
  it('replaces the whole map, tested first', () => {
    const vm = makeVm();
    expect(metadataOps(vm, 'labels', { app: 'web' })).toEqual([
      { op: 'test', path: '/metadata/labels', value: vm.metadata!.labels },
      { op: 'replace', path: '/metadata/labels', value: { app: 'web' } },
    ]);
  });

  it('adds a missing map and removes an emptied one', () => {
    const vm = makeVm();
    expect(metadataOps(vm, 'annotations', { note: 'x' })).toEqual([
      { op: 'add', path: '/metadata/annotations', value: { note: 'x' } },
    ]);
    expect(metadataOps(vm, 'labels', {})).toEqual([
      { op: 'test', path: '/metadata/labels', value: vm.metadata!.labels },
      { op: 'remove', path: '/metadata/labels' },
    ]);
    expect(metadataOps(vm, 'annotations', {})).toEqual([]);
  });

  it('sorts entries by key', () => {
    expect(sortedEntries({ b: '2', a: '1' })).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });
});
