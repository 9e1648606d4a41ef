/**
 * The time a chart covers: a preset span ending now, or a fixed custom window. All times are
 * Unix seconds, as Prometheus takes them.
 */
export type TimeRange =
  { kind: 'last'; seconds: number } | { kind: 'custom'; start: number; end: number };

/** The spans the range menus offer, 5 minutes to 7 days. */
export const PRESET_SPANS = [
  { id: '5m', seconds: 5 * 60 },
  { id: '15m', seconds: 15 * 60 },
  { id: '30m', seconds: 30 * 60 },
  { id: '1h', seconds: 60 * 60 },
  { id: '6h', seconds: 6 * 60 * 60 },
  { id: '12h', seconds: 12 * 60 * 60 },
  { id: '1d', seconds: 24 * 60 * 60 },
  { id: '2d', seconds: 2 * 24 * 60 * 60 },
  { id: '7d', seconds: 7 * 24 * 60 * 60 },
] as const;

export type PresetSpanId = (typeof PRESET_SPANS)[number]['id'];

/** About this many points per series: enough for a smooth line, few enough to draw at once. */
const TARGET_POINTS = 240;
/** Steps a person reads easily; the local Prometheus scrapes every 5 s, so none is shorter. */
const NICE_STEPS = [
  5,
  10,
  15,
  30,
  60,
  120,
  300,
  600,
  900,
  1800,
  3600,
  2 * 3600,
  3 * 3600,
  6 * 3600,
  12 * 3600,
  86400,
];

/** The resolution of a span: the smallest nice step that keeps it near `TARGET_POINTS` points. */
export const rangeStep = (seconds: number): number =>
  NICE_STEPS.find((step) => seconds / step <= TARGET_POINTS) ?? 86400;

/**
 * The window `rate()` looks back over at a step: four steps (so a point never falls between two
 * samples), at least a minute. As a PromQL duration, e.g. `60s`.
 */
export const rateWindow = (step: number): string => `${Math.max(4 * step, 60)}s`;

export interface QueryWindow {
  start: number;
  end: number;
  step: number;
}

/**
 * The window to ask for at `now` (seconds). A preset's end is rounded down to its step, so two
 * polls within one step ask the same question and are answered from the cache.
 */
export const queryWindow = (range: TimeRange, now: number): QueryWindow => {
  if (range.kind === 'custom') {
    const step = rangeStep(Math.max(range.end - range.start, 1));
    return { start: range.start, end: range.end, step };
  }
  const step = rangeStep(range.seconds);
  const end = Math.floor(now / step) * step;
  return { start: end - range.seconds, end, step };
};

/** A custom range, checked: both ends numbers, the start before the end, not in the future. */
export const customRange = (start: number, end: number, now: number): TimeRange | string => {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return 'invalid';
  if (start >= end) return 'startAfterEnd';
  if (start > now) return 'future';
  return { kind: 'custom', start, end: Math.min(end, now) };
};
