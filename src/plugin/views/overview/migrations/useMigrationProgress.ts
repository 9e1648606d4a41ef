import { useMemo } from 'react';
import { useInstantQuery } from '../../../api/prometheus/hooks';
import { migrationDataQueries } from '../../../api/prometheus/migrationQueries';
import type { OverviewScope } from '../useOverviewScope';
import type { MigrationRow } from './migrationRows';

const byVmi = (samples: { metric: Record<string, string>; value: [number, string] }[] = []) =>
  new Map(
    samples.map((sample) => [
      `${sample.metric.namespace ?? ''}/${sample.metric.name ?? ''}`,
      Number(sample.value[1]),
    ]),
  );

/**
 * How far each running migration is, 0–1, by `namespace/vmName`: guest data processed against
 * processed + remaining, from Prometheus (two queries for the whole table). `error` says why
 * there is none (no Prometheus…); the table then shows the phase alone.
 */
export const useMigrationProgress = (
  rows: MigrationRow[],
  scope: OverviewScope,
): { progress: Map<string, number>; error?: unknown } => {
  const running = rows.filter((row) => row.phase === 'Running' && row.vmName);
  const queries =
    running.length && scope.metricsAllowed
      ? migrationDataQueries(
          running.map((row) => ({ namespace: row.namespace, name: row.vmName })),
          scope.namespace,
        )
      : undefined;
  const options = { namespace: scope.metricsNamespace, refreshSeconds: 5 };
  const processed = useInstantQuery(queries?.processed ?? null, options);
  const remaining = useInstantQuery(queries?.remaining ?? null, options);
  const progress = useMemo(() => {
    const done = byVmi(processed.data);
    const left = byVmi(remaining.data);
    const result = new Map<string, number>();
    for (const [key, value] of done) {
      const total = value + (left.get(key) ?? 0);
      if (Number.isFinite(total) && total > 0) result.set(key, value / total);
    }
    return result;
  }, [processed.data, remaining.data]);
  return {
    progress,
    error: queries ? (processed.error ?? remaining.error ?? undefined) : undefined,
  };
};
