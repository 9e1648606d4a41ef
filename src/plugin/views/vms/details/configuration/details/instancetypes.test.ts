import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { makeVm } from '../../testSupport';
import {
  groupInstancetypes,
  instancetypeOptionLabel,
  refFromKey,
  refKey,
  refOf,
  refOps,
  type Instancetype,
} from './instancetypes';

const t = i18next.t.bind(i18next);

const it_ = (name: string, cpus: number, memory: string): Instancetype => ({
  metadata: { name },
  spec: { cpu: { guest: cpus }, memory: { guest: memory } },
});

describe('instance type refs', () => {
  it('reads the kind without case; no kind is cluster-wide', () => {
    const vm = makeVm({ spec: { instancetype: { name: 'u1.medium' }, template: {} } });
    expect(refOf(vm, 'instancetype')).toEqual({ cluster: true, name: 'u1.medium' });
    vm.spec!.instancetype = { kind: 'virtualmachineinstancetype', name: 'mine' };
    expect(refOf(vm, 'instancetype')).toEqual({ cluster: false, name: 'mine' });
    expect(refOf(vm, 'preference')).toBeUndefined();
    expect(refFromKey(refKey({ cluster: false, name: 'mine' }))).toEqual({
      cluster: false,
      name: 'mine',
    });
    expect(refFromKey('')).toBeUndefined();
  });

  it('replaces the whole matcher, dropping the old revision', () => {
    const vm = makeVm({
      spec: {
        instancetype: {
          kind: 'VirtualMachineClusterInstancetype',
          name: 'u1.medium',
          revisionName: 'r1',
        },
        template: {},
      },
    });
    expect(refOps(vm, 'instancetype', { cluster: true, name: 'u1.medium' })).toEqual([]);
    expect(refOps(vm, 'instancetype', { cluster: true, name: 'u1.large' })).toEqual([
      {
        op: 'test',
        path: '/spec/instancetype',
        value: { kind: 'VirtualMachineClusterInstancetype', name: 'u1.medium', revisionName: 'r1' },
      },
      {
        op: 'replace',
        path: '/spec/instancetype',
        value: { kind: 'VirtualMachineClusterInstancetype', name: 'u1.large' },
      },
    ]);
    expect(refOps(vm, 'preference', { cluster: false, name: 'mine' })).toEqual([
      {
        op: 'add',
        path: '/spec/preference',
        value: { kind: 'VirtualMachinePreference', name: 'mine' },
      },
    ]);
  });

  it('removes the preference when none is chosen', () => {
    const vm = makeVm({ spec: { preference: { name: 'fedora' }, template: {} } });
    expect(refOps(vm, 'preference', undefined)).toEqual([
      { op: 'test', path: '/spec/preference', value: { name: 'fedora' } },
      { op: 'remove', path: '/spec/preference' },
    ]);
  });
});

describe('instance type choices', () => {
  it('groups cluster types by series, smallest first, then the project’s own', () => {
    const groups = groupInstancetypes(
      [
        it_('u1.large', 2, '8Gi'),
        it_('cx1.medium', 1, '2Gi'),
        it_('u1.medium', 1, '4Gi'),
        it_('big', 8, '8Gi'),
      ],
      [it_('mine', 1, '1Gi')],
    );
    expect(
      groups.map((group) => [group.kind, group.series, group.items.map((i) => i.metadata?.name)]),
    ).toEqual([
      ['series', 'cx1', ['cx1.medium']],
      ['series', 'u1', ['u1.medium', 'u1.large']],
      ['other', undefined, ['big']],
      ['namespaced', undefined, ['mine']],
    ]);
  });

  it('labels a choice with its size', () => {
    expect(instancetypeOptionLabel(it_('u1.medium', 1, '4Gi'), t)).toBe('u1.medium: 1 CPU | 4 GiB');
  });
});
