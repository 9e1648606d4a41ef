import type { TFunction } from 'i18next';
import type { MetricUnit } from './promql';
import { rateWindow } from './timeRange';

/**
 * One chart of a VM's metrics: what it is called, what its number means (one sentence, for a
 * help popover), its unit, and its query. `selector` is a label matcher set such as
 * `vmiSelector(namespace, name)` (optionally narrowed to an `interface`); `step` is the range's
 * step in seconds, from which counters get their `rate()` window.
 */
export interface VmChartQuery {
  id: string;
  title: (t: TFunction) => string;
  definition: (t: TFunction) => string;
  unit: MetricUnit;
  query: (selector: string, step: number) => string;
  /** The legend name of one answered series, from its labels. */
  seriesLabel: (metric: Record<string, string>, t: TFunction) => string;
  /** The `series` label values of a two-series query, in legend order. */
  seriesOrder?: string[];
  /** Why a chart may stay empty although the VM runs (a node or guest setting), if there is one. */
  noDataHint?: (t: TFunction) => string;
}

// The metric names, once.
const CPU = 'kubevirt_vmi_cpu_usage_seconds_total';
const VCPU_WAIT = 'kubevirt_vmi_vcpu_wait_seconds_total';
const MEMORY_USED = 'kubevirt_vmi_memory_used_bytes';
const MEMORY_DOMAIN = 'kubevirt_vmi_memory_domain_bytes';
const SWAP_IN = 'kubevirt_vmi_memory_swap_in_traffic_bytes';
const SWAP_OUT = 'kubevirt_vmi_memory_swap_out_traffic_bytes';
const NET_RX = 'kubevirt_vmi_network_receive_bytes_total';
const NET_TX = 'kubevirt_vmi_network_transmit_bytes_total';
const READ_BYTES = 'kubevirt_vmi_storage_read_traffic_bytes_total';
const WRITE_BYTES = 'kubevirt_vmi_storage_write_traffic_bytes_total';
const READ_OPS = 'kubevirt_vmi_storage_iops_read_total';
const WRITE_OPS = 'kubevirt_vmi_storage_iops_write_total';
const READ_TIME = 'kubevirt_vmi_storage_read_times_seconds_total';
const WRITE_TIME = 'kubevirt_vmi_storage_write_times_seconds_total';
const MIGRATION_PROCESSED = 'kubevirt_vmi_migration_data_processed_bytes';
const MIGRATION_REMAINING = 'kubevirt_vmi_migration_data_remaining_bytes';
const MIGRATION_RATE = 'kubevirt_vmi_migration_memory_transfer_rate_bytes';

/** `rate(METRIC{…}[window])`. */
const rate = (metric: string, selector: string, window: string) =>
  `rate(${metric}${selector}[${window}])`;

/** `sum by (LABEL) (…)`, or `sum(…)` without a label. */
const sum = (expression: string, by?: string) =>
  by ? `sum by (${by}) (${expression})` : `sum(${expression})`;

/**
 * Two sums as two series of one query, told apart by the label `series` (`label_replace` on an
 * empty source sets it), so one request draws a chart with both and the Observe link shows both.
 */
const pair = (first: [string, string], second: [string, string]) =>
  `label_replace(${first[1]}, "series", "${first[0]}", "", "") or ` +
  `label_replace(${second[1]}, "series", "${second[0]}", "", "")`;

/** The legend name of a per-interface or per-drive series; `whole` when the label is absent. */
const byLabel =
  (label: 'interface' | 'drive', whole: (t: TFunction) => string) =>
  (metric: Record<string, string>, t: TFunction) =>
    metric[label] || whole(t);

const allInterfaces = (t: TFunction) => t('All interfaces');
const allDrives = (t: TFunction) => t('All drives');

/** Current CPU usage, cores. */
export const cpuUsageQuery = (selector: string, window: string) => sum(rate(CPU, selector, window));
/** Current memory used by the guest, bytes. */
export const memoryUsedQuery = (selector: string) => sum(`${MEMORY_USED}${selector}`);
/** Received plus sent over all interfaces, bytes per second (not received only). */
export const networkTransferQuery = (selector: string, window: string) =>
  `${sum(rate(NET_RX, selector, window))} + ${sum(rate(NET_TX, selector, window))}`;
/** Read plus written over all drives, bytes per second. */
export const storageTransferQuery = (selector: string, window: string) =>
  `${sum(rate(READ_BYTES, selector, window))} + ${sum(rate(WRITE_BYTES, selector, window))}`;

const perDrive = (
  id: string,
  title: (t: TFunction) => string,
  definition: (t: TFunction) => string,
  unit: MetricUnit,
  metric: string,
): VmChartQuery => ({
  id,
  title,
  definition,
  unit,
  query: (s, step) => sum(rate(metric, s, rateWindow(step)), 'drive'),
  seriesLabel: byLabel('drive', allDrives),
});

const perInterface = (
  id: string,
  title: (t: TFunction) => string,
  definition: (t: TFunction) => string,
  query: (s: string, window: string) => string,
): VmChartQuery => ({
  id,
  title,
  definition,
  unit: 'bytesPerSecond',
  query: (s, step) => query(s, rateWindow(step)),
  seriesLabel: byLabel('interface', allInterfaces),
});

/** Average seconds per operation, per drive: time spent on them over their number. */
const latency = (time: string, ops: string) => (s: string, step: number) =>
  `${sum(rate(time, s, rateWindow(step)), 'drive')} / ${sum(rate(ops, s, rateWindow(step)), 'drive')}`;

export const CPU_USAGE: VmChartQuery = {
  id: 'cpu',
  title: (t) => t('CPU usage'),
  definition: (t) =>
    t('CPU time the VM used per second, in cores: 1 means one host core busy all the time.'),
  unit: 'cores',
  query: (s, step) => cpuUsageQuery(s, rateWindow(step)),
  seriesLabel: (_, t) => t('CPU'),
};

export const MEMORY: VmChartQuery = {
  id: 'memory',
  title: (t) => t('Memory'),
  definition: (t) =>
    t(
      'Memory in use as the guest reports it (not the host process), with the memory allocated to the VM for comparison.',
    ),
  unit: 'bytes',
  query: (s) => pair(['used', memoryUsedQuery(s)], ['allocated', sum(`${MEMORY_DOMAIN}${s}`)]),
  seriesLabel: (metric, t) => (metric.series === 'allocated' ? t('Allocated') : t('Used')),
  seriesOrder: ['used', 'allocated'],
};

export const NETWORK_IN = perInterface(
  'network-in',
  (t) => t('Network in'),
  (t) => t('Bytes per second the VM received, per interface.'),
  (s, w) => sum(rate(NET_RX, s, w), 'interface'),
);

export const NETWORK_OUT = perInterface(
  'network-out',
  (t) => t('Network out'),
  (t) => t('Bytes per second the VM sent, per interface.'),
  (s, w) => sum(rate(NET_TX, s, w), 'interface'),
);

export const NETWORK_TOTAL = perInterface(
  'network-total',
  (t) => t('Network total'),
  (t) => t('Bytes per second received plus sent, per interface.'),
  (s, w) => `${sum(rate(NET_RX, s, w), 'interface')} + ${sum(rate(NET_TX, s, w), 'interface')}`,
);

/** All interfaces together, received plus sent (the Overview card). */
export const NETWORK_TRANSFER: VmChartQuery = {
  id: 'network-transfer',
  title: (t) => t('Network transfer'),
  definition: (t) => t('Bytes per second received plus sent over all interfaces.'),
  unit: 'bytesPerSecond',
  query: (s, step) => networkTransferQuery(s, rateWindow(step)),
  seriesLabel: (_, t) => t('Network transfer'),
};

export const STORAGE_READ = perDrive(
  'storage-read',
  (t) => t('Storage read'),
  (t) => t('Bytes per second read from each drive.'),
  'bytesPerSecond',
  READ_BYTES,
);

export const STORAGE_WRITE = perDrive(
  'storage-write',
  (t) => t('Storage write'),
  (t) => t('Bytes per second written to each drive.'),
  'bytesPerSecond',
  WRITE_BYTES,
);

/** All drives together, read plus written (the Overview card). */
export const STORAGE_TRANSFER: VmChartQuery = {
  id: 'storage-transfer',
  title: (t) => t('Storage throughput'),
  definition: (t) => t('Bytes per second read plus written over all drives.'),
  unit: 'bytesPerSecond',
  query: (s, step) => storageTransferQuery(s, rateWindow(step)),
  seriesLabel: (_, t) => t('Storage throughput'),
};

export const IOPS_READ = perDrive(
  'iops-read',
  (t) => t('Read IOPS'),
  (t) => t('Read operations per second on each drive.'),
  'operationsPerSecond',
  READ_OPS,
);

export const IOPS_WRITE = perDrive(
  'iops-write',
  (t) => t('Write IOPS'),
  (t) => t('Write operations per second on each drive.'),
  'operationsPerSecond',
  WRITE_OPS,
);

export const LATENCY_READ: VmChartQuery = {
  id: 'latency-read',
  title: (t) => t('Read latency'),
  definition: (t) =>
    t('How long a read took on average, per drive: time spent reading over the number of reads.'),
  unit: 'seconds',
  query: latency(READ_TIME, READ_OPS),
  seriesLabel: byLabel('drive', allDrives),
  noDataHint: (t) => t('No reads in this range.'),
};

export const LATENCY_WRITE: VmChartQuery = {
  id: 'latency-write',
  title: (t) => t('Write latency'),
  definition: (t) =>
    t('How long a write took on average, per drive: time spent writing over the number of writes.'),
  unit: 'seconds',
  query: latency(WRITE_TIME, WRITE_OPS),
  seriesLabel: byLabel('drive', allDrives),
  noDataHint: (t) => t('No writes in this range.'),
};

export const VCPU_WAIT_CHART: VmChartQuery = {
  id: 'vcpu-wait',
  title: (t) => t('vCPU wait'),
  definition: (t) =>
    t(
      'Time per second the vCPUs wanted to run but waited for the host scheduler (often a sign of I/O problems or an overloaded node).',
    ),
  unit: 'secondsPerSecond',
  query: (s, step) => sum(rate(VCPU_WAIT, s, rateWindow(step))),
  seriesLabel: (_, t) => t('vCPU wait'),
  noDataHint: (t) => t('vCPU wait metrics need the kernel argument schedstats=enable on the node.'),
};

export const GUEST_SWAP: VmChartQuery = {
  id: 'swap',
  title: (t) => t('Guest swap traffic'),
  definition: (t) => t('Bytes per second the guest swapped in from and out to its swap space.'),
  unit: 'bytesPerSecond',
  query: (s, step) =>
    pair(
      ['in', sum(rate(SWAP_IN, s, rateWindow(step)))],
      ['out', sum(rate(SWAP_OUT, s, rateWindow(step)))],
    ),
  seriesLabel: (metric, t) => (metric.series === 'out' ? t('Swapped out') : t('Swapped in')),
  seriesOrder: ['in', 'out'],
  noDataHint: (t) => t('Swap metrics need swap enabled in the guest.'),
};

export const MIGRATION_DATA: VmChartQuery = {
  id: 'migration-data',
  title: (t) => t('Migration data'),
  definition: (t) =>
    t('Guest data a live migration has copied to the target node so far, and what remains.'),
  unit: 'bytes',
  query: (s) =>
    pair(
      ['processed', sum(`${MIGRATION_PROCESSED}${s}`)],
      ['remaining', sum(`${MIGRATION_REMAINING}${s}`)],
    ),
  seriesLabel: (metric, t) => (metric.series === 'remaining' ? t('Remaining') : t('Processed')),
  seriesOrder: ['processed', 'remaining'],
};

export const MIGRATION_TRANSFER_RATE: VmChartQuery = {
  id: 'migration-rate',
  title: (t) => t('Migration transfer rate'),
  definition: (t) => t('How fast a live migration copies guest memory to the target node.'),
  unit: 'bytesPerSecond',
  query: (s) => sum(`${MIGRATION_RATE}${s}`),
  seriesLabel: (_, t) => t('Transfer rate'),
};
