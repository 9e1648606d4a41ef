// Series read from the API objects, as virt-controller (kubevirt_vm_info, kubevirt_vmi_info,
// kubevirt_vmi_non_evictable) and kube-state-metrics (kube_node_status_allocatable) report
// them. KubeVirt's alert rules join on these.
import { VMS } from '../controllers/vmController';
import { quantityValue } from '../../common/quantity';
import { NODES, VMIS } from '../controllers/vmiController';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { family, type Sample } from './exposition';

const NONE = '<none>';

/** virt-controller's status groups of a VM's printableStatus (`vmstats_collector.go`). */
export const STATUS_GROUPS: Record<string, string[]> = {
  starting: ['Provisioning', 'Starting', 'WaitingForVolumeBinding'],
  running: ['Running'],
  migrating: ['Migrating'],
  non_running: ['Stopped', 'Paused', 'Stopping', 'Terminating'],
  error: [
    'CrashLoopBackOff',
    'Unknown',
    'ErrorUnschedulable',
    'ErrImagePull',
    'ImagePullBackOff',
    'ErrorPvcNotFound',
    'DataVolumeError',
  ],
};

export const statusGroup = (status: string): string | undefined =>
  Object.entries(STATUS_GROUPS).find(([, members]) => members.includes(status))?.[0];

/** os, workload and flavor from the `vm.kubevirt.io/…` annotations the templates set. */
const systemInfo = (annotations: Record<string, string> | undefined) => ({
  os: annotations?.['vm.kubevirt.io/os'] ?? NONE,
  workload: annotations?.['vm.kubevirt.io/workload'] ?? NONE,
  flavor: annotations?.['vm.kubevirt.io/flavor'] ?? NONE,
});

const vmInfo = (vm: KubeObject): Sample => {
  const spec = (vm.spec ?? {}) as {
    instancetype?: { name?: string };
    preference?: { name?: string };
    template?: {
      metadata?: { annotations?: Record<string, string> };
      spec?: { domain?: { machine?: { type?: string } } };
    };
  };
  const status = (vm.status as { printableStatus?: string } | undefined)?.printableStatus ?? '';
  return {
    labels: {
      name: vm.metadata.name ?? '',
      namespace: vm.metadata.namespace ?? '',
      ...systemInfo(spec.template?.metadata?.annotations),
      machine_type: spec.template?.spec?.domain?.machine?.type ?? NONE,
      instance_type: spec.instancetype?.name ?? NONE,
      preference: spec.preference?.name ?? NONE,
      status: status.toLowerCase(),
      status_group: statusGroup(status) ?? '<unknown>',
    },
    value: 1,
  };
};

const vmiInfo = (vmi: KubeObject): Sample => {
  const annotations = vmi.metadata.annotations;
  const status = (vmi.status ?? {}) as {
    nodeName?: string;
    phase?: string;
    guestOSInfo?: { kernelRelease?: string; machine?: string; name?: string; versionId?: string };
  };
  const guest = status.guestOSInfo ?? {};
  return {
    labels: {
      node: status.nodeName ?? '',
      namespace: vmi.metadata.namespace ?? '',
      name: vmi.metadata.name ?? '',
      phase: (status.phase ?? '').toLowerCase(),
      ...systemInfo(annotations),
      instance_type:
        annotations?.['kubevirt.io/instancetype-name'] ??
        annotations?.['kubevirt.io/cluster-instancetype-name'] ??
        NONE,
      preference:
        annotations?.['kubevirt.io/preference-name'] ??
        annotations?.['kubevirt.io/cluster-preference-name'] ??
        NONE,
      guest_os_kernel_release: guest.kernelRelease ?? '',
      guest_os_machine: guest.machine ?? '',
      guest_os_name: guest.name ?? '',
      guest_os_version_id: guest.versionId ?? '',
    },
    value: 1,
  };
};

/**
 * 1 when the VMI's eviction strategy is LiveMigrate (its own, else the cluster's) but it is
 * not live-migratable, as virt-controller reports it; an unset condition counts as not.
 */
const nonEvictable = (vmi: KubeObject, clusterStrategy: string | undefined): Sample => {
  const strategy =
    (vmi.spec as { evictionStrategy?: string } | undefined)?.evictionStrategy ?? clusterStrategy;
  const conditions =
    (vmi.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ??
    [];
  const migratable = conditions.find((c) => c.type === 'LiveMigratable');
  return {
    labels: {
      node: (vmi.status as { nodeName?: string } | undefined)?.nodeName ?? '',
      namespace: vmi.metadata.namespace ?? '',
      name: vmi.metadata.name ?? '',
    },
    value: strategy === 'LiveMigrate' && migratable?.status !== 'True' ? 1 : 0,
  };
};

/** The cluster-wide eviction strategy: the KubeVirt CR's, which the HyperConverged sets. */
const clusterEvictionStrategy = (store: ObjectStore): string | undefined => {
  const kubevirt = store.list('kubevirt.io/kubevirts')[0];
  const hco = store.list('hco.kubevirt.io/hyperconvergeds')[0];
  return (
    (kubevirt?.spec as { configuration?: { evictionStrategy?: string } } | undefined)?.configuration
      ?.evictionStrategy ??
    (hco?.spec as { evictionStrategy?: string } | undefined)?.evictionStrategy
  );
};

/** kube-state-metrics' unit of a resource. */
const unitOf = (resource: string) =>
  resource === 'cpu' ? 'core' : /memory|storage|^hugepages-/.test(resource) ? 'byte' : 'integer';

const allocatable = (node: KubeObject): Sample[] =>
  Object.entries(
    (node.status as { allocatable?: Record<string, unknown> } | undefined)?.allocatable ?? {},
  ).flatMap(([resource, quantity]) => {
    const value = quantityValue(quantity);
    if (value === undefined) return [];
    return [
      {
        labels: {
          node: node.metadata.name ?? '',
          resource: resource.replace(/[^a-zA-Z0-9_]/g, '_'),
          unit: unitOf(resource),
        },
        value,
      },
    ];
  });

export const stateMetrics = (store: ObjectStore): string[] => {
  const vmis = store.list(VMIS);
  const strategy = clusterEvictionStrategy(store);
  return [
    ...family('kubevirt_vm_info', 'gauge', 'Information about Virtual Machines.', [
      ...store.list(VMS).map(vmInfo),
    ]),
    ...family(
      'kubevirt_vmi_info',
      'gauge',
      'Information about VirtualMachineInstances.',
      vmis.map(vmiInfo),
    ),
    ...family(
      'kubevirt_vmi_non_evictable',
      'gauge',
      'Indication for a VirtualMachine that its eviction strategy is set to Live Migration but is not migratable.',
      vmis.map((vmi) => nonEvictable(vmi, strategy)),
    ),
    ...family(
      'kube_node_status_allocatable',
      'gauge',
      'The allocatable for different resources of a node that are available for scheduling.',
      store.list(NODES).flatMap(allocatable),
    ),
  ];
};
