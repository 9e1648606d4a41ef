import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { stateMetrics } from './stateMetrics';

const memoryStore = () =>
  new ObjectStore({ append: async () => undefined }, { objects: new Map(), lastRV: 0 });

const vmi = (name: string, extra: { spec?: object; conditions?: object[] } = {}): KubeObject => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstance',
  metadata: {
    name,
    namespace: 'team-a',
    annotations: {
      'vm.kubevirt.io/os': 'fedora',
      'kubevirt.io/cluster-instancetype-name': 'u1.small',
    },
  },
  spec: extra.spec ?? {},
  status: {
    phase: 'Running',
    nodeName: 'worker-1',
    conditions: extra.conditions ?? [{ type: 'LiveMigratable', status: 'True' }],
    guestOSInfo: { name: 'Embedded Linux (busybox)', kernelRelease: '6.1.0' },
  },
});

const render = async (objects: [string, KubeObject][]) => {
  const store = memoryStore();
  for (const [resource, object] of objects) await store.put(resource, object);
  return stateMetrics(store).join('\n');
};

describe('the state series', () => {
  it('describes each VM with its status and status group', async () => {
    const text = await render([
      [
        'kubevirt.io/virtualmachines',
        {
          apiVersion: 'kubevirt.io/v1',
          kind: 'VirtualMachine',
          metadata: { name: 'web', namespace: 'team-a' },
          spec: {
            instancetype: { name: 'u1.small' },
            template: { metadata: { annotations: { 'vm.kubevirt.io/workload': 'server' } } },
          },
          status: { printableStatus: 'ErrorUnschedulable' },
        },
      ],
    ]);
    expect(text).toContain(
      'kubevirt_vm_info{name="web",namespace="team-a",os="<none>",workload="server",flavor="<none>",machine_type="<none>",instance_type="u1.small",preference="<none>",status="errorunschedulable",status_group="error"} 1',
    );
  });

  it('describes each VMI with its node, phase and guest OS', async () => {
    const text = await render([['kubevirt.io/virtualmachineinstances', vmi('web')]]);
    expect(text).toContain(
      'kubevirt_vmi_info{node="worker-1",namespace="team-a",name="web",phase="running",os="fedora",workload="<none>",flavor="<none>",instance_type="u1.small",preference="<none>",guest_os_kernel_release="6.1.0",guest_os_machine="",guest_os_name="Embedded Linux (busybox)",guest_os_version_id=""} 1',
    );
  });

  it('flags a VMI that should live-migrate on eviction but cannot', async () => {
    const notMigratable = [{ type: 'LiveMigratable', status: 'False' }];
    const text = await render([
      [
        'kubevirt.io/virtualmachineinstances',
        vmi('stuck', { spec: { evictionStrategy: 'LiveMigrate' }, conditions: notMigratable }),
      ],
      [
        'kubevirt.io/virtualmachineinstances',
        vmi('fine', { spec: { evictionStrategy: 'LiveMigrate' } }),
      ],
      ['kubevirt.io/virtualmachineinstances', vmi('none', { conditions: notMigratable })],
    ]);
    const flag = (name: string) =>
      new RegExp(
        `^kubevirt_vmi_non_evictable\\{node="worker-1",namespace="team-a",name="${name}"\\} (\\d)$`,
        'm',
      ).exec(text)?.[1];
    expect(flag('stuck')).toBe('1');
    expect(flag('fine')).toBe('0');
    expect(flag('none')).toBe('0');
  });

  it("takes the cluster's eviction strategy when the VMI has none", async () => {
    const text = await render([
      [
        'kubevirt.io/kubevirts',
        {
          apiVersion: 'kubevirt.io/v1',
          kind: 'KubeVirt',
          metadata: { name: 'kubevirt', namespace: 'openshift-cnv' },
          spec: { configuration: { evictionStrategy: 'LiveMigrate' } },
        },
      ],
      ['kubevirt.io/virtualmachineinstances', vmi('web', { conditions: [] })],
    ]);
    expect(text).toMatch(/^kubevirt_vmi_non_evictable\{[^}]*name="web"\} 1$/m);
  });

  it("reports each node's allocatable resources as kube-state-metrics does", async () => {
    const text = await render([
      [
        'core/nodes',
        {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: 'worker-0' },
          status: {
            allocatable: { cpu: '7500m', memory: '31Gi', 'devices.kubevirt.io/kvm': '1k' },
          },
        },
      ],
    ]);
    expect(text).toContain(
      'kube_node_status_allocatable{node="worker-0",resource="cpu",unit="core"} 7.5',
    );
    expect(text).toContain(
      `kube_node_status_allocatable{node="worker-0",resource="memory",unit="byte"} ${31 * 2 ** 30}`,
    );
    expect(text).toContain(
      'kube_node_status_allocatable{node="worker-0",resource="devices_kubevirt_io_kvm",unit="integer"} 1000',
    );
  });
});
