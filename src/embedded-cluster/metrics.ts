import { VMS } from './controllers/vmController';
import { VMIS } from './controllers/vmiController';
import { family, labelSet, type MetricType, type Sample } from './monitoring/exposition';
import type { GuestMemory } from './monitoring/guestMemory';
import { migrationMetrics } from './monitoring/migrationMetrics';
import type { MigrationProgress } from './monitoring/migrationProgress';
import type { NicCounters } from './monitoring/nicTraffic';
import { STATUS_GROUPS, stateMetrics, statusGroup } from './monitoring/stateMetrics';
import type { ObjectStore } from './store/objectStore';
import type { KubeObject } from './types';
import { quantityBytes } from './volumes';

/** One disk's I/O since the guest started, under its name in the VMI (KubeVirt's `drive`). */
export interface DriveStats {
  drive: string;
  readBytes: number;
  writeBytes: number;
  readOps: number;
  writeOps: number;
  readSeconds: number;
  writeSeconds: number;
  flushOps?: number;
  flushSeconds?: number;
}

/** Live figures of one guest, where the runtime has a real process to read them from. */
export interface GuestStats {
  cpuSeconds: number;
  /** Time the vCPU threads waited to run on a host CPU (schedstat), where known. */
  vcpuWaitSeconds?: number;
  /** Resident set size of the process running the guest. */
  rssBytes: number;
  /** The guest's own view of its memory (virtio-balloon statistics), when its driver sends them. */
  guestMemory?: GuestMemory;
  /**
   * The guest may still send its first balloon statistics: memory used is left out for now
   * rather than shown as the process's RSS (its fallback when the guest never sends any).
   */
  guestMemoryPending?: boolean;
  block?: DriveStats[];
  /** Per interface, under its name in the VMI (KubeVirt's `interface`). */
  net?: ({ interface: string } & NicCounters)[];
  /** While a live migration moves the guest. */
  migration?: MigrationProgress;
}

export interface StatsSource {
  stats?(key: string): GuestStats | undefined;
}

const mib = (value: unknown): number | undefined => {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti)?$/.exec(String(value ?? ''));
  if (!match) return undefined;
  return (
    Number(match[1]) *
    ({ Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 }[match[2] ?? ''] ?? 1)
  );
};

/**
 * Memory used as KubeVirt reports it: the guest's view (available − unused, from the balloon
 * statistics); without them, the RSS of the process running the guest.
 */
export const memoryUsedBytes = (stats: GuestStats): number | undefined => {
  if (stats.guestMemory) return stats.guestMemory.totalBytes - stats.guestMemory.freeBytes;
  return stats.guestMemoryPending ? undefined : stats.rssBytes;
};

/**
 * The `kubevirt_*` series Prometheus scrapes from `/metrics`: phase counts, VM status
 * transition times, VM/VMI information and migrations from the API state, and per-guest CPU,
 * memory, storage (per drive), network (per interface) and migration figures from the runtime
 * when it runs real processes (nothing is invented).
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
    const group = statusGroup(status);
    if (!group) return;
    let byGroup = this.transitions.get(key);
    if (!byGroup) this.transitions.set(key, (byGroup = new Map()));
    byGroup.set(group, Date.now() / 1000);
  }

  render(): string {
    const vmis = this.store.list(VMIS);
    const out: string[] = [];

    const counts = new Map<string, { labels: Record<string, string>; value: number }>();
    for (const vmi of vmis) {
      const status = (vmi.status ?? {}) as { phase?: string; nodeName?: string };
      const labels = {
        node: status.nodeName ?? '',
        phase: (status.phase ?? 'pending').toLowerCase(),
        os: vmi.metadata.labels?.['kubevirt.io/os'] ?? '<none>',
      };
      const key = labelSet(labels);
      const entry = counts.get(key) ?? { labels, value: 0 };
      entry.value += 1;
      counts.set(key, entry);
    }
    out.push(
      ...family(
        'kubevirt_vmi_phase_count',
        'gauge',
        'Sum of VMIs per phase and node.',
        [...counts.values()],
        { always: true },
      ),
    );

    out.push(
      ...family(
        'kubevirt_vmi_memory_domain_bytes',
        'gauge',
        'The amount of memory in bytes allocated to the domain.',
        vmis.flatMap((vmi) => {
          const bytes = mib(
            (vmi.spec as { domain?: { memory?: { guest?: unknown } } } | undefined)?.domain?.memory
              ?.guest,
          );
          return bytes === undefined ? [] : [{ labels: this.vmiLabels(vmi), value: bytes }];
        }),
        { always: true },
      ),
    );

    out.push(...this.guestSeries(vmis));

    for (const group of Object.keys(STATUS_GROUPS)) {
      const samples: Sample[] = [];
      for (const [key, byGroup] of this.transitions) {
        const at = byGroup.get(group);
        if (at === undefined) continue;
        const [namespace = '', name = ''] = key.split('/');
        samples.push({ labels: { name, namespace }, value: at.toFixed(3) });
      }
      out.push(
        ...family(
          `kubevirt_vm_${group}_status_last_transition_timestamp_seconds`,
          'counter',
          `Virtual Machine last transition timestamp to ${group.replace('_', ' ')} status.`,
          samples,
          { always: true },
        ),
      );
    }
    out.push(...migrationMetrics(this.store), ...stateMetrics(this.store));
    out.push(...this.restoredFromSource());
    return `${out.join('\n')}\n`;
  }

  /** The series read from the guests' processes, per VMI (and per drive and interface). */
  private guestSeries(vmis: KubeObject[]): string[] {
    const guests = vmis.flatMap((vmi) => {
      const stats = this.source.stats?.(`${vmi.metadata.namespace}/${vmi.metadata.name}`);
      return stats ? [{ labels: this.vmiLabels(vmi), stats }] : [];
    });
    const out: string[] = [];
    const perVmi = (
      name: string,
      type: MetricType,
      help: string,
      pick: (s: GuestStats) => number | undefined,
    ) =>
      out.push(
        ...family(
          name,
          type,
          help,
          guests.flatMap(({ labels, stats }) => {
            const value = pick(stats);
            return value === undefined ? [] : [{ labels, value }];
          }),
        ),
      );
    const perDrive = (name: string, help: string, pick: (d: DriveStats) => number | undefined) =>
      out.push(
        ...family(
          name,
          'counter',
          help,
          guests.flatMap(({ labels, stats }) =>
            (stats.block ?? []).flatMap((drive) => {
              const value = pick(drive);
              return value === undefined
                ? []
                : [{ labels: { ...labels, drive: drive.drive }, value }];
            }),
          ),
        ),
      );
    const perInterface = (name: string, help: string, pick: (n: NicCounters) => number) =>
      out.push(
        ...family(
          name,
          'counter',
          help,
          guests.flatMap(({ labels, stats }) =>
            (stats.net ?? []).map((nic) => ({
              labels: { ...labels, interface: nic.interface },
              value: pick(nic),
            })),
          ),
        ),
      );
    const memory = (pick: (m: GuestMemory) => number | undefined) => (s: GuestStats) =>
      s.guestMemory ? pick(s.guestMemory) : undefined;

    perVmi(
      'kubevirt_vmi_cpu_usage_seconds_total',
      'counter',
      'Total CPU time spent in all modes (sum of both vcpu and hypervisor usage).',
      (s) => s.cpuSeconds,
    );
    perVmi(
      'kubevirt_vmi_vcpu_wait_seconds_total',
      'counter',
      'Amount of time spent by each vcpu while waiting on I/O or a host CPU.',
      (s) => s.vcpuWaitSeconds,
    );
    perVmi(
      'kubevirt_vmi_memory_used_bytes',
      'gauge',
      'Amount of used memory as seen by the domain.',
      memoryUsedBytes,
    );
    perVmi(
      'kubevirt_vmi_memory_resident_bytes',
      'gauge',
      'Resident set size of the process running the domain.',
      (s) => s.rssBytes,
    );
    perVmi(
      'kubevirt_vmi_memory_available_bytes',
      'gauge',
      'Amount of usable memory as seen by the domain. This value may not be accurate if a balloon driver is in use or if the guest OS does not initialize all assigned pages',
      memory((m) => m.totalBytes),
    );
    perVmi(
      'kubevirt_vmi_memory_unused_bytes',
      'gauge',
      'The amount of memory left completely unused by the system. Memory that is available but used for reclaimable caches should NOT be reported as free.',
      memory((m) => m.freeBytes),
    );
    perVmi(
      'kubevirt_vmi_memory_usable_bytes',
      'gauge',
      "The amount of memory which can be reclaimed by balloon without pushing the guest system to swap, corresponds to 'Available' in /proc/meminfo.",
      memory((m) => m.usableBytes),
    );
    perVmi(
      'kubevirt_vmi_memory_cached_bytes',
      'gauge',
      'The amount of memory that is being used to cache I/O and is available to be reclaimed, corresponds to the sum of `Buffers` + `Cached` + `SwapCached` in `/proc/meminfo`.',
      memory((m) => m.cachedBytes),
    );
    perVmi(
      'kubevirt_vmi_memory_swap_in_traffic_bytes',
      'gauge',
      'The total amount of data read from swap space of the guest in bytes.',
      memory((m) => m.swapInBytes),
    );
    perVmi(
      'kubevirt_vmi_memory_swap_out_traffic_bytes',
      'gauge',
      'The total amount of memory written out to swap space of the guest in bytes.',
      memory((m) => m.swapOutBytes),
    );
    perVmi(
      'kubevirt_vmi_memory_pgmajfault_total',
      'counter',
      'The number of page faults when disk IO was required. Page faults occur when a process makes a valid access to virtual memory that is not available. When servicing the page fault, if disk IO is required, it is considered as major fault.',
      memory((m) => m.majorFaults),
    );
    perVmi(
      'kubevirt_vmi_memory_pgminfault_total',
      'counter',
      'The number of other page faults, when disk IO was not required. Page faults occur when a process makes a valid access to virtual memory that is not available. When servicing the page fault, if disk IO is NOT required, it is considered as minor fault.',
      memory((m) => m.minorFaults),
    );
    perDrive(
      'kubevirt_vmi_storage_read_traffic_bytes_total',
      'Total number of bytes read from storage.',
      (d) => d.readBytes,
    );
    perDrive(
      'kubevirt_vmi_storage_write_traffic_bytes_total',
      'Total number of written bytes.',
      (d) => d.writeBytes,
    );
    perDrive(
      'kubevirt_vmi_storage_iops_read_total',
      'Total number of I/O read operations.',
      (d) => d.readOps,
    );
    perDrive(
      'kubevirt_vmi_storage_iops_write_total',
      'Total number of I/O write operations.',
      (d) => d.writeOps,
    );
    perDrive(
      'kubevirt_vmi_storage_read_times_seconds_total',
      'Total time spent on read operations.',
      (d) => d.readSeconds,
    );
    perDrive(
      'kubevirt_vmi_storage_write_times_seconds_total',
      'Total time spent on write operations.',
      (d) => d.writeSeconds,
    );
    perDrive(
      'kubevirt_vmi_storage_flush_requests_total',
      'Total storage flush requests.',
      (d) => d.flushOps,
    );
    perDrive(
      'kubevirt_vmi_storage_flush_times_seconds_total',
      'Total time spent on cache flushing.',
      (d) => d.flushSeconds,
    );
    perInterface(
      'kubevirt_vmi_network_receive_bytes_total',
      'Total network traffic received in bytes.',
      (n) => n.rxBytes,
    );
    perInterface(
      'kubevirt_vmi_network_transmit_bytes_total',
      'Total network traffic transmitted in bytes.',
      (n) => n.txBytes,
    );
    perInterface(
      'kubevirt_vmi_network_receive_packets_total',
      'Total network traffic received packets.',
      (n) => n.rxPackets,
    );
    perInterface(
      'kubevirt_vmi_network_transmit_packets_total',
      'Total network traffic transmitted packets.',
      (n) => n.txPackets,
    );
    perVmi(
      'kubevirt_vmi_migration_data_processed_bytes',
      'gauge',
      'The total Guest OS data processed and migrated to the new VM.',
      (s) => s.migration?.processedBytes,
    );
    perVmi(
      'kubevirt_vmi_migration_data_remaining_bytes',
      'gauge',
      'The remaining guest OS data to be migrated to the new VM.',
      (s) => s.migration?.remainingBytes,
    );
    perVmi(
      'kubevirt_vmi_migration_data_bytes_total',
      'counter',
      'The total Guest OS data to be migrated to the new VM.',
      (s) => s.migration?.totalBytes,
    );
    perVmi(
      'kubevirt_vmi_migration_memory_transfer_rate_bytes',
      'gauge',
      'The rate at which the memory is being transferred.',
      (s) => s.migration?.bytesPerSecond,
    );
    perVmi(
      'kubevirt_vmi_migration_dirty_memory_rate_bytes',
      'gauge',
      'The rate of memory being dirty in the Guest OS.',
      (s) => s.migration?.dirtyBytesPerSecond,
    );
    return out;
  }

  /**
   * KubeVirt's recording rules over the claims restores create (labelled with their source VM):
   * how many disks, and how many requested bytes, were restored from each VM. Derived from the
   * stored claims, so they survive restarts.
   */
  private restoredFromSource(): string[] {
    const disks = new Map<
      string,
      { labels: Record<string, string>; count: number; bytes: number }
    >();
    for (const claim of this.store.list('core/persistentvolumeclaims')) {
      const vmName = claim.metadata.labels?.['restore.kubevirt.io/source-vm-name'];
      const vmNamespace = claim.metadata.labels?.['restore.kubevirt.io/source-vm-namespace'];
      if (!vmName || !vmNamespace) continue;
      const labels = { vm_name: vmName, vm_namespace: vmNamespace };
      const key = labelSet(labels);
      const entry = disks.get(key) ?? { labels, count: 0, bytes: 0 };
      entry.count += 1;
      const request = (claim.spec as { resources?: { requests?: { storage?: unknown } } })
        ?.resources?.requests?.storage;
      entry.bytes += quantityBytes(request) ?? 0;
      disks.set(key, entry);
    }
    const name = 'kubevirt_vmsnapshot_disks_restored_from_source';
    const entries = [...disks.values()];
    return [
      ...family(
        name,
        'gauge',
        'Returns the total number of virtual machine disks restored from the source virtual machine.',
        entries.map(({ labels, count }) => ({ labels, value: count })),
        { always: true },
      ),
      ...family(
        `${name}_bytes`,
        'gauge',
        'Returns the amount of space in bytes restored from the source virtual machine.',
        entries.map(({ labels, bytes }) => ({ labels, value: bytes })),
        { always: true },
      ),
    ];
  }

  private vmiLabels(vmi: KubeObject) {
    return {
      name: vmi.metadata.name ?? '',
      namespace: vmi.metadata.namespace ?? '',
      node: (vmi.status as { nodeName?: string } | undefined)?.nodeName ?? '',
    };
  }
}
