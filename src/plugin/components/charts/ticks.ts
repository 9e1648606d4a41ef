import type { MetricUnit } from '../../api/prometheus/promql';
import { largerScale, scaleFor, type UnitScale } from './formatMetric';

export interface ValueAxis {
  /** The bottom and top of the axis, in the metric's own unit. */
  min: number;
  max: number;
  /** Tick values, in the metric's own unit, bottom first. */
  ticks: number[];
  /** The scale every tick label is written in, so they share one suffix. */
  scale: UnitScale;
}

const NICE_FACTORS = [1, 2, 2.5, 5, 10];

/** The smallest of 1, 2, 2.5 and 5 times a power of ten at least `raw`. */
export const niceStep = (raw: number): number => {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const factor = NICE_FACTORS.find((f) => f * magnitude >= raw * (1 - 1e-9)) ?? 10;
  return factor * magnitude;
};

const axisIn = (low: number, high: number, scale: UnitScale, count: number) => {
  const top = high / scale.divisor;
  const bottom = Math.min(0, low / scale.divisor);
  const step = niceStep((top - bottom) / count);
  const first = Math.floor(bottom / step) * step;
  const last = Math.max(Math.ceil(top / step) * step, first + step);
  const ticks: number[] = [];
  for (let i = 0; first + i * step <= last + step * 1e-9; i++)
    ticks.push(Number(((first + i * step) * scale.divisor).toPrecision(12)));
  return { min: first * scale.divisor, max: last * scale.divisor, ticks, scale };
};

/**
 * A y axis from zero (or below, for negative data) to a nice value at or above `high`, about
 * `count` steps of 1, 2, 2.5 or 5 in the unit's scale: bytes step in KiB, MiB or GiB, latency in
 * ms. With no data above zero the axis runs to one of the unit's base scale.
 */
export const valueAxis = (low: number, high: number, unit: MetricUnit, count = 4): ValueAxis => {
  if (!(high > 0) && !(low < 0)) {
    const scale = scaleFor(1, unit);
    return axisIn(0, scale.divisor, scale, 1);
  }
  const scale = scaleFor(Math.max(Math.abs(high), Math.abs(low)), unit);
  const axis = axisIn(low, high, scale, count);
  // 1,500 KiB reads better as 1.5 MiB: move up a scale when the top reaches the next one.
  const next = largerScale(scale, unit);
  return next && axis.max >= next.divisor ? axisIn(low, high, next, count) : axis;
};

/** Intervals between time ticks, in seconds. */
const TIME_INTERVALS = [
  10,
  15,
  30,
  60,
  2 * 60,
  5 * 60,
  10 * 60,
  15 * 60,
  30 * 60,
  3600,
  2 * 3600,
  3 * 3600,
  6 * 3600,
  12 * 3600,
  86400,
  2 * 86400,
  7 * 86400,
];

export interface TimeTick {
  time: number;
  /** `time` for a clock time (HH:mm), `seconds` (HH:mm:ss), `date` at a day's start. */
  kind: 'time' | 'seconds' | 'date';
}

/** Seconds east of UTC at `time` in the browser's zone. */
const zoneOffset = (time: number) => -new Date(time * 1000).getTimezoneOffset() * 60;

/**
 * At most `maxTicks` ticks on readable local-time boundaries between `start` and `end` (Unix
 * seconds). Days are named by their date when the window spans more than a day.
 */
export const timeTicks = (start: number, end: number, maxTicks: number): TimeTick[] => {
  const span = end - start;
  if (!(span > 0) || maxTicks < 1) return [];
  const interval =
    TIME_INTERVALS.find((candidate) => span / candidate <= maxTicks) ??
    Math.ceil(span / maxTicks / 86400) * 86400;
  const offset = zoneOffset(start);
  const multiDay = span > 86400;
  const ticks: TimeTick[] = [];
  for (
    let local = Math.ceil((start + offset) / interval) * interval;
    local - offset <= end;
    local += interval
  ) {
    const time = local - offset;
    const midnight = local % 86400 === 0;
    const kind =
      interval >= 86400 || (multiDay && midnight) ? 'date' : interval < 60 ? 'seconds' : 'time';
    ticks.push({ time, kind });
  }
  return ticks;
};

const FORMATS: Record<TimeTick['kind'] | 'full', Intl.DateTimeFormatOptions> = {
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  seconds: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
  date: { month: 'short', day: 'numeric' },
  full: {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A time (Unix seconds) as a tick (`HH:mm`, `HH:mm:ss`, a date) or in full (the tooltip). */
export const formatTime = (time: number, kind: TimeTick['kind'] | 'full'): string => {
  let formatter = formatters.get(kind);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(undefined, FORMATS[kind]);
    formatters.set(kind, formatter);
  }
  return formatter.format(new Date(time * 1000));
};
