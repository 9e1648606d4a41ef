/**
 * Cron schedules as DataImportCrons (and Kubernetes CronJobs) write them: five fields, minute
 * hour day-of-month month day-of-week, each `*`, a value, a range `a-b`, a step `*\/n`, `a-b/n`
 * or `a/n` (from a to the field's end), or a comma list of those. Months and weekdays also take
 * their English names (`JAN`, `mon-fri`); weekday 7 is Sunday as 0 is. `?` stands for `*` in the
 * day fields, and the macros `@yearly` … `@hourly` are accepted, as cronexpr (the library CDI
 * uses) accepts them. When both day fields are restricted a day matches either (Vixie cron).
 */

export class CronError extends Error {
  constructor(
    message: string,
    /** The field that is wrong (`minute`, `hour`, …), undefined when the whole expression is. */
    readonly field?: FieldName,
  ) {
    super(message);
    this.name = 'CronError';
  }
}

export type FieldName = 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week';

interface FieldSpec {
  name: FieldName;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 0, max: 7, names: WEEKDAYS },
];

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** A parsed schedule: the allowed values of each field. */
export interface CronSchedule {
  source: string;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0–6, Sunday 0. */
  daysOfWeek: ReadonlySet<number>;
  /** Whether the day-of-month / day-of-week field was `*` (or `?`). */
  anyDayOfMonth: boolean;
  anyDayOfWeek: boolean;
}

const fail = (spec: FieldSpec, text: string, why: string): never => {
  throw new CronError(`invalid ${spec.name} field ${JSON.stringify(text)}: ${why}`, spec.name);
};

const parseValue = (spec: FieldSpec, text: string, part: string): number => {
  if (/^\d+$/.test(part)) {
    const value = Number(part);
    if (value < spec.min || value > spec.max)
      fail(spec, text, `${value} is out of range ${spec.min}-${spec.max}`);
    return value;
  }
  const index = spec.names?.indexOf(part.toUpperCase()) ?? -1;
  if (index < 0) {
    const hint = spec.names ? ` or a name (${spec.names.join(', ')})` : '';
    fail(spec, text, `${JSON.stringify(part)} is not a number${hint}`);
  }
  return spec.name === 'month' ? index + 1 : index;
};

const parseField = (spec: FieldSpec, text: string): { values: Set<number>; any: boolean } => {
  const values = new Set<number>();
  const wildcard = text === '*' || (text === '?' && spec.name.startsWith('day'));
  for (const item of text.split(',')) {
    if (!item) fail(spec, text, 'empty list item');
    const [range = '', stepText, ...extra] = item.split('/');
    if (extra.length) fail(spec, text, `${JSON.stringify(item)} has more than one "/"`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0)
        fail(spec, text, `step ${JSON.stringify(stepText)} must be a positive number`);
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (range === '*' || (range === '?' && spec.name.startsWith('day'))) {
      from = spec.min;
      to = spec.name === 'day-of-week' ? 6 : spec.max;
    } else if (range.includes('-')) {
      const [a = '', b = '', ...more] = range.split('-');
      if (more.length || !a || !b) fail(spec, text, `${JSON.stringify(range)} is not a range`);
      from = parseValue(spec, text, a);
      to = parseValue(spec, text, b);
      if (from > to) fail(spec, text, `range ${range} goes backwards`);
    } else {
      if (!range) fail(spec, text, 'missing value');
      from = parseValue(spec, text, range);
      // `a/n` runs from a to the end of the field, as cron does.
      to = stepText !== undefined ? spec.max : from;
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  if (spec.name === 'day-of-week' && values.delete(7)) values.add(0);
  return { values, any: wildcard };
};

/** Parses a schedule; throws CronError naming the field that is wrong. */
export const parseCron = (expression: string): CronSchedule => {
  const source = expression.trim();
  const expanded = MACROS[source.toLowerCase()] ?? source;
  if (expanded.startsWith('@'))
    throw new CronError(`unknown macro ${JSON.stringify(source)} (try @hourly, @daily, @weekly)`);
  const parts = expanded.split(/\s+/).filter(Boolean);
  if (parts.length !== 5) {
    throw new CronError(
      `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length} in ${JSON.stringify(source)}`,
    );
  }
  const [minute, hour, dom, month, dow] = FIELDS.map((spec, i) => parseField(spec, parts[i] ?? ''));
  if (!minute || !hour || !dom || !month || !dow) throw new CronError('unreachable');
  return {
    source,
    minutes: minute.values,
    hours: hour.values,
    daysOfMonth: dom.values,
    months: month.values,
    daysOfWeek: dow.values,
    anyDayOfMonth: dom.any,
    anyDayOfWeek: dow.any,
  };
};

/** The parse error's message, or undefined when the schedule is valid. */
export const cronError = (expression: string): string | undefined => {
  try {
    parseCron(expression);
    return undefined;
  } catch (error) {
    if (error instanceof CronError) return error.message;
    throw error;
  }
};

export interface NextRunOptions {
  /** Evaluate in UTC (default) or in the process's local time zone. */
  utc?: boolean;
}

const dayMatches = (schedule: CronSchedule, dayOfMonth: number, dayOfWeek: number) => {
  const dom = schedule.daysOfMonth.has(dayOfMonth);
  const dow = schedule.daysOfWeek.has(dayOfWeek);
  if (schedule.anyDayOfMonth && schedule.anyDayOfWeek) return true;
  if (schedule.anyDayOfMonth) return dow;
  if (schedule.anyDayOfWeek) return dom;
  return dom || dow;
};

// Eight years cover every combination of leap years and weekdays a schedule can wait for.
const SEARCH_YEARS = 8;

/**
 * The first time strictly after `after` (to the minute) the schedule fires, or undefined when
 * it never does (`0 0 30 2 *`).
 */
export const nextRun = (
  schedule: CronSchedule | string,
  after: Date,
  options: NextRunOptions = {},
): Date | undefined => {
  const s = typeof schedule === 'string' ? parseCron(schedule) : schedule;
  const utc = options.utc ?? true;
  const t = new Date(after.getTime());
  // Cron fires on whole minutes: start at the next one.
  if (utc) t.setUTCSeconds(0, 0);
  else t.setSeconds(0, 0);
  const get = {
    month: () => (utc ? t.getUTCMonth() : t.getMonth()) + 1,
    day: () => (utc ? t.getUTCDate() : t.getDate()),
    weekday: () => (utc ? t.getUTCDay() : t.getDay()),
    hour: () => (utc ? t.getUTCHours() : t.getHours()),
    minute: () => (utc ? t.getUTCMinutes() : t.getMinutes()),
    year: () => (utc ? t.getUTCFullYear() : t.getFullYear()),
  };
  const addMinutes = (n: number) => t.setTime(t.getTime() + n * 60_000);
  addMinutes(1);
  const limit = get.year() + SEARCH_YEARS;
  while (get.year() <= limit) {
    if (!s.months.has(get.month())) {
      // First minute of the next month.
      if (utc) t.setUTCMonth(t.getUTCMonth() + 1, 1);
      else t.setMonth(t.getMonth() + 1, 1);
      if (utc) t.setUTCHours(0, 0, 0, 0);
      else t.setHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(s, get.day(), get.weekday())) {
      if (utc) t.setUTCDate(t.getUTCDate() + 1);
      else t.setDate(t.getDate() + 1);
      if (utc) t.setUTCHours(0, 0, 0, 0);
      else t.setHours(0, 0, 0, 0);
      continue;
    }
    if (!s.hours.has(get.hour())) {
      const before = get.hour();
      if (utc) t.setUTCHours(before + 1, 0, 0, 0);
      else t.setHours(before + 1, 0, 0, 0);
      continue;
    }
    if (!s.minutes.has(get.minute())) {
      addMinutes(1);
      continue;
    }
    return new Date(t.getTime());
  }
  return undefined;
};
