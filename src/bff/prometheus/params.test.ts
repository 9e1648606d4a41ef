import { describe, expect, it } from 'vitest';
import { capTimeout, parseDuration, parseTime, single, tooManyPoints, ParamError } from './params';

describe('Prometheus parameters', () => {
  it('reads durations and times as Prometheus does', () => {
    expect(parseDuration('15')).toBe(15);
    expect(parseDuration('0.5')).toBe(0.5);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('1d')).toBe(86_400);
    expect(parseDuration('250ms')).toBe(0.25);
    expect(parseDuration('')).toBeUndefined();
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseTime('1700000000.5')).toBe(1_700_000_000.5);
    expect(parseTime('2023-11-14T22:13:20Z')).toBe(1_700_000_000);
    expect(parseTime('yesterday')).toBeUndefined();
  });

  it('counts the points of a range and names the least step that fits', () => {
    const range = (start: string, end: string, step: string): [string, string][] => [
      ['start', start],
      ['end', end],
      ['step', step],
    ];
    expect(tooManyPoints(range('0', '11000', '1'))).toBeUndefined();
    expect(tooManyPoints(range('0', '11001', '1'))).toMatch(/at least 2s/);
    expect(tooManyPoints(range('0', '604800', '30s'))).toMatch(/20161 points.*at least 55s/);
    expect(tooManyPoints(range('0', 'later', '1'))).toBeUndefined(); // Prometheus will say
  });

  it('caps the query timeout', () => {
    expect(capTimeout([['query', 'up']], 60)).toEqual([
      ['query', 'up'],
      ['timeout', '60s'],
    ]);
    expect(capTimeout([['timeout', '10m']], 60)).toEqual([['timeout', '60s']]);
    expect(capTimeout([['timeout', '5s']], 60)).toEqual([['timeout', '5s']]);
  });

  it('takes a parameter given twice with one value, and refuses two values', () => {
    expect(
      single(
        [
          ['a', '1'],
          ['a', '1'],
        ],
        'a',
      ),
    ).toBe('1');
    expect(() =>
      single(
        [
          ['a', '1'],
          ['a', '2'],
        ],
        'a',
      ),
    ).toThrow(ParamError);
  });
});
