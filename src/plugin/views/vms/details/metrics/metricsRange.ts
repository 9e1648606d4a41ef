import { PRESET_SPANS, rangeStep, type TimeRange } from '../../../../api/prometheus/timeRange';

/** The range when the URL names none. */
export const DEFAULT_RANGE: TimeRange = { kind: 'last', seconds: 3600 };

/** Refresh intervals offered, seconds (0: off). */
export const REFRESH_CHOICES = [0, 15, 30, 60, 300] as const;
export const DEFAULT_REFRESH = 30;

/** A zoom narrower than this is widened around its middle: a chart needs a few samples. */
export const MIN_ZOOM_SECONDS = 60;

/** A time in the URL: Unix seconds, or anything `Date` reads (an ISO date). */
const parseTime = (value: string | null): number => {
  if (!value) return NaN;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  return Date.parse(value) / 1000;
};

/** The range the URL names: `?range=1h`, or `?start=…&end=…` (Unix seconds or ISO dates). */
export const rangeFromParams = (params: URLSearchParams): TimeRange => {
  const start = parseTime(params.get('start'));
  const end = parseTime(params.get('end'));
  if (Number.isFinite(start) && Number.isFinite(end) && start < end)
    return { kind: 'custom', start: Math.floor(start), end: Math.ceil(end) };
  const preset = PRESET_SPANS.find((span) => span.id === params.get('range'));
  return preset ? { kind: 'last', seconds: preset.seconds } : DEFAULT_RANGE;
};

/** `params` with `range` written into them (and the other form's parameters removed). */
export const paramsWithRange = (params: URLSearchParams, range: TimeRange): URLSearchParams => {
  const next = new URLSearchParams(params);
  next.delete('range');
  next.delete('start');
  next.delete('end');
  if (range.kind === 'custom') {
    next.set('start', String(range.start));
    next.set('end', String(range.end));
  } else {
    const preset = PRESET_SPANS.find((span) => span.seconds === range.seconds);
    next.set('range', preset?.id ?? '1h');
  }
  return next;
};

/** The preset id of a range, or `custom`. */
export const rangeChoice = (range: TimeRange): string =>
  range.kind === 'custom'
    ? 'custom'
    : (PRESET_SPANS.find((span) => span.seconds === range.seconds)?.id ?? '1h');

/** The step a range is queried at (a preset's does not depend on the time it ends). */
export const stepOf = (range: TimeRange): number =>
  rangeStep(range.kind === 'custom' ? Math.max(range.end - range.start, 1) : range.seconds);

/** A dragged span as a range, at least `MIN_ZOOM_SECONDS` wide. */
export const zoomRange = (start: number, end: number): TimeRange => {
  if (end - start >= MIN_ZOOM_SECONDS) return { kind: 'custom', start, end };
  const middle = Math.round((start + end) / 2);
  return {
    kind: 'custom',
    start: middle - MIN_ZOOM_SECONDS / 2,
    end: middle + MIN_ZOOM_SECONDS / 2,
  };
};

const pad = (value: number) => String(value).padStart(2, '0');

/** Unix seconds as a `datetime-local` field's value, in local time (`2026-01-05T10:07`). */
export const toLocalInput = (seconds: number): string => {
  const date = new Date(seconds * 1000);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
};

/** A `datetime-local` field's value as Unix seconds (NaN when empty or invalid). */
export const fromLocalInput = (value: string): number =>
  value ? new Date(value).getTime() / 1000 : NaN;
