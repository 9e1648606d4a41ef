import { describe, expect, it } from 'vitest';
import { customRange, queryWindow, rangeStep, rateWindow } from './timeRange';

describe('rangeStep', () => {
  it('keeps every preset near 240 points with a readable step', () => {
    expect(rangeStep(300)).toBe(5);
    expect(rangeStep(3600)).toBe(15);
    expect(rangeStep(86400)).toBe(600);
    expect(rangeStep(7 * 86400)).toBe(3600);
  });

  it('never goes below the scrape interval nor above a day', () => {
    expect(rangeStep(1)).toBe(5);
    expect(rangeStep(365 * 86400)).toBe(86400);
  });
});

describe('queryWindow', () => {
  it('rounds the end of a preset down to its step, so polls within a step ask the same', () => {
    const a = queryWindow({ kind: 'last', seconds: 3600 }, 1_000_007);
    const b = queryWindow({ kind: 'last', seconds: 3600 }, 1_000_009);
    expect(a).toEqual({ start: 1_000_005 - 3600, end: 1_000_005, step: 15 });
    expect(b).toEqual(a);
  });

  it('keeps a custom window as given', () => {
    expect(queryWindow({ kind: 'custom', start: 1000, end: 4600 }, 9_999_999)).toEqual({
      start: 1000,
      end: 4600,
      step: 15,
    });
  });
});

describe('customRange', () => {
  it('refuses a start after the end, a future start and non-numbers', () => {
    expect(customRange(200, 100, 1000)).toBe('startAfterEnd');
    expect(customRange(2000, 3000, 1000)).toBe('future');
    expect(customRange(NaN, 100, 1000)).toBe('invalid');
  });

  it('clips the end to now', () => {
    expect(customRange(100, 5000, 1000)).toEqual({ kind: 'custom', start: 100, end: 1000 });
  });
});

describe('rateWindow', () => {
  it('is four steps and at least a minute', () => {
    expect(rateWindow(5)).toBe('60s');
    expect(rateWindow(600)).toBe('2400s');
  });
});
