import { describe, expect, it } from 'vitest';
import type { VirtualMachine } from '../../../api/types';
import { vmDemand } from './vmDemand';

const vm = (spec: Partial<NonNullable<VirtualMachine['spec']>>): VirtualMachine => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: 'vm', namespace: 'dev' },
  spec: { template: { spec: { domain: { devices: {} } } }, ...spec },
});

describe('vmDemand', () => {
  it('takes CPU and memory from the instance type, a tenth of a core per vCPU', () => {
    const demand = vmDemand(
      {
        vm: vm({
          runStrategy: 'Always',
          dataVolumeTemplates: [
            {
              metadata: { name: 'root' },
              spec: { storage: { resources: { requests: { storage: '30Gi' } } } },
            },
          ],
        }),
        prerequisites: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'key' } }],
      },
      { cpu: 4, memory: '16Gi' },
    );
    expect(demand).toEqual({
      cpu: 0.4,
      memory: 16 * 2 ** 30,
      claims: [{ storageClass: undefined, bytes: 30 * 2 ** 30 }],
      counts: {
        'count/virtualmachines.kubevirt.io': 1,
        'count/virtualmachineinstances.kubevirt.io': 1,
        'count/datavolumes.cdi.kubevirt.io': 1,
        persistentvolumeclaims: 1,
        pods: 1,
        secrets: 1,
      },
    });
  });

  it('reads the domain of a template VM, and asks no pod while the VM is not started', () => {
    const demand = vmDemand({
      vm: vm({
        runStrategy: 'Halted',
        template: {
          spec: {
            domain: { cpu: { cores: 2, sockets: 2 }, memory: { guest: '2Gi' }, devices: {} },
          },
        },
      }),
      prerequisites: [],
    });
    expect(demand.cpu).toBe(0);
    expect(demand.memory).toBe(0);
    expect(demand.counts.pods).toBeUndefined();
    const started = vmDemand({
      vm: vm({
        running: true,
        template: {
          spec: {
            domain: { cpu: { cores: 2, sockets: 2 }, memory: { guest: '2Gi' }, devices: {} },
          },
        },
      }),
      prerequisites: [],
    });
    expect(started.cpu).toBe(0.4);
    expect(started.memory).toBe(2 * 2 ** 30);
  });
});
