import { useMemo } from 'react';
import { TimeSeriesChart } from '../../../components/charts/TimeSeriesChart';
import { usePluginTranslation } from '../../../i18n';
import { bucketSeconds, migrationCounts, type MigrationRow } from './migrationRows';

/**
 * Migrations over time: how many started per interval, stacked by outcome, drawn from the
 * migrations' own timestamps (no Prometheus needed).
 */
export const MigrationsChart = ({
  rows,
  since,
  now,
}: {
  rows: MigrationRow[];
  /** The period's start; undefined: from the oldest migration. */
  since?: number;
  now: number;
}) => {
  const { t } = usePluginTranslation();
  const oldest = Math.min(now - 3600, ...rows.map((row) => row.start ?? now));
  const start = since ?? oldest;
  const bucket = bucketSeconds(now - start);
  const window = useMemo(() => ({ start, end: now }), [start, now]);
  const series = useMemo(() => {
    const labels = { succeeded: t('Succeeded'), failed: t('Failed'), running: t('In progress') };
    return migrationCounts(rows, window, bucket).map((s) => ({
      id: s.id,
      label: labels[s.id],
      points: s.points,
    }));
  }, [rows, window, bucket, t]);
  return (
    <TimeSeriesChart
      title={t('Migrations over time')}
      series={series}
      unit="count"
      window={window}
      height={160}
      stacked
    />
  );
};
