import { Bullseye, Skeleton } from '@patternfly/react-core';
import { memo, useCallback, useMemo, useState } from 'react';
import { usePluginTranslation } from '../../i18n';
import type { ChartSeries, TimeSeriesChartProps } from './chartTypes';
import { ChartLegend } from './ChartLegend';
import { ChartPlot } from './ChartPlot';
import { seriesColor } from './palette';
import { hasPoints } from './series';
import { useElementWidth } from './useElementWidth';

export type { ChartSeries, TimeSeriesChartProps } from './chartTypes';

/** The width drawn at before the container is measured (and where it cannot be, in tests). */
const FALLBACK_WIDTH = 600;

const TimeSeriesChartView = ({
  title,
  series,
  unit,
  window,
  height = 200,
  compact = false,
  stacked = false,
  loading = false,
  emptyText,
  onZoom,
}: TimeSeriesChartProps) => {
  const { t } = usePluginTranslation();
  const [ref, measured] = useElementWidth<HTMLDivElement>();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  // Colours follow a series' place in the whole list, so hiding one does not repaint the rest.
  const colored = useMemo(
    () => series.map((s, i) => ({ series: s, color: seriesColor(i) })),
    [series],
  );
  const visible = useMemo(() => colored.filter((c) => !hidden.has(c.series.id)), [colored, hidden]);
  const toggle = useCallback(
    (id: string) =>
      setHidden((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const drawable = hasPoints(series);

  let body;
  if (!drawable && loading)
    body = <Skeleton height={`${height}px`} screenreaderText={t('Loading {{title}}', { title })} />;
  else if (!drawable)
    body = (
      <Bullseye
        style={{
          height: '100%',
          color: 'var(--pf-t--global--text--color--subtle)',
          border:
            'var(--pf-t--global--border--width--regular) dashed var(--pf-t--global--border--color--default)',
          borderRadius: 'var(--pf-t--global--border--radius--small)',
          textAlign: 'center',
          padding: 'var(--pf-t--global--spacer--sm)',
        }}
      >
        {emptyText ?? t('No data')}
      </Bullseye>
    );
  else
    body = (
      <ChartPlot
        title={title}
        series={visible}
        unit={unit}
        window={window}
        width={measured || FALLBACK_WIDTH}
        height={height}
        compact={compact}
        stacked={stacked}
        onZoom={onZoom}
      />
    );

  return (
    <div role="figure" aria-label={title} className="virtualization-plugin__chart">
      <div ref={ref} style={{ position: 'relative', height }}>
        {body}
      </div>
      {!compact && drawable && <ChartLegend series={colored} hidden={hidden} onToggle={toggle} />}
    </div>
  );
};

const sameSeries = (a: ChartSeries[], b: ChartSeries[]): boolean =>
  a === b ||
  (a.length === b.length &&
    a.every((s, i) => {
      const other = b[i];
      if (!other || s.id !== other.id || s.label !== other.label) return false;
      if (s.points === other.points) return true;
      return (
        s.points.length === other.points.length &&
        s.points.every((p, j) => {
          const q = other.points[j];
          return !!q && Object.is(p[0], q[0]) && Object.is(p[1], q[1]);
        })
      );
    }));

/**
 * Whether a chart would draw the same: series and window compared by value, the rest by
 * identity. A poll that brought the same numbers in new arrays does not redraw.
 */
export const sameChartProps = (a: TimeSeriesChartProps, b: TimeSeriesChartProps): boolean => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof TimeSeriesChartProps)[]);
  for (const key of keys) {
    if (key === 'series') {
      if (!sameSeries(a.series, b.series)) return false;
    } else if (key === 'window') {
      if (a.window.start !== b.window.start || a.window.end !== b.window.end) return false;
    } else if (!Object.is(a[key], b[key])) return false;
  }
  return true;
};

/**
 * A time-series chart in SVG: width from its container, y ticks in the unit, time ticks fitted
 * to the window, a legend that hides series, a crosshair and tooltip (arrow keys when focused),
 * drag to zoom, gaps drawn as gaps, "No data" and a loading skeleton.
 */
export const TimeSeriesChart = memo(TimeSeriesChartView, sameChartProps);
