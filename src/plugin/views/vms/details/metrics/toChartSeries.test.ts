import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { MEMORY, STORAGE_READ } from '../../../../api/prometheus/vmQueries';
import { toChartSeries } from './toChartSeries';

const t = i18next.t.bind(i18next) as TFunction;

describe('toChartSeries', () => {
  it('names series by the builder and keeps its order (used before allocated)', () => {
    const series = toChartSeries(
      [
        { metric: { series: 'allocated' }, values: [[10, '2048']] },
        { metric: { series: 'used' }, values: [[10, '1024']] },
      ],
      MEMORY,
      t,
    );
    expect(series.map((s) => [s.id, s.label])).toEqual([
      ['series=used', 'Used'],
      ['series=allocated', 'Allocated'],
    ]);
    expect(series[0]?.points).toEqual([[10, 1024]]);
  });

  it('sorts per-drive series by name and keeps NaN as a gap', () => {
    const series = toChartSeries(
      [
        { metric: { drive: 'rootdisk' }, values: [[10, 'NaN']] },
        { metric: { drive: 'datadisk' }, values: [[10, '5']] },
      ],
      STORAGE_READ,
      t,
    );
    expect(series.map((s) => s.label)).toEqual(['datadisk', 'rootdisk']);
    expect(Number.isNaN(series[1]?.points[0]?.[1])).toBe(true);
  });
});
