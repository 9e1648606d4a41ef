import type { TFunction } from 'i18next';
import { labelMatchers, type MetricUnit } from './promql';

/** What a ranking is of: VMs, projects or nodes. */
export type ConsumerGrouping = 'vm' | 'namespace' | 'node';
export const CONSUMER_GROUPINGS: readonly ConsumerGrouping[] = ['vm', 'namespace', 'node'];

/** The labels each grouping sums by (KubeVirt labels a VMI's series `name`, `namespace`, `node`). */
const GROUP_LABELS: Record<ConsumerGrouping, string> = {
  vm: 'name, namespace',
  namespace: 'namespace',
  node: 'node',
};

/** The spans a ranking averages over, as PromQL durations. */
export const TOP_CONSUMER_SPANS = [
  { id: '5m', seconds: 5 * 60 },
  { id: '1h', seconds: 60 * 60 },
  { id: '6h', seconds: 6 * 60 * 60 },
  { id: '24h', seconds: 24 * 60 * 60 },
] as const;
export type TopConsumerSpan = (typeof TOP_CONSUMER_SPANS)[number]['id'];

export const TOP_CONSUMER_LIMITS = [5, 10] as const;
export type TopConsumerLimit = (typeof TOP_CONSUMER_LIMITS)[number];

/** "in the last hour": the end of an empty card's sentence. */
export const spanPhrase = (t: TFunction, span: TopConsumerSpan): string =>
  ({
    '5m': t('in the last 5 minutes'),
    '1h': t('in the last hour'),
    '6h': t('in the last 6 hours'),
    '24h': t('in the last 24 hours'),
  })[span];

export type TopConsumerMetricId =
  'cpu' | 'memory' | 'storageThroughput' | 'storageIops' | 'vcpuWait' | 'swap';

/** One Top consumers card: what it ranks, in which unit, and what an empty ranking says. */
export interface TopConsumerMetric {
  id: TopConsumerMetricId;
  title: (t: TFunction) => string;
  /** One short sentence: what the number means. */
  definition: (t: TFunction) => string;
  unit: MetricUnit;
  /** `span` is a `spanPhrase`: "No VM used any CPU in the last hour." */
  empty: (t: TFunction, span: string) => string;
  /** The series summed: counters through `rate`, gauges through `avg_over_time`. */
  series: string[];
  over: 'rate' | 'avg_over_time';
}

export const TOP_CONSUMER_METRICS: TopConsumerMetric[] = [
  {
    id: 'cpu',
    title: (t) => t('CPU'),
    definition: (t) => t('CPU time used, in cores, averaged over the time range.'),
    unit: 'cores',
    empty: (t, span) => t('No VM used any CPU {{span}}.', { span }),
    series: ['kubevirt_vmi_cpu_usage_seconds_total'],
    over: 'rate',
  },
  {
    id: 'memory',
    title: (t) => t('Memory'),
    definition: (t) =>
      t('Memory in use inside the guests (not the memory allocated), averaged over the range.'),
    unit: 'bytes',
    empty: (t, span) => t('No VM reported its memory use {{span}}.', { span }),
    series: ['kubevirt_vmi_memory_used_bytes'],
    over: 'avg_over_time',
  },
  {
    id: 'storageThroughput',
    title: (t) => t('Storage throughput'),
    definition: (t) => t('Bytes read from and written to the disks per second, reads plus writes.'),
    unit: 'bytesPerSecond',
    empty: (t, span) => t('No VM read from or wrote to its disks {{span}}.', { span }),
    series: [
      'kubevirt_vmi_storage_read_traffic_bytes_total',
      'kubevirt_vmi_storage_write_traffic_bytes_total',
    ],
    over: 'rate',
  },
  {
    id: 'storageIops',
    title: (t) => t('Storage IOPS'),
    definition: (t) => t('Read and write operations on the disks per second.'),
    unit: 'operationsPerSecond',
    empty: (t, span) => t('No VM made any disk operations {{span}}.', { span }),
    series: ['kubevirt_vmi_storage_iops_read_total', 'kubevirt_vmi_storage_iops_write_total'],
    over: 'rate',
  },
  {
    id: 'vcpuWait',
    title: (t) => t('vCPU wait'),
    definition: (t) =>
      t(
        'Seconds per second the vCPUs waited for a host CPU: above 0, the VM wants to run but the host cannot schedule it yet. Needs schedstats=enable on the nodes.',
      ),
    unit: 'secondsPerSecond',
    empty: (t, span) => t('No VM waited for a host CPU {{span}}.', { span }),
    series: ['kubevirt_vmi_vcpu_wait_seconds_total'],
    over: 'rate',
  },
  {
    id: 'swap',
    title: (t) => t('Guest swap'),
    definition: (t) =>
      t(
        "Bytes the guests swapped in and out per second. Swapping means memory pressure: increase the VM's memory.",
      ),
    unit: 'bytesPerSecond',
    empty: (t, span) => t('No VM swapped {{span}}.', { span }),
    series: [
      'kubevirt_vmi_memory_swap_in_traffic_bytes',
      'kubevirt_vmi_memory_swap_out_traffic_bytes',
    ],
    over: 'rate',
  },
];

export interface TopConsumersQuestion {
  by: ConsumerGrouping;
  limit: number;
  span: TopConsumerSpan;
  /** Only this project's series (a project chosen); undefined: all the caller may see. */
  namespace?: string;
}

/**
 * The seed's ranking: `topk(N, sum by (name, namespace) (rate(METRIC[RANGE]))) > 0`, the sum of
 * read + write (or in + out) for the two-series metrics. Sums go over the `drive` and
 * `interface` labels, so a VM with several disks is one row.
 */
export const topConsumersQuery = (
  metric: TopConsumerMetric,
  { by, limit, span, namespace }: TopConsumersQuestion,
): string => {
  const selector = labelMatchers({ namespace });
  const terms = metric.series.map(
    (series) => `sum by (${GROUP_LABELS[by]}) (${metric.over}(${series}${selector}[${span}]))`,
  );
  return `topk(${Math.max(1, Math.floor(limit))}, ${terms.join(' + ')}) > 0`;
};
