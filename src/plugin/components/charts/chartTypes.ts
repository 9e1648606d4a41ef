import type { MetricUnit } from '../../api/prometheus/promql';

/** One line of a chart: its points are `[unix seconds, value]`, in time order. */
export interface ChartSeries {
  id: string;
  label: string;
  points: [number, number][];
}

export interface TimeSeriesChartProps {
  /** The accessible name of the figure. */
  title: string;
  series: ChartSeries[];
  /** Axis and tooltip values are written in it (`formatMetric`). */
  unit: MetricUnit;
  /** The x domain, Unix seconds. */
  window: { start: number; end: number };
  /** Pixels; 200 by default. */
  height?: number;
  /** A sparkline: no axes, no legend (the Overview cards). */
  compact?: boolean;
  /** Each series drawn on top of the ones before it, as filled areas. */
  stacked?: boolean;
  /** The data is on its way: a skeleton until there is some to draw. */
  loading?: boolean;
  /** What to say when there is nothing to draw ("No data" by default). */
  emptyText?: string;
  /** Drag across the plot to select a span; called with its start and end (Unix seconds). */
  onZoom?: (start: number, end: number) => void;
}
