import { describe, expect, it } from 'vitest';
import { CronError, cronError, nextRun, parseCron } from './cron';

const at = (iso: string) => new Date(iso);
const next = (expression: string, after: string) => nextRun(expression, at(after))?.toISOString();
/** The first `count` runs after `after`. */
const runs = (expression: string, after: string, count: number) => {
  const out: string[] = [];
  let t = at(after);
  for (let i = 0; i < count; i++) {
    const n = nextRun(expression, t);
    if (!n) break;
    out.push(n.toISOString().slice(0, 16));
    t = n;
  }
  return out;
};

describe('parseCron', () => {
  it('expands wildcards, values, ranges, steps and lists', () => {
    const s = parseCron('*/15 8-10,22 1,15 */3 1-5');
    expect([...s.minutes]).toEqual([0, 15, 30, 45]);
    expect([...s.hours]).toEqual([8, 9, 10, 22]);
    expect([...s.daysOfMonth]).toEqual([1, 15]);
    expect([...s.months]).toEqual([1, 4, 7, 10]);
    expect([...s.daysOfWeek]).toEqual([1, 2, 3, 4, 5]);
    expect(s.anyDayOfMonth).toBe(false);
  });

  it('reads HCO schedules: a start with a step runs to the end of the field', () => {
    const s = parseCron('55 8/12 * * *');
    expect([...s.minutes]).toEqual([55]);
    expect([...s.hours]).toEqual([8, 20]);
    expect(s.anyDayOfMonth && s.anyDayOfWeek).toBe(true);
    expect([...parseCron('0 */12 * * *').hours]).toEqual([0, 12]);
    expect([...parseCron('10-40/10 * * * *').minutes]).toEqual([10, 20, 30, 40]);
  });

  it('takes month and weekday names in any case, and 7 as Sunday', () => {
    const s = parseCron('0 0 * jan-MAR,Dec sun,Wed-fri');
    expect([...s.months]).toEqual([1, 2, 3, 12]);
    expect([...s.daysOfWeek].sort()).toEqual([0, 3, 4, 5]);
    expect([...parseCron('0 0 * * 7').daysOfWeek]).toEqual([0]);
    expect([...parseCron('0 0 * * 5-7').daysOfWeek].sort()).toEqual([0, 5, 6]);
  });

  it('accepts macros and ? in the day fields', () => {
    expect([...parseCron('@daily').hours]).toEqual([0]);
    expect([...parseCron('@hourly').minutes]).toEqual([0]);
    expect(parseCron('@weekly').daysOfWeek).toEqual(new Set([0]));
    expect(parseCron('0 0 ? * *').anyDayOfMonth).toBe(true);
    expect(parseCron('  0   0 * * *  ').source).toBe('0   0 * * *');
  });

  it.each([
    ['61 * * * *', 'minute', 'invalid minute field "61": 61 is out of range 0-59'],
    ['0 24 * * *', 'hour', 'invalid hour field "24": 24 is out of range 0-23'],
    ['0 0 0 * *', 'day-of-month', 'invalid day-of-month field "0": 0 is out of range 1-31'],
    ['0 0 * 13 *', 'month', 'invalid month field "13": 13 is out of range 1-12'],
    ['0 0 * * 8', 'day-of-week', 'invalid day-of-week field "8": 8 is out of range 0-7'],
    ['*/0 * * * *', 'minute', 'invalid minute field "*/0": step "0" must be a positive number'],
    ['0 10-2 * * *', 'hour', 'invalid hour field "10-2": range 10-2 goes backwards'],
    ['0 0 * FOO *', 'month', 'invalid month field "FOO": "FOO" is not a number or a name'],
    ['x * * * *', 'minute', 'invalid minute field "x": "x" is not a number'],
    ['0,,5 * * * *', 'minute', 'invalid minute field "0,,5": empty list item'],
    ['0 1-2-3 * * *', 'hour', 'invalid hour field "1-2-3": "1-2-3" is not a range'],
    ['0 0 1/2/3 * *', 'day-of-month', 'has more than one "/"'],
    ['0 ? * * *', 'hour', 'invalid hour field "?"'],
  ])('refuses %j, naming the %s field', (expression, field, message) => {
    let error: unknown;
    try {
      parseCron(expression);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CronError);
    expect((error as CronError).field).toBe(field);
    expect((error as CronError).message).toContain(message);
  });

  it('refuses a wrong number of fields and unknown macros', () => {
    expect(cronError('0 */12 * *')).toBe(
      'expected 5 fields (minute hour day-of-month month day-of-week), got 4 in "0 */12 * *"',
    );
    expect(cronError('0 0 * * * *')).toMatch(/got 6/);
    expect(cronError('')).toMatch(/got 0/);
    expect(cronError('@fortnightly')).toMatch(/unknown macro "@fortnightly"/);
    expect(cronError('0 */12 * * *')).toBeUndefined();
  });
});

describe('nextRun', () => {
  it('is strictly after the given time, on a whole minute', () => {
    expect(next('* * * * *', '2024-05-01T10:00:00Z')).toBe('2024-05-01T10:01:00.000Z');
    expect(next('* * * * *', '2024-05-01T10:00:59.999Z')).toBe('2024-05-01T10:01:00.000Z');
    expect(next('30 10 * * *', '2024-05-01T10:30:00Z')).toBe('2024-05-02T10:30:00.000Z');
  });

  it('follows an HCO schedule twice a day', () => {
    expect(runs('55 8/12 * * *', '2024-05-01T09:00:00Z', 3)).toEqual([
      '2024-05-01T20:55',
      '2024-05-02T08:55',
      '2024-05-02T20:55',
    ]);
  });

  it('carries over hours, days, months and years', () => {
    expect(next('0 0 * * *', '2024-12-31T23:59:00Z')).toBe('2025-01-01T00:00:00.000Z');
    expect(next('15 * * * *', '2024-02-29T23:20:00Z')).toBe('2024-03-01T00:15:00.000Z');
    expect(next('0 12 31 * *', '2024-04-01T00:00:00Z')).toBe('2024-05-31T12:00:00.000Z');
    expect(next('0 0 29 2 *', '2024-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('matches either day field when both are restricted, as cron does', () => {
    // 2024-05-01 is a Wednesday: the 13th (Monday) comes after Monday the 6th.
    expect(runs('0 0 13 * 1', '2024-05-01T00:00:00Z', 3)).toEqual([
      '2024-05-06T00:00',
      '2024-05-13T00:00',
      '2024-05-20T00:00',
    ]);
    // Only the weekday restricted: Fridays.
    expect(runs('0 9 * * FRI', '2024-05-01T00:00:00Z', 2)).toEqual([
      '2024-05-03T09:00',
      '2024-05-10T09:00',
    ]);
    // Only the day of month restricted.
    expect(next('0 9 10 * *', '2024-05-01T00:00:00Z')).toBe('2024-05-10T09:00:00.000Z');
  });

  it('steps through minutes and months', () => {
    expect(runs('*/20 * * * *', '2024-05-01T10:05:00Z', 4)).toEqual([
      '2024-05-01T10:20',
      '2024-05-01T10:40',
      '2024-05-01T11:00',
      '2024-05-01T11:20',
    ]);
    expect(runs('0 0 1 */4 *', '2024-02-15T00:00:00Z', 3)).toEqual([
      '2024-05-01T00:00',
      '2024-09-01T00:00',
      '2025-01-01T00:00',
    ]);
  });

  it('returns undefined for a schedule that never fires', () => {
    expect(nextRun('0 0 30 2 *', at('2024-01-01T00:00:00Z'))).toBeUndefined();
    expect(nextRun('0 0 31 4,6,9,11 *', at('2024-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('can evaluate in local time', () => {
    const after = new Date(2024, 4, 1, 10, 0);
    const run = nextRun('30 14 * * *', after, { utc: false });
    expect(run?.getHours()).toBe(14);
    expect(run?.getMinutes()).toBe(30);
    expect(run?.getDate()).toBe(1);
  });
});
