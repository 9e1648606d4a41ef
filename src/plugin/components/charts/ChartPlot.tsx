import {
  useId,
  useMemo,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type CSSProperties,
} from 'react';
import type { MetricUnit } from '../../api/prometheus/promql';
import { usePluginTranslation } from '../../i18n';
import type { ChartSeries } from './chartTypes';
import { ChartTooltip } from './ChartTooltip';
import { formatMetric } from './formatMetric';
import { plotGeometry } from './plotGeometry';
import { dataTimes, nearestTime, valuesAt } from './series';
import { formatTime } from './ticks';

export interface ColoredSeries {
  series: ChartSeries;
  color: string;
}

interface ChartPlotProps {
  title: string;
  series: ColoredSeries[];
  unit: MetricUnit;
  window: { start: number; end: number };
  width: number;
  height: number;
  compact: boolean;
  stacked: boolean;
  onZoom?: (start: number, end: number) => void;
}

/** A drag shorter than this (pixels) is a click, not a span. */
const MIN_DRAG = 5;

const AXIS_TEXT: CSSProperties = {
  fill: 'var(--pf-t--global--text--color--subtle)',
  fontSize: 'var(--pf-t--global--font--size--xs)',
};
const GRID: CSSProperties = { stroke: 'var(--pf-t--global--border--color--default)' };

/**
 * The SVG of a chart: grid, axes, one path per run of each series, a crosshair with a tooltip
 * under the pointer (or moved with the arrow keys), and a drag selection for zooming. The
 * geometry is computed once per data and size; hovering redraws only the crosshair.
 */
export const ChartPlot = ({
  title,
  series,
  unit,
  window,
  width,
  height,
  compact,
  stacked,
  onZoom,
}: ChartPlotProps) => {
  const { t } = usePluginTranslation();
  const clipId = useId();
  const [cursor, setCursor] = useState<number | null>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const plain = useMemo(() => series.map((s) => s.series), [series]);
  const geometry = useMemo(
    () =>
      plotGeometry({
        series: plain,
        unit,
        window,
        width,
        height,
        compact,
        stacked,
        t,
      }),
    // The window's bounds, not its object, decide the geometry.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [plain, unit, window.start, window.end, width, height, compact, stacked, t],
  );
  const times = useMemo(() => dataTimes(plain), [plain]);
  const { margin, plotWidth, plotHeight, x, timeAt } = geometry;

  const values = useMemo(
    () =>
      cursor === null
        ? []
        : valuesAt(plain, cursor, (geometry.step ?? window.end - window.start) / 2),
    [cursor, plain, geometry.step, window.end, window.start],
  );
  const rowText = (label: string, value: number | null) =>
    t('{{series}}: {{value}}', {
      series: label,
      value: value === null ? t('no value') : formatMetric(value, unit, t),
    });
  const summary =
    cursor === null
      ? t('Move with the arrow keys to read the values')
      : [formatTime(cursor, 'full'), ...values.map((v) => rowText(v.label, v.value))].join('; ');

  const pointerX = (event: MouseEvent<HTMLDivElement>) =>
    event.clientX - event.currentTarget.getBoundingClientRect().left;
  const clampX = (px: number) => Math.min(Math.max(px, margin.left), margin.left + plotWidth);

  const onMouseMove = (event: MouseEvent<HTMLDivElement>) => {
    const px = pointerX(event);
    if (drag) setDrag({ from: drag.from, to: clampX(px) });
    setCursor(nearestTime(plain, timeAt(px)) ?? null);
  };
  const onMouseDown = (event: MouseEvent<HTMLDivElement>) => {
    if (!onZoom || event.button !== 0) return;
    event.preventDefault(); // no text selection while dragging
    const px = clampX(pointerX(event));
    setDrag({ from: px, to: px });
  };
  const onMouseUp = () => {
    if (drag && onZoom && Math.abs(drag.to - drag.from) >= MIN_DRAG) {
      const start = timeAt(Math.min(drag.from, drag.to));
      const end = timeAt(Math.max(drag.from, drag.to));
      onZoom(Math.floor(start), Math.ceil(end));
    }
    setDrag(null);
  };
  const onMouseLeave = () => {
    setDrag(null);
    setCursor(null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!times.length) return;
    const last = times.length - 1;
    const index = cursor === null ? -1 : times.indexOf(cursor);
    const moves: Record<string, () => number | null> = {
      ArrowRight: () => times[index < 0 ? 0 : Math.min(index + 1, last)] ?? null,
      ArrowLeft: () => times[index < 0 ? last : Math.max(index - 1, 0)] ?? null,
      Home: () => times[0] ?? null,
      End: () => times[last] ?? null,
      Escape: () => null,
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    setCursor(move());
  };

  const cursorX = cursor === null ? undefined : x(cursor);
  return (
    <div
      role="slider"
      tabIndex={0}
      aria-label={t('{{title}} over time', { title })}
      aria-valuemin={window.start}
      aria-valuemax={window.end}
      aria-valuenow={cursor ?? window.end}
      aria-valuetext={summary}
      onMouseMove={onMouseMove}
      onMouseDown={onMouseDown}
      onMouseUp={onMouseUp}
      onMouseLeave={onMouseLeave}
      onKeyDown={onKeyDown}
      onBlur={() => setCursor(null)}
      style={{ position: 'relative', width, height, cursor: onZoom ? 'crosshair' : undefined }}
    >
      <svg width={width} height={height} aria-hidden="true" style={{ display: 'block' }}>
        <defs>
          <clipPath id={clipId}>
            <rect x={margin.left} y={margin.top - 2} width={plotWidth} height={plotHeight + 4} />
          </clipPath>
        </defs>
        {geometry.yTicks.map((tick) => (
          <g key={tick.y}>
            <line
              x1={margin.left}
              x2={margin.left + plotWidth}
              y1={tick.y}
              y2={tick.y}
              style={GRID}
            />
            <text x={margin.left - 6} y={tick.y} dy="0.32em" textAnchor="end" style={AXIS_TEXT}>
              {tick.label}
            </text>
          </g>
        ))}
        {geometry.xTicks.map((tick) => (
          <text
            key={tick.x}
            x={tick.x}
            y={margin.top + plotHeight + 16}
            textAnchor="middle"
            style={AXIS_TEXT}
          >
            {tick.label}
          </text>
        ))}
        <g clipPath={`url(#${clipId})`}>
          {geometry.shapes.map((shape, i) => {
            const color = series[i]?.color;
            const id = series[i]?.series.id ?? i;
            return (
              <g key={id} data-series={id}>
                {shape.area && (
                  <path d={shape.area} style={{ fill: color, fillOpacity: stacked ? 0.5 : 0.15 }} />
                )}
                {shape.line && (
                  <path
                    d={shape.line}
                    style={{ fill: 'none', stroke: color, strokeWidth: compact ? 1.5 : 2 }}
                  />
                )}
                {shape.dots.map(([px, py]) => (
                  <circle key={px} cx={px} cy={py} r={2.5} style={{ fill: color }} />
                ))}
              </g>
            );
          })}
        </g>
        {cursorX !== undefined && !drag && (
          <line
            data-testid="chart-crosshair"
            x1={cursorX}
            x2={cursorX}
            y1={margin.top}
            y2={margin.top + plotHeight}
            style={{ stroke: 'var(--pf-t--global--text--color--subtle)', strokeDasharray: '3 3' }}
          />
        )}
        {drag && (
          <rect
            data-testid="chart-selection"
            x={Math.min(drag.from, drag.to)}
            y={margin.top}
            width={Math.abs(drag.to - drag.from)}
            height={plotHeight}
            style={{ fill: 'var(--pf-t--global--color--brand--default)', fillOpacity: 0.15 }}
          />
        )}
      </svg>
      {cursor !== null && cursorX !== undefined && !drag && (
        <ChartTooltip
          time={cursor}
          x={cursorX}
          top={margin.top}
          flip={cursorX > width / 2}
          rows={values.map((v) => ({
            id: v.id,
            color: series.find((s) => s.series.id === v.id)?.color ?? '',
            text: rowText(v.label, v.value),
          }))}
        />
      )}
    </div>
  );
};
