import { beforeAll, describe, expect, it } from 'vitest';
import { formatTime, niceStep, timeTicks, valueAxis } from './ticks';

beforeAll(() => {
  process.env.TZ = 'UTC';
});

describe('niceStep', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(0.3)).toBe(0.5);
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.1)).toBe(2);
    expect(niceStep(2.2)).toBe(2.5);
    expect(niceStep(70)).toBe(100);
  });
});

describe('valueAxis', () => {
  it('ticks bytes in the scale of the largest value', () => {
    const axis = valueAxis(0, 3.2 * 1024 ** 3, 'bytes');
    expect(axis.ticks.map((tick) => tick / 1024 ** 3)).toEqual([0, 1, 2, 3, 4]);
    expect(axis.max).toBe(4 * 1024 ** 3);
  });

  it('moves up a scale when the top reaches it (1.5 MiB, not 1,500 KiB)', () => {
    const axis = valueAxis(0, 1020 * 1024, 'bytes');
    expect(axis.scale.divisor).toBe(1024 ** 2);
    expect(axis.max).toBeGreaterThanOrEqual(1020 * 1024);
  });

  it('ticks latency in milliseconds', () => {
    const axis = valueAxis(0, 0.0042, 'seconds');
    expect(axis.scale.divisor).toBe(1e-3);
    expect(axis.ticks.map((tick) => Math.round(tick * 1e6) / 1e3)).toEqual([0, 2, 4, 6]);
  });

  it('runs from zero to one base unit when everything is zero', () => {
    const axis = valueAxis(0, 0, 'cores');
    expect(axis.ticks).toEqual([0, 1]);
  });

  it('goes below zero for negative data', () => {
    const axis = valueAxis(-3, 7, 'count');
    expect(axis.min).toBeLessThanOrEqual(-3);
    expect(axis.ticks).toContain(0);
  });
});

describe('timeTicks', () => {
  it('fits clock times to a one-hour window', () => {
    const start = Date.UTC(2026, 0, 5, 10, 7) / 1000;
    const ticks = timeTicks(start, start + 3600, 8);
    expect(ticks.map((tick) => formatTime(tick.time, tick.kind))).toEqual([
      '10:10',
      '10:20',
      '10:30',
      '10:40',
      '10:50',
      '11:00',
    ]);
    expect(
      timeTicks(start, start + 3600, 4).map((tick) => formatTime(tick.time, tick.kind)),
    ).toEqual(['10:15', '10:30', '10:45', '11:00']);
  });

  it('shows seconds on a short window', () => {
    const start = Date.UTC(2026, 0, 5, 10, 0, 5) / 1000;
    const ticks = timeTicks(start, start + 300, 12);
    expect(ticks[0]).toEqual({ time: start + 25, kind: 'seconds' });
  });

  it('names the days of a week-long window by their date', () => {
    const start = Date.UTC(2026, 0, 5, 10) / 1000;
    const ticks = timeTicks(start, start + 7 * 86400, 8);
    expect(ticks.every((tick) => tick.kind === 'date')).toBe(true);
    expect(formatTime(ticks[0]!.time, 'date')).toBe('Jan 6');
  });

  it('marks midnight by its date on a two-day window and keeps clock times between', () => {
    const start = Date.UTC(2026, 0, 5, 10) / 1000;
    const ticks = timeTicks(start, start + 2 * 86400, 8);
    const midnight = ticks.find((tick) => tick.time === Date.UTC(2026, 0, 6) / 1000);
    expect(midnight?.kind).toBe('date');
    expect(ticks.some((tick) => tick.kind === 'time')).toBe(true);
  });
});
