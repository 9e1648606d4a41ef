import { describe, expect, it } from 'vitest';
import { paramsWithRange, rangeFromParams, stepOf, zoomRange } from './metricsRange';

describe('the range in the URL', () => {
  it('reads a preset, a custom window in seconds or ISO dates, and falls back to 1h', () => {
    expect(rangeFromParams(new URLSearchParams('range=6h'))).toEqual({
      kind: 'last',
      seconds: 6 * 3600,
    });
    expect(rangeFromParams(new URLSearchParams('start=1000&end=4600'))).toEqual({
      kind: 'custom',
      start: 1000,
      end: 4600,
    });
    expect(
      rangeFromParams(new URLSearchParams('start=2026-01-05T10:00:00Z&end=2026-01-05T11:00:00Z')),
    ).toEqual({ kind: 'custom', start: 1767607200, end: 1767610800 });
    expect(rangeFromParams(new URLSearchParams('range=3y'))).toEqual({
      kind: 'last',
      seconds: 3600,
    });
    expect(rangeFromParams(new URLSearchParams('start=9&end=2'))).toEqual({
      kind: 'last',
      seconds: 3600,
    });
  });

  it('writes one form and drops the other, keeping unrelated parameters', () => {
    const custom = paramsWithRange(new URLSearchParams('range=1h&x=1'), {
      kind: 'custom',
      start: 10,
      end: 20,
    });
    expect(custom.toString()).toBe('x=1&start=10&end=20');
    expect(paramsWithRange(custom, { kind: 'last', seconds: 300 }).toString()).toBe('x=1&range=5m');
  });
});

describe('stepOf', () => {
  it('is the range step of the span, whatever the time', () => {
    expect(stepOf({ kind: 'last', seconds: 3600 })).toBe(15);
    expect(stepOf({ kind: 'custom', start: 0, end: 86400 })).toBe(600);
  });
});

describe('zoomRange', () => {
  it('keeps a wide span and widens a narrow one to a minute around its middle', () => {
    expect(zoomRange(100, 400)).toEqual({ kind: 'custom', start: 100, end: 400 });
    expect(zoomRange(100, 110)).toEqual({ kind: 'custom', start: 75, end: 135 });
  });
});
