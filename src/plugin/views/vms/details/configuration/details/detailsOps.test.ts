import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { makeVm } from '../../testSupport';
import {
  cpuMemoryOps,
  descriptionOps,
  hostnameOps,
  memoryOf,
  validateHostname,
} from './detailsOps';

const t = i18next.t.bind(i18next);

describe('description', () => {
  it('adds the annotation, and removes it when emptied', () => {
    const vm = makeVm();
    expect(descriptionOps(vm, 'web server')).toEqual([
      { op: 'add', path: '/metadata/annotations', value: { description: 'web server' } },
    ]);
    const described = makeVm({
      metadata: { ...vm.metadata, annotations: { description: 'old', other: 'x' } },
    });
    expect(descriptionOps(described, '  ')).toEqual([
      { op: 'test', path: '/metadata/annotations/description', value: 'old' },
      { op: 'remove', path: '/metadata/annotations/description' },
    ]);
  });
});

describe('hostname', () => {
  it('sets it, and removes it when emptied', () => {
    const vm = makeVm();
    expect(hostnameOps(vm, 'web-1')).toEqual([
      { op: 'add', path: '/spec/template/spec/hostname', value: 'web-1' },
    ]);
    vm.spec!.template!.spec!.hostname = 'web-1';
    expect(hostnameOps(vm, '')).toEqual([
      { op: 'test', path: '/spec/template/spec/hostname', value: 'web-1' },
      { op: 'remove', path: '/spec/template/spec/hostname' },
    ]);
  });

  it('must be a DNS-1123 label of at most 63 characters', () => {
    expect(validateHostname('', t)).toBeUndefined();
    expect(validateHostname('web-1', t)).toBeUndefined();
    expect(validateHostname('Web_1', t)).toMatch(/lowercase letters/);
    expect(validateHostname('-web', t)).toMatch(/lowercase letters/);
    expect(validateHostname('a'.repeat(64), t)).toBe('A hostname must be at most 63 characters.');
    expect(validateHostname('a'.repeat(63), t)).toBeUndefined();
  });
});

describe('CPU and memory', () => {
  it('replaces the cpu object and memory.guest', () => {
    const vm = makeVm();
    expect(cpuMemoryOps(vm, { cores: 4 }, '8Gi')).toEqual([
      { op: 'test', path: '/spec/template/spec/domain/cpu', value: { cores: 2 } },
      { op: 'replace', path: '/spec/template/spec/domain/cpu', value: { cores: 4 } },
      { op: 'test', path: '/spec/template/spec/domain/memory/guest', value: '2Gi' },
      { op: 'replace', path: '/spec/template/spec/domain/memory/guest', value: '8Gi' },
    ]);
  });

  it('keeps memory in resources.requests when that is all the VM sets', () => {
    const vm = makeVm();
    const domain = vm.spec!.template!.spec!.domain;
    delete domain.memory;
    domain.resources = { requests: { memory: '1Gi' } };
    expect(memoryOf(vm)).toBe('1Gi');
    expect(cpuMemoryOps(vm, { cores: 2 }, '2Gi')).toEqual([
      { op: 'test', path: '/spec/template/spec/domain/resources/requests/memory', value: '1Gi' },
      { op: 'replace', path: '/spec/template/spec/domain/resources/requests/memory', value: '2Gi' },
    ]);
  });

  it('adds cpu in one op to a VM without one', () => {
    const vm = makeVm();
    delete vm.spec!.template!.spec!.domain.cpu;
    expect(cpuMemoryOps(vm, { sockets: 2, cores: 2, threads: 1 }, '2Gi')).toEqual([
      {
        op: 'add',
        path: '/spec/template/spec/domain/cpu',
        value: { sockets: 2, cores: 2, threads: 1 },
      },
    ]);
  });
});
