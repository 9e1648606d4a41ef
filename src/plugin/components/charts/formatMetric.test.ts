import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatMetric, formatNumber } from './formatMetric';

const t = i18next.t.bind(i18next) as TFunction;

describe('formatMetric', () => {
  it('writes bytes and byte rates in binary units', () => {
    expect(formatMetric(0, 'bytes', t)).toBe('0 B');
    expect(formatMetric(512, 'bytes', t)).toBe('512 B');
    expect(formatMetric(1536, 'bytes', t)).toBe('1.5 KiB');
    expect(formatMetric(2 * 1024 ** 3, 'bytes', t)).toBe('2 GiB');
    expect(formatMetric(300 * 1024 ** 2, 'bytesPerSecond', t)).toBe('300 MiB/s');
  });

  it('writes latency in µs, ms or s, and vCPU wait in ms per second', () => {
    expect(formatMetric(0.0042, 'seconds', t)).toBe('4.2 ms');
    expect(formatMetric(0.00005, 'seconds', t)).toBe('50 µs');
    expect(formatMetric(2.5, 'seconds', t)).toBe('2.5 s');
    expect(formatMetric(0.035, 'secondsPerSecond', t)).toBe('35 ms/s');
  });

  it('writes cores, operations, counts and ratios', () => {
    expect(formatMetric(0.0123, 'cores', t)).toBe('0.0123 cores');
    expect(formatMetric(1.5, 'cores', t)).toBe('1.5 cores');
    expect(formatMetric(2500, 'operationsPerSecond', t)).toBe('2.5k ops/s');
    expect(formatMetric(12, 'operationsPerSecond', t)).toBe('12 ops/s');
    expect(formatMetric(7, 'count', t)).toBe('7');
    expect(formatMetric(0.42, 'ratio', t)).toBe('42%');
  });
});

describe('formatNumber', () => {
  it('keeps about three significant digits', () => {
    expect(formatNumber(123.456)).toBe('123');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(1.2345)).toBe('1.23');
    expect(formatNumber(1023)).toBe('1,023');
  });
});
