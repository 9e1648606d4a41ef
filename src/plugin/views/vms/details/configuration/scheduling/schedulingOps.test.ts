import { describe, expect, it } from 'vitest';
import { makeVm } from '../../testSupport';
import {
  affinityOps,
  dedicatedOps,
  deschedulerOf,
  deschedulerOps,
  evictionOps,
  nodeSelectorOps,
  tolerationsOps,
} from './schedulingOps';

const SPEC = '/spec/template/spec';

describe('scheduling ops', () => {
  it('sets and removes the node selector', () => {
    const vm = makeVm();
    expect(nodeSelectorOps(vm, { zone: 'a' })).toEqual([
      { op: 'add', path: `${SPEC}/nodeSelector`, value: { zone: 'a' } },
    ]);
    const spec = vm.spec?.template?.spec;
    if (spec) spec.nodeSelector = { zone: 'a' };
    expect(nodeSelectorOps(vm, {})).toEqual([
      { op: 'test', path: `${SPEC}/nodeSelector`, value: { zone: 'a' } },
      { op: 'remove', path: `${SPEC}/nodeSelector` },
    ]);
  });

  it('replaces tolerations and affinity whole', () => {
    const vm = makeVm();
    expect(tolerationsOps(vm, [{ operator: 'Exists' }])).toEqual([
      { op: 'add', path: `${SPEC}/tolerations`, value: [{ operator: 'Exists' }] },
    ]);
    expect(tolerationsOps(vm, [])).toEqual([]);
    expect(affinityOps(vm, undefined)).toEqual([]);
  });

  it('sets dedicated CPUs, and removes the field when turned off', () => {
    const vm = makeVm();
    expect(dedicatedOps(vm, true)).toEqual([
      { op: 'add', path: `${SPEC}/domain/cpu/dedicatedCpuPlacement`, value: true },
    ]);
    const cpu = vm.spec?.template?.spec?.domain?.cpu;
    if (cpu) cpu.dedicatedCpuPlacement = true;
    expect(dedicatedOps(vm, false)).toEqual([
      { op: 'test', path: `${SPEC}/domain/cpu/dedicatedCpuPlacement`, value: true },
      { op: 'remove', path: `${SPEC}/domain/cpu/dedicatedCpuPlacement` },
    ]);
  });

  it('sets the eviction strategy; unset is the cluster default', () => {
    const vm = makeVm();
    expect(evictionOps(vm, 'LiveMigrateIfPossible')).toEqual([
      { op: 'add', path: `${SPEC}/evictionStrategy`, value: 'LiveMigrateIfPossible' },
    ]);
    expect(evictionOps(vm, undefined)).toEqual([]);
  });

  it('opts in to the descheduler with the template annotation, escaping its "/"', () => {
    const vm = makeVm();
    expect(deschedulerOps(vm, true)).toEqual([
      {
        op: 'add',
        path: '/spec/template/metadata/annotations',
        value: { 'descheduler.alpha.kubernetes.io/evict': 'true' },
      },
    ]);
    const metadata = vm.spec?.template?.metadata;
    if (metadata) metadata.annotations = { 'descheduler.alpha.kubernetes.io/evict': 'true' };
    expect(deschedulerOf(vm)).toBe(true);
    expect(deschedulerOps(vm, false)).toEqual([
      {
        op: 'test',
        path: '/spec/template/metadata/annotations/descheduler.alpha.kubernetes.io~1evict',
        value: 'true',
      },
      {
        op: 'remove',
        path: '/spec/template/metadata/annotations/descheduler.alpha.kubernetes.io~1evict',
      },
    ]);
  });
});
