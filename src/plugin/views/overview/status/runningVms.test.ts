import { describe, expect, it } from 'vitest';
import type { VmSummary } from '../../../api/vmIndex';
import { osOf, rankBy, templateOf } from './runningVms';

const vm = (name: string, labels: Record<string, string>, os?: string): VmSummary => ({
  namespace: 'ns',
  name,
  standalone: false,
  status: 'Running',
  ips: [],
  labels,
  conditions: [],
  os,
});

const VMS = [
  vm('a', { 'vm.kubevirt.io/template': 'fedora-server-small' }, 'Fedora Linux 40'),
  vm('b', { 'vm.kubevirt.io/template': 'fedora-server-small' }, 'fedora'),
  vm('c', { 'vm.kubevirt.io/template': 'rhel9-server-small' }, 'fedora'),
  vm('d', { 'vm.kubevirt.io/template': '' }),
  vm('e', {}, 'windows'),
];

describe('rankBy', () => {
  it('ranks templates, most first, VMs without one under ""', () => {
    expect(rankBy(VMS, templateOf).ranked).toEqual([
      { key: '', count: 2 },
      { key: 'fedora-server-small', count: 2 },
      { key: 'rhel9-server-small', count: 1 },
    ]);
  });

  it('ranks the guest OS and counts what the limit leaves out', () => {
    expect(rankBy(VMS, osOf, 2)).toEqual({
      ranked: [
        { key: 'fedora', count: 2 },
        { key: '', count: 1 },
      ],
      rest: 2,
    });
  });
});
