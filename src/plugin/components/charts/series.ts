import type { ChartSeries } from './chartTypes';

type Point = [number, number];

/** Whether a point has a value to draw (Prometheus answers NaN for 0/0, e.g. idle latency). */
export const isDrawable = (point: Point): boolean =>
  Number.isFinite(point[0]) && Number.isFinite(point[1]);

/** Whether any series has a point to draw. */
export const hasPoints = (series: ChartSeries[]): boolean =>
  series.some((s) => s.points.some(isDrawable));

/**
 * The spacing of the data: the smallest gap between two neighbouring points of any series (a
 * range query answers on a regular step, so this is the step). Undefined with fewer than two.
 */
export const inferStep = (series: ChartSeries[]): number | undefined => {
  let step: number | undefined;
  for (const s of series)
    for (let i = 1; i < s.points.length; i++) {
      const delta = (s.points[i] as Point)[0] - (s.points[i - 1] as Point)[0];
      if (delta > 0 && (step === undefined || delta < step)) step = delta;
    }
  return step;
};

/**
 * The runs of a series to draw as lines: a new run starts where a sample is missing (more than
 * 1.5 steps since the last one) or is not a number, so a gap is drawn as a gap, never bridged.
 */
export const splitGaps = (points: Point[], step: number | undefined): Point[][] => {
  const runs: Point[][] = [];
  let run: Point[] = [];
  let last: number | undefined;
  for (const point of points) {
    if (!isDrawable(point)) {
      if (run.length) runs.push(run);
      run = [];
      last = undefined;
      continue;
    }
    if (last !== undefined && step !== undefined && point[0] - last > step * 1.5) {
      runs.push(run);
      run = [];
    }
    run.push(point);
    last = point[0];
  }
  if (run.length) runs.push(run);
  return runs;
};

/** A series stacked on the ones before it: `[time, bottom, top]` per point. */
export type StackedPoint = [number, number, number];

/**
 * Each series on top of the sum of the previous ones at the same time (range queries share
 * their timestamps). A missing or non-number value adds nothing and is itself not drawn.
 */
export const stackSeries = (series: ChartSeries[]): StackedPoint[][] => {
  const base = new Map<number, number>();
  return series.map((s) =>
    s.points.flatMap(([time, value]): StackedPoint[] => {
      if (!isDrawable([time, value])) return [[time, NaN, NaN]];
      const bottom = base.get(time) ?? 0;
      base.set(time, bottom + value);
      return [[time, bottom, bottom + value]];
    }),
  );
};

/** The lowest and highest value to fit on the y axis (stacked: the highest sum). */
export const valueExtent = (series: ChartSeries[], stacked: boolean): [number, number] => {
  let low = 0;
  let high = 0;
  if (stacked) {
    for (const points of stackSeries(series))
      for (const [, , top] of points) if (Number.isFinite(top)) high = Math.max(high, top);
    return [low, high];
  }
  for (const s of series)
    for (const point of s.points)
      if (isDrawable(point)) {
        low = Math.min(low, point[1]);
        high = Math.max(high, point[1]);
      }
  return [low, high];
};

/** The data time nearest `time` among all series' drawable points; undefined without any. */
export const nearestTime = (series: ChartSeries[], time: number): number | undefined => {
  let best: number | undefined;
  for (const s of series)
    for (const point of s.points)
      if (
        isDrawable(point) &&
        (best === undefined || Math.abs(point[0] - time) < Math.abs(best - time))
      )
        best = point[0];
  return best;
};

/** The data times of all series, in order, each once (for moving along them with the keys). */
export const dataTimes = (series: ChartSeries[]): number[] => {
  const times = new Set<number>();
  for (const s of series) for (const point of s.points) if (isDrawable(point)) times.add(point[0]);
  return [...times].sort((a, b) => a - b);
};

export interface TooltipValue {
  id: string;
  label: string;
  /** The series' value at the time, or null when it has none there (a gap). */
  value: number | null;
}

/**
 * Every series' value at `time`: its point nearest the time, when that is within half a step
 * (`tolerance`) of it; null otherwise, so a gap reads as no value rather than a neighbour's.
 */
export const valuesAt = (series: ChartSeries[], time: number, tolerance: number): TooltipValue[] =>
  series.map((s) => {
    let best: Point | undefined;
    for (const point of s.points)
      if (
        isDrawable(point) &&
        Math.abs(point[0] - time) <= tolerance &&
        (!best || Math.abs(point[0] - time) < Math.abs(best[0] - time))
      )
        best = point;
    return { id: s.id, label: s.label, value: best ? best[1] : null };
  });
