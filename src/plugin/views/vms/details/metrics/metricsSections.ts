import type { TFunction } from 'i18next';
import {
  CPU_USAGE,
  GUEST_SWAP,
  IOPS_READ,
  IOPS_WRITE,
  LATENCY_READ,
  LATENCY_WRITE,
  MEMORY,
  STORAGE_READ,
  STORAGE_WRITE,
  VCPU_WAIT_CHART,
  type VmChartQuery,
} from '../../../../api/prometheus/vmQueries';

/** A plain section of the tab: a heading, an optional explanation, its charts. */
export interface MetricsSection {
  id: string;
  title: (t: TFunction) => string;
  description?: (t: TFunction) => string;
  charts: VmChartQuery[];
}

export const UTILIZATION_SECTION: MetricsSection = {
  id: 'utilization',
  title: (t) => t('Utilization'),
  charts: [CPU_USAGE, MEMORY],
};

export const STORAGE_SECTION: MetricsSection = {
  id: 'storage',
  title: (t) => t('Storage'),
  description: (t) => t('Per drive of the VM.'),
  charts: [STORAGE_READ, STORAGE_WRITE, IOPS_READ, IOPS_WRITE, LATENCY_READ, LATENCY_WRITE],
};

export const VCPU_WAIT_SECTION: MetricsSection = {
  id: 'vcpu-wait',
  title: (t) => t('vCPU wait'),
  description: (t) =>
    t(
      "A vCPU that waits wants to run, but the host scheduler cannot run it yet; it often points at I/O problems. The metric needs schedstats=enable on the node's kernel command line.",
    ),
  charts: [VCPU_WAIT_CHART],
};

export const SWAP_SECTION: MetricsSection = {
  id: 'swap',
  title: (t) => t('Guest swap'),
  description: (t) => t("Guest swapping indicates memory pressure: increase the VM's memory."),
  charts: [GUEST_SWAP],
};
