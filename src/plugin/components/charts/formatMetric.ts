import type { TFunction } from 'i18next';
import type { MetricUnit } from '../../api/prometheus/promql';

/** One way of writing a unit: values are divided by `divisor`, then labelled. */
export interface UnitScale {
  divisor: number;
  label: (value: string, t: TFunction) => string;
}

// Each label is its own literal t() call, so the strings can be extracted and translated.
const SCALES: Record<MetricUnit, UnitScale[]> = {
  bytes: [
    { divisor: 1, label: (value, t) => t('{{value}} B', { value }) },
    { divisor: 1024, label: (value, t) => t('{{value}} KiB', { value }) },
    { divisor: 1024 ** 2, label: (value, t) => t('{{value}} MiB', { value }) },
    { divisor: 1024 ** 3, label: (value, t) => t('{{value}} GiB', { value }) },
    { divisor: 1024 ** 4, label: (value, t) => t('{{value}} TiB', { value }) },
  ],
  bytesPerSecond: [
    { divisor: 1, label: (value, t) => t('{{value}} B/s', { value }) },
    { divisor: 1024, label: (value, t) => t('{{value}} KiB/s', { value }) },
    { divisor: 1024 ** 2, label: (value, t) => t('{{value}} MiB/s', { value }) },
    { divisor: 1024 ** 3, label: (value, t) => t('{{value}} GiB/s', { value }) },
  ],
  cores: [{ divisor: 1, label: (value, t) => t('{{value}} cores', { value }) }],
  operationsPerSecond: [
    { divisor: 1, label: (value, t) => t('{{value}} ops/s', { value }) },
    { divisor: 1000, label: (value, t) => t('{{value}}k ops/s', { value }) },
    { divisor: 1000 ** 2, label: (value, t) => t('{{value}}M ops/s', { value }) },
  ],
  seconds: [
    { divisor: 1e-6, label: (value, t) => t('{{value}} µs', { value }) },
    { divisor: 1e-3, label: (value, t) => t('{{value}} ms', { value }) },
    { divisor: 1, label: (value, t) => t('{{value}} s', { value }) },
  ],
  secondsPerSecond: [
    { divisor: 1e-3, label: (value, t) => t('{{value}} ms/s', { value }) },
    { divisor: 1, label: (value, t) => t('{{value}} s/s', { value }) },
  ],
  count: [
    { divisor: 1, label: (value) => value },
    { divisor: 1000, label: (value, t) => t('{{value}}k', { value }) },
    { divisor: 1000 ** 2, label: (value, t) => t('{{value}}M', { value }) },
  ],
  ratio: [{ divisor: 0.01, label: (value, t) => t('{{value}}%', { value }) }],
};

/** The scale in which `unit` is written at `magnitude`: the largest not bigger than it. */
export const scaleFor = (magnitude: number, unit: MetricUnit): UnitScale => {
  const scales = SCALES[unit];
  const base = scales.find((scale) => scale.divisor === 1) ?? (scales[0] as UnitScale);
  const size = Math.abs(magnitude);
  if (!Number.isFinite(size) || size === 0) return base;
  const fitting = scales.filter((scale) => scale.divisor <= size);
  return fitting.at(-1) ?? (scales[0] as UnitScale);
};

/** The next larger scale of `unit` after `scale`, if any. */
export const largerScale = (scale: UnitScale, unit: MetricUnit): UnitScale | undefined => {
  const scales = SCALES[unit];
  return scales[scales.indexOf(scale) + 1];
};

/** About three significant digits, in the reader's locale: 1234 → "1,234", 0.01234 → "0.0123". */
export const formatNumber = (value: number): string => {
  if (value === 0) return '0';
  const digits = Math.min(6, Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value)))));
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(value);
};

/** A value written in `scale`. */
export const formatInScale = (value: number, scale: UnitScale, t: TFunction): string =>
  scale.label(formatNumber(value / scale.divisor), t);

/** A value in its unit, scaled to read easily: 1536 bytes → "1.5 KiB", 0.004 s → "4 ms". */
export const formatMetric = (value: number, unit: MetricUnit, t: TFunction): string =>
  formatInScale(value, scaleFor(value, unit), t);
