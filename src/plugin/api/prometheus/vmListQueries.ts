import type { TFunction } from 'i18next';
import { labelMatchers, type MetricUnit } from './promql';

/**
 * The live columns of the VirtualMachines list: one instant query per metric for a whole page,
 * answering one sample per VM (`sum by (namespace, name)`), joined to the rows by those labels.
 */
export type VmListMetricId = 'cpu' | 'memory' | 'network';

export interface VmListMetric {
  id: VmListMetricId;
  unit: MetricUnit;
  /** One short sentence: what the number means. */
  definition: (t: TFunction) => string;
  /** The query for the series `selector` picks (from `vmListSelector`). */
  query: (selector: string) => string;
}

/** Rates are averaged over this window: long enough for a 30 s scrape, short enough to be "now". */
const RATE_WINDOW = '5m';

const BY_VM = 'sum by (namespace, name)';

const rate = (metric: string, selector: string) =>
  `${BY_VM} (rate(${metric}${selector}[${RATE_WINDOW}]))`;

export const VM_LIST_METRICS: Record<VmListMetricId, VmListMetric> = {
  cpu: {
    id: 'cpu',
    unit: 'cores',
    definition: (t) => t('CPU time the VM used per second over the last 5 minutes, in cores.'),
    query: (s) => rate('kubevirt_vmi_cpu_usage_seconds_total', s),
  },
  memory: {
    id: 'memory',
    unit: 'bytes',
    definition: (t) => t('Memory the guest uses now, of the memory the VM was given.'),
    query: (s) => `${BY_VM} (kubevirt_vmi_memory_used_bytes${s})`,
  },
  network: {
    id: 'network',
    unit: 'bytesPerSecond',
    definition: (t) =>
      t('Bytes received plus bytes sent per second on all interfaces, over the last 5 minutes.'),
    // Receive and transmit summed per VM first, so an interface that only sends still counts.
    query: (s) =>
      `${rate('kubevirt_vmi_network_receive_bytes_total', s)} + ${rate('kubevirt_vmi_network_transmit_bytes_total', s)}`,
  },
};

/**
 * The series of a page of VMs: `{namespace="ns",name=~"a|b"}`. `namespace` is one project or
 * the page's projects; without `names` every VM of those projects (a page too long to name).
 */
export const vmListSelector = (namespace: string | string[], names?: string[]): string =>
  labelMatchers({ namespace, name: names });
