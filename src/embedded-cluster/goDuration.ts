// Go's time.Duration, as the checkups read `spec.timeout` (time.ParseDuration) and word their
// results (Duration.String): "5m", "1h30m", "577µs", "0s".

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5 micro sign
  μs: 1e3, // U+03BC Greek mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Nanoseconds of a Go duration string; throws Go's own error text when it is not one. */
export const parseGoDuration = (text: string): number => {
  const quoted = JSON.stringify(text);
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest.startsWith('-')) sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw new Error(`time: invalid duration ${quoted}`);
  let total = 0;
  while (rest !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest);
    const whole = number?.[1] ?? '';
    const fraction = number?.[2];
    if (!number || (whole === '' && (fraction === undefined || fraction === '')))
      throw new Error(`time: invalid duration ${quoted}`);
    rest = rest.slice(number[0].length);
    const unit = /^[^\d.]+/.exec(rest)?.[0];
    if (!unit) throw new Error(`time: missing unit in duration ${quoted}`);
    const scale = UNIT_NS[unit];
    if (scale === undefined)
      throw new Error(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    rest = rest.slice(unit.length);
    total += Number(`${whole || '0'}.${fraction ?? ''}0`) * scale;
  }
  return sign * Math.round(total);
};

/** A fraction's digits without trailing zeros: 500000 of 9 digits → ".0005"; 0 → "". */
const fractionDigits = (value: number, digits: number) => {
  const text = String(value).padStart(digits, '0').replace(/0+$/, '');
  return text ? `.${text}` : '';
};

/** Go's Duration.String() of a nanosecond count. */
export const formatGoDuration = (nanoseconds: number): string => {
  const ns = Math.round(Math.abs(nanoseconds));
  const sign = nanoseconds < 0 ? '-' : '';
  if (ns === 0) return '0s';
  if (ns < 1e3) return `${sign}${ns}ns`;
  if (ns < 1e6) return `${sign}${Math.floor(ns / 1e3)}${fractionDigits(ns % 1e3, 3)}µs`;
  if (ns < 1e9) return `${sign}${Math.floor(ns / 1e6)}${fractionDigits(ns % 1e6, 6)}ms`;
  const seconds = Math.floor(ns / 1e9);
  const secondsText = `${seconds % 60}${fractionDigits(ns % 1e9, 9)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 0) return `${sign}${secondsText}`;
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${sign}${minutes}m${secondsText}`;
  return `${sign}${hours}h${minutes % 60}m${secondsText}`;
};

/**
 * Milliseconds of a metav1.Duration field such as `failureDeadline` or `ttlDuration` (`5m`,
 * `1h30m`); a bare number counts as seconds, as the snapshot documentation says. Undefined when
 * invalid.
 */
export const durationMs = (value: unknown): number | undefined => {
  const text = String(value ?? '').trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1_000;
  try {
    return parseGoDuration(text) / 1e6;
  } catch {
    return undefined;
  }
};
