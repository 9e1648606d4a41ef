import type { TFunction } from 'i18next';
import type { MetricUnit } from '../../api/prometheus/promql';
import type { ChartSeries } from './chartTypes';
import { formatInScale } from './formatMetric';
import { inferStep, splitGaps, stackSeries, valueExtent } from './series';
import { formatTime, timeTicks, valueAxis, type ValueAxis } from './ticks';

export interface PlotGeometry {
  margin: { top: number; right: number; bottom: number; left: number };
  plotWidth: number;
  plotHeight: number;
  axis: ValueAxis;
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
  /** Per series: the line runs (SVG path data), lone points, and the filled area if any. */
  shapes: { line: string; dots: [number, number][]; area?: string }[];
  step: number | undefined;
  x: (time: number) => number;
  y: (value: number) => number;
  timeAt: (x: number) => number;
}

const round = (value: number) => Math.round(value * 10) / 10;
/** Roughly the width of one character of the axis font (the xs body size). */
const CHAR_WIDTH = 6.5;
/** The least room a time label needs, so the ticks do not overlap. */
const TIME_LABEL_WIDTH = 72;

const linePath = (points: [number, number][]) =>
  points.map(([px, py], i) => `${i ? 'L' : 'M'}${round(px)} ${round(py)}`).join('');

/** Everything the SVG draws, computed once per change of data or size (not on hover). */
export const plotGeometry = (options: {
  series: ChartSeries[];
  unit: MetricUnit;
  window: { start: number; end: number };
  width: number;
  height: number;
  compact: boolean;
  stacked: boolean;
  t: TFunction;
}): PlotGeometry => {
  const { series, unit, window, width, height, compact, stacked, t } = options;
  const [low, high] = valueExtent(series, stacked);
  const axis = valueAxis(low, high, unit, height >= 150 ? 4 : 2);
  const labels = axis.ticks.map((value) => formatInScale(value, axis.scale, t));
  const margin = compact
    ? { top: 2, right: 2, bottom: 2, left: 2 }
    : {
        top: 8,
        right: 16,
        bottom: 22,
        left: Math.ceil(Math.max(...labels.map((label) => label.length)) * CHAR_WIDTH) + 10,
      };
  const plotWidth = Math.max(width - margin.left - margin.right, 10);
  const plotHeight = Math.max(height - margin.top - margin.bottom, 10);
  const span = Math.max(window.end - window.start, 1);
  const x = (time: number) => margin.left + ((time - window.start) / span) * plotWidth;
  const y = (value: number) =>
    margin.top + plotHeight - ((value - axis.min) / (axis.max - axis.min)) * plotHeight;
  const timeAt = (px: number) =>
    window.start + (Math.min(Math.max(px - margin.left, 0), plotWidth) / plotWidth) * span;
  const step = inferStep(series);
  const toScreen = (points: [number, number][]) =>
    points.map(([time, value]): [number, number] => [x(time), y(value)]);

  const shapes = stacked
    ? stackSeries(series).map((stackedPoints) => {
        const bottoms = new Map(stackedPoints.map(([time, bottom]) => [time, bottom]));
        const runs = splitGaps(
          stackedPoints.map(([time, , top]): [number, number] => [time, top]),
          step,
        );
        return {
          line: runs
            .filter((run) => run.length > 1)
            .map((run) => linePath(toScreen(run)))
            .join(''),
          dots: runs.filter((run) => run.length === 1).flatMap(toScreen),
          area: runs
            .filter((run) => run.length > 1)
            .map((run) => {
              const back = [...run]
                .reverse()
                .map(([time]): [number, number] => [time, bottoms.get(time) ?? 0]);
              return `${linePath(toScreen([...run, ...back]))}Z`;
            })
            .join(''),
        };
      })
    : series.map((s) => {
        const runs = splitGaps(s.points, step);
        const floor = y(Math.max(axis.min, 0));
        return {
          line: runs
            .filter((run) => run.length > 1)
            .map((run) => linePath(toScreen(run)))
            .join(''),
          dots: runs.filter((run) => run.length === 1).flatMap(toScreen),
          // A sparkline reads better filled; a full chart with several lines does not.
          area: compact
            ? runs
                .filter((run) => run.length > 1)
                .map((run) => {
                  const screen = toScreen(run);
                  const first = screen[0] as [number, number];
                  const last = screen.at(-1) as [number, number];
                  return `${linePath([...screen, [last[0], floor], [first[0], floor]])}Z`;
                })
                .join('')
            : undefined,
        };
      });

  const maxTicks = Math.max(1, Math.floor(plotWidth / TIME_LABEL_WIDTH));
  return {
    margin,
    plotWidth,
    plotHeight,
    axis,
    yTicks: compact
      ? []
      : axis.ticks.map((value, i) => ({ y: round(y(value)), label: labels[i] ?? '' })),
    xTicks: compact
      ? []
      : timeTicks(window.start, window.end, maxTicks).map((tick) => ({
          x: round(x(tick.time)),
          label: formatTime(tick.time, tick.kind),
        })),
    shapes,
    step,
    x,
    y,
    timeAt,
  };
};
