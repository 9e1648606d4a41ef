import type { TFunction } from 'i18next';
import type { MatrixSeries } from '../../../../api/prometheus/client';
import type { VmChartQuery } from '../../../../api/prometheus/vmQueries';
import type { ChartSeries } from '../../../../components/charts/TimeSeriesChart';

/** A series' identity from its labels, stable across polls. */
const seriesId = (metric: Record<string, string>) =>
  Object.keys(metric)
    .sort()
    .map((key) => `${key}=${metric[key]}`)
    .join(',') || 'value';

/**
 * A range answer as chart series: legend names from the chart's builder, values as numbers
 * (Prometheus's "NaN" of 0/0 stays NaN and is drawn as a gap), in the builder's order, else by
 * name.
 */
export const toChartSeries = (
  matrix: MatrixSeries[],
  chart: VmChartQuery,
  t: TFunction,
): ChartSeries[] => {
  const rank = (metric: Record<string, string>) => {
    const index = chart.seriesOrder?.indexOf(metric.series ?? '') ?? -1;
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  return [...matrix]
    .sort(
      (a, b) =>
        rank(a.metric) - rank(b.metric) ||
        chart.seriesLabel(a.metric, t).localeCompare(chart.seriesLabel(b.metric, t)),
    )
    .map((series) => ({
      id: seriesId(series.metric),
      label: chart.seriesLabel(series.metric, t),
      points: series.values.map(([time, value]): [number, number] => [time, Number(value)]),
    }));
};
