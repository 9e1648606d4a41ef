import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  cpuWithTopology,
  cpuWithVcpus,
  topologyOf,
  usesTopology,
  validateCount,
  vcpuField,
} from './cpuTopology';

const t = i18next.t.bind(i18next);

describe('CPU topology', () => {
  it('puts a vCPU count where the VM keeps it', () => {
    expect(vcpuField({ cores: 2 })).toBe('cores');
    expect(vcpuField({ sockets: 4 })).toBe('sockets');
    expect(vcpuField({ sockets: 1, cores: 1, threads: 1 })).toBe('cores');
    expect(vcpuField({ sockets: 1 })).toBe('sockets');
    expect(vcpuField(undefined)).toBe('cores');
    expect(cpuWithVcpus({ cores: 2, model: 'host-model' }, 4)).toEqual({
      cores: 4,
      model: 'host-model',
    });
    expect(cpuWithVcpus({ sockets: 2, cores: 1, threads: 1 }, 3)).toEqual({
      sockets: 3,
      cores: 1,
      threads: 1,
    });
  });

  it('tells a plain count from a chosen topology', () => {
    expect(usesTopology({ cores: 4 })).toBe(false);
    expect(usesTopology({ sockets: 2, cores: 2 })).toBe(true);
    expect(usesTopology({ cores: 2, threads: 2 })).toBe(true);
    expect(topologyOf({ cores: 2 })).toEqual({ sockets: 1, cores: 2, threads: 1 });
  });

  it('keeps other CPU settings when the topology is set', () => {
    expect(
      cpuWithTopology({ model: 'Conroe', cores: 1 }, { sockets: 2, cores: 2, threads: 1 }),
    ).toEqual({ model: 'Conroe', sockets: 2, cores: 2, threads: 1 });
  });

  it('accepts whole numbers of at least 1', () => {
    expect(validateCount('', t)).toBe('Enter a number.');
    expect(validateCount('0', t)).toBe('Enter a whole number of at least 1.');
    expect(validateCount('1.5', t)).toBe('Enter a whole number of at least 1.');
    expect(validateCount('8', t)).toBeUndefined();
  });
});
