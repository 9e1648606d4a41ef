import { describe, expect, it } from 'vitest';
import type { ChartSeries } from './chartTypes';
import { inferStep, nearestTime, splitGaps, stackSeries, valueExtent, valuesAt } from './series';

const series = (id: string, points: [number, number][]): ChartSeries => ({
  id,
  label: id.toUpperCase(),
  points,
});

describe('splitGaps', () => {
  it('starts a new run where samples are missing, never bridging the gap', () => {
    const points: [number, number][] = [
      [0, 1],
      [15, 2],
      [30, 3],
      [90, 4],
      [105, 5],
    ];
    expect(splitGaps(points, 15)).toEqual([
      [
        [0, 1],
        [15, 2],
        [30, 3],
      ],
      [
        [90, 4],
        [105, 5],
      ],
    ]);
  });

  it('breaks at values that are not numbers (0/0 latency)', () => {
    expect(
      splitGaps(
        [
          [0, 1],
          [15, NaN],
          [30, 3],
        ],
        15,
      ),
    ).toEqual([[[0, 1]], [[30, 3]]]);
  });
});

describe('inferStep', () => {
  it('is the smallest spacing of any series', () => {
    expect(
      inferStep([
        series('a', [
          [0, 1],
          [30, 1],
        ]),
        series('b', [
          [0, 1],
          [15, 1],
          [60, 1],
        ]),
      ]),
    ).toBe(15);
    expect(inferStep([series('a', [[0, 1]])])).toBeUndefined();
  });
});

describe('tooltip values', () => {
  const data = [
    series('rx', [
      [0, 10],
      [15, 20],
      [30, 30],
    ]),
    series('tx', [
      [0, 1],
      [30, 3],
    ]),
  ];

  it('snaps to the nearest data time', () => {
    expect(nearestTime(data, 17)).toBe(15);
    expect(nearestTime([], 17)).toBeUndefined();
  });

  it("gives every series' value at the time, and none where a series has a gap", () => {
    expect(valuesAt(data, 15, 7.5)).toEqual([
      { id: 'rx', label: 'RX', value: 20 },
      { id: 'tx', label: 'TX', value: null },
    ]);
    expect(valuesAt(data, 30, 7.5).map((v) => v.value)).toEqual([30, 3]);
  });
});

describe('stacking', () => {
  it('puts each series on the sum of the ones before it', () => {
    const stacked = stackSeries([
      series('a', [
        [0, 1],
        [15, 2],
      ]),
      series('b', [
        [0, 10],
        [15, 20],
      ]),
    ]);
    expect(stacked[1]).toEqual([
      [0, 1, 11],
      [15, 2, 22],
    ]);
    expect(valueExtent([series('a', [[0, 1]]), series('b', [[0, 10]])], true)).toEqual([0, 11]);
  });
});
