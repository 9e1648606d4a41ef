import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseGoDuration } from './goDuration';

describe('parseGoDuration', () => {
  it('reads the timeouts the checkup ConfigMaps carry', () => {
    expect(parseGoDuration('5m')).toBe(5 * 60e9);
    expect(parseGoDuration('10m')).toBe(10 * 60e9);
    expect(parseGoDuration('1h30m')).toBe(90 * 60e9);
    expect(parseGoDuration('1.5s')).toBe(1.5e9);
    expect(parseGoDuration('300ms')).toBe(300e6);
    expect(parseGoDuration('2us')).toBe(2e3);
    expect(parseGoDuration('2µs')).toBe(2e3);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('-1m')).toBe(-60e9);
  });

  it("refuses what Go refuses, with Go's message", () => {
    expect(() => parseGoDuration('5')).toThrow('time: missing unit in duration "5"');
    expect(() => parseGoDuration('5d')).toThrow('time: unknown unit "d" in duration "5d"');
    expect(() => parseGoDuration('')).toThrow('time: invalid duration ""');
    expect(() => parseGoDuration('abc')).toThrow('time: invalid duration "abc"');
    expect(() => parseGoDuration('m')).toThrow('time: invalid duration "m"');
  });
});

describe('formatGoDuration', () => {
  it("writes durations as Go's Duration.String does", () => {
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(577_000)).toBe('577µs');
    expect(formatGoDuration(135_500)).toBe('135.5µs');
    expect(formatGoDuration(1_234_567)).toBe('1.234567ms');
    expect(formatGoDuration(10e6)).toBe('10ms');
    expect(formatGoDuration(999)).toBe('999ns');
    expect(formatGoDuration(2.5e9)).toBe('2.5s');
    expect(formatGoDuration(5 * 60e9)).toBe('5m0s');
    expect(formatGoDuration(3600e9 + 1e9)).toBe('1h0m1s');
  });
});
