import type { VectorSample } from '../../../api/prometheus/client';
import type { ConsumerGrouping } from '../../../api/prometheus/topConsumerQueries';

/** One ranked consumer: a VM (namespace and name), a project or a node. */
export interface ConsumerRow {
  key: string;
  name: string;
  /** The VM's project (a VM row). */
  namespace?: string;
  value: number;
  /** The value against the first row's, 0–100. */
  percent: number;
}

/** The samples of a `topk` answer as rows, largest first (Prometheus does not order them). */
export const consumerRows = (samples: VectorSample[], by: ConsumerGrouping): ConsumerRow[] => {
  const rows = samples
    .map((sample) => {
      const { name = '', namespace = '', node = '' } = sample.metric;
      const value = Number(sample.value[1]);
      if (by === 'vm') return { key: `${namespace}/${name}`, name, namespace, value };
      if (by === 'namespace') return { key: namespace, name: namespace, value };
      return { key: node, name: node, value };
    })
    .filter((row) => Number.isFinite(row.value) && row.name)
    .sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
  const top = rows[0]?.value ?? 0;
  return rows.map((row) => ({ ...row, percent: top > 0 ? (row.value / top) * 100 : 0 }));
};
