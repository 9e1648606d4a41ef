import { VMS } from './controllers/vmController';
import { VMIS } from './controllers/vmiController';
import type { ObjectStore } from './store/objectStore';
import type { KubeObject } from './types';
import { quantityBytes } from './volumes';

/** Live figures of one guest, where the runtime has a real process to read them from. */
export interface GuestStats {
  cpuSeconds: number;
  /** Time the vCPU threads waited to run on a host CPU (schedstat), where known. */
  vcpuWaitSeconds?: number;
  rssBytes: number;
  block?: {
    readBytes: number;
    writeBytes: number;
    readOps: number;
    writeOps: number;
    readSeconds: number;
    writeSeconds: number;
  }[];
  net?: { rxBytes: number; txBytes: number };
  migration?: { processedBytes: number; remainingBytes: number; bytesPerSecond: number };
}

export interface StatsSource {
  stats?(key: string): GuestStats | undefined;
}

const STATUS_GROUPS: Record<string, string[]> = {
  running: ['Running', 'Paused'],
  non_running: ['Stopped', 'Stopping', 'Terminating', 'Unknown'],
  starting: ['Starting', 'Provisioning', 'WaitingForVolumeBinding'],
  migrating: ['Migrating'],
  error: [
    'ErrorUnschedulable',
    'ErrorPvcNotFound',
    'DataVolumeError',
    'CrashLoopBackOff',
    'ErrImagePull',
    'ImagePullBackOff',
  ],
};

const escape = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (pairs: Record<string, string>) =>
  `{${Object.entries(pairs)
    .map(([k, v]) => `${k}="${escape(v)}"`)
    .join(',')}}`;

const mib = (value: unknown): number | undefined => {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti)?$/.exec(String(value ?? ''));
  if (!match) return undefined;
  return (
    Number(match[1]) *
    ({ Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 }[match[2] ?? ''] ?? 1)
  );
};

/**
 * The `kubevirt_*` series Prometheus scrapes from `/metrics`: phase counts and VM status
 * transition times from the API state, and per-guest CPU, memory, storage, network and
 * migration figures from the runtime when it runs real processes (nothing is invented).
 */
export class KubevirtMetrics {
  /** VM key → status group → when the VM last entered it (seconds). */
  private readonly transitions = new Map<string, Map<string, number>>();
  private readonly lastStatus = new Map<string, string>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly source: StatsSource,
  ) {
    this.unsubscribe = store.subscribe(VMS, (event) =>
      this.observe(event.object, event.type === 'DELETED'),
    );
    for (const vm of store.list(VMS)) this.observe(vm, false);
  }

  stop() {
    this.unsubscribe();
  }

  private observe(vm: KubeObject, deleted: boolean) {
    const key = `${vm.metadata.namespace}/${vm.metadata.name}`;
    if (deleted) {
      this.transitions.delete(key);
      this.lastStatus.delete(key);
      return;
    }
    const status = (vm.status as { printableStatus?: string } | undefined)?.printableStatus;
    if (!status || this.lastStatus.get(key) === status) return;
    this.lastStatus.set(key, status);
    const group = Object.entries(STATUS_GROUPS).find(([, members]) =>
      members.includes(status),
    )?.[0];
    if (!group) return;
    let byGroup = this.transitions.get(key);
    if (!byGroup) this.transitions.set(key, (byGroup = new Map()));
    byGroup.set(group, Date.now() / 1000);
  }

  render(): string {
    const out: string[] = [];
    const family = (name: string, type: 'gauge' | 'counter', help: string) =>
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    const vmis = this.store.list(VMIS);

    family('kubevirt_vmi_phase_count', 'gauge', 'Sum of VMIs per phase and node.');
    const counts = new Map<string, number>();
    for (const vmi of vmis) {
      const status = (vmi.status ?? {}) as { phase?: string; nodeName?: string };
      const key = labels({
        node: status.nodeName ?? '',
        phase: (status.phase ?? 'pending').toLowerCase(),
        os: vmi.metadata.labels?.['kubevirt.io/os'] ?? '<none>',
      });
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, count] of counts) out.push(`kubevirt_vmi_phase_count${key} ${count}`);

    family(
      'kubevirt_vmi_memory_domain_bytes',
      'gauge',
      'The amount of memory in bytes allocated to the domain.',
    );
    for (const vmi of vmis) {
      const bytes = mib(
        (vmi.spec as { domain?: { memory?: { guest?: unknown } } } | undefined)?.domain?.memory
          ?.guest,
      );
      if (bytes !== undefined)
        out.push(`kubevirt_vmi_memory_domain_bytes${this.vmiLabels(vmi)} ${bytes}`);
    }

    const stats = vmis.flatMap((vmi) => {
      const figures = this.source.stats?.(`${vmi.metadata.namespace}/${vmi.metadata.name}`);
      return figures ? [{ vmi, figures }] : [];
    });
    const series = (
      name: string,
      type: 'gauge' | 'counter',
      help: string,
      pick: (s: GuestStats) => number | undefined,
    ) => {
      const lines = stats.flatMap(({ vmi, figures }) => {
        const value = pick(figures);
        return value === undefined ? [] : [`${name}${this.vmiLabels(vmi)} ${value}`];
      });
      if (!lines.length) return;
      family(name, type, help);
      out.push(...lines);
    };
    series(
      'kubevirt_vmi_cpu_usage_seconds_total',
      'counter',
      'Total CPU time spent in all modes (sum of both vcpu and hypervisor usage).',
      (s) => s.cpuSeconds,
    );
    series(
      'kubevirt_vmi_vcpu_wait_seconds_total',
      'counter',
      'Amount of time spent by each vcpu while waiting on I/O or a host CPU.',
      (s) => s.vcpuWaitSeconds,
    );
    series(
      'kubevirt_vmi_memory_used_bytes',
      'gauge',
      'Amount of used memory as seen by the domain.',
      (s) => s.rssBytes,
    );
    series(
      'kubevirt_vmi_storage_read_traffic_bytes_total',
      'counter',
      'Total number of bytes read from storage.',
      (s) => s.block?.reduce((t, b) => t + b.readBytes, 0),
    );
    series(
      'kubevirt_vmi_storage_write_traffic_bytes_total',
      'counter',
      'Total number of written bytes.',
      (s) => s.block?.reduce((t, b) => t + b.writeBytes, 0),
    );
    series(
      'kubevirt_vmi_storage_iops_read_total',
      'counter',
      'Total number of I/O read operations.',
      (s) => s.block?.reduce((t, b) => t + b.readOps, 0),
    );
    series(
      'kubevirt_vmi_storage_iops_write_total',
      'counter',
      'Total number of I/O write operations.',
      (s) => s.block?.reduce((t, b) => t + b.writeOps, 0),
    );
    series(
      'kubevirt_vmi_storage_read_times_seconds_total',
      'counter',
      'Total time spent on read operations.',
      (s) => s.block?.reduce((t, b) => t + b.readSeconds, 0),
    );
    series(
      'kubevirt_vmi_storage_write_times_seconds_total',
      'counter',
      'Total time spent on write operations.',
      (s) => s.block?.reduce((t, b) => t + b.writeSeconds, 0),
    );
    series(
      'kubevirt_vmi_network_receive_bytes_total',
      'counter',
      'Total network traffic received in bytes.',
      (s) => s.net?.rxBytes,
    );
    series(
      'kubevirt_vmi_network_transmit_bytes_total',
      'counter',
      'Total network traffic transmitted in bytes.',
      (s) => s.net?.txBytes,
    );
    series(
      'kubevirt_vmi_migration_data_processed_bytes',
      'gauge',
      'The total Guest OS data processed and migrated to the new VM.',
      (s) => s.migration?.processedBytes,
    );
    series(
      'kubevirt_vmi_migration_data_remaining_bytes',
      'gauge',
      'The remaining guest OS data to be migrated to the new VM.',
      (s) => s.migration?.remainingBytes,
    );
    series(
      'kubevirt_vmi_migration_memory_transfer_rate_bytes',
      'gauge',
      'The rate at which the memory is being transferred.',
      (s) => s.migration?.bytesPerSecond,
    );

    for (const group of Object.keys(STATUS_GROUPS)) {
      const name = `kubevirt_vm_${group}_status_last_transition_timestamp_seconds`;
      family(
        name,
        'counter',
        `Virtual Machine last transition timestamp to ${group.replace('_', ' ')} status.`,
      );
      for (const [key, byGroup] of this.transitions) {
        const at = byGroup.get(group);
        if (at === undefined) continue;
        const [namespace = '', vmName = ''] = key.split('/');
        out.push(`${name}${labels({ name: vmName, namespace })} ${at.toFixed(3)}`);
      }
    }
    out.push(...this.restoredFromSource());
    return `${out.join('\n')}\n`;
  }

  /**
   * KubeVirt's recording rules over the claims restores create (labelled with their source VM):
   * how many disks, and how many requested bytes, were restored from each VM. Derived from the
   * stored claims, so they survive restarts.
   */
  private restoredFromSource(): string[] {
    const disks = new Map<string, { count: number; bytes: number }>();
    for (const claim of this.store.list('core/persistentvolumeclaims')) {
      const vmName = claim.metadata.labels?.['restore.kubevirt.io/source-vm-name'];
      const vmNamespace = claim.metadata.labels?.['restore.kubevirt.io/source-vm-namespace'];
      if (!vmName || !vmNamespace) continue;
      const key = labels({ vm_name: vmName, vm_namespace: vmNamespace });
      const entry = disks.get(key) ?? { count: 0, bytes: 0 };
      entry.count += 1;
      const request = (claim.spec as { resources?: { requests?: { storage?: unknown } } })
        ?.resources?.requests?.storage;
      entry.bytes += quantityBytes(request) ?? 0;
      disks.set(key, entry);
    }
    const name = 'kubevirt_vmsnapshot_disks_restored_from_source';
    return [
      `# HELP ${name} Returns the total number of virtual machine disks restored from the source virtual machine.`,
      `# TYPE ${name} gauge`,
      ...[...disks].map(([key, { count }]) => `${name}${key} ${count}`),
      `# HELP ${name}_bytes Returns the amount of space in bytes restored from the source virtual machine.`,
      `# TYPE ${name}_bytes gauge`,
      ...[...disks].map(([key, { bytes }]) => `${name}_bytes${key} ${bytes}`),
    ];
  }

  private vmiLabels(vmi: KubeObject) {
    return labels({
      name: vmi.metadata.name ?? '',
      namespace: vmi.metadata.namespace ?? '',
      node: (vmi.status as { nodeName?: string } | undefined)?.nodeName ?? '',
    });
  }
}
