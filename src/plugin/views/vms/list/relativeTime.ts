const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

// Building an Intl formatter costs far more than using one: one per language, kept.
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const exactFormats = new Map<string, Intl.DateTimeFormat>();
const cached = <F>(cache: Map<string, F>, language: string, make: () => F): F => {
  let format = cache.get(language);
  if (!format) cache.set(language, (format = make()));
  return format;
};

/** "3 hours ago" in the user's language (the browser's Intl, no strings of our own). */
export const relativeTime = (iso: string, language: string, now = Date.now()): string => {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (!Number.isFinite(seconds)) return iso;
  const format = cached(
    relativeFormats,
    language,
    () => new Intl.RelativeTimeFormat(language, { numeric: 'auto' }),
  );
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second')
      return format.format(Math.round(seconds / size), unit);
  }
  return iso;
};

export const exactTime = (iso: string, language: string): string => {
  const date = new Date(iso);
  return Number.isFinite(date.getTime())
    ? cached(
        exactFormats,
        language,
        () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'long' }),
      ).format(date)
    : iso;
};
