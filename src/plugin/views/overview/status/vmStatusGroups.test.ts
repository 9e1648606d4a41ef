import { describe, expect, it } from 'vitest';
import { filteredVmListPath, VM_STATUS_GROUPS } from './vmStatusGroups';

describe('VM_STATUS_GROUPS', () => {
  it('counts each status once at most', () => {
    const all = VM_STATUS_GROUPS.flatMap((group) => group.statuses);
    expect(new Set(all).size).toBe(all.length);
  });

  it('takes the error statuses from the VM list’s own rules', () => {
    const error = VM_STATUS_GROUPS.find((group) => group.id === 'error');
    expect(error?.statuses).toEqual(
      expect.arrayContaining(['ErrorUnschedulable', 'CrashLoopBackOff', 'DataVolumeError']),
    );
    expect(error?.statuses).not.toContain('Running');
  });
});

describe('filteredVmListPath', () => {
  it('writes the list’s own filter parameters', () => {
    expect(filteredVmListPath('dev', { status: ['Running'] })).toBe(
      '/k8s/ns/dev/kubevirt.io~v1~VirtualMachine?status=Running',
    );
    expect(filteredVmListPath(undefined, { status: ['A', 'B'], os: 'fedora' })).toBe(
      '/k8s/all-namespaces/kubevirt.io~v1~VirtualMachine?status=A%2CB&os=fedora',
    );
    expect(filteredVmListPath(undefined, {})).toBe(
      '/k8s/all-namespaces/kubevirt.io~v1~VirtualMachine',
    );
  });
});
