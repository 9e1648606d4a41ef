import type { CSSProperties } from 'react';
import { formatTime } from './ticks';

interface TooltipRow {
  id: string;
  color: string;
  /** "Series: value". */
  text: string;
}

const BOX: CSSProperties = {
  position: 'absolute',
  zIndex: 1,
  pointerEvents: 'none',
  whiteSpace: 'nowrap',
  padding: 'var(--pf-t--global--spacer--sm)',
  background: 'var(--pf-t--global--background--color--floating--default)',
  color: 'var(--pf-t--global--text--color--regular)',
  border:
    'var(--pf-t--global--border--width--regular) solid var(--pf-t--global--border--color--default)',
  borderRadius: 'var(--pf-t--global--border--radius--small)',
  boxShadow: 'var(--pf-t--global--box-shadow--md)',
  fontSize: 'var(--pf-t--global--font--size--sm)',
  fontVariantNumeric: 'tabular-nums',
};

/** A swatch of a series' colour, as in the legend. */
export const Swatch = ({ color }: { color: string }) => (
  <span
    aria-hidden="true"
    style={{
      display: 'inline-block',
      width: '0.75em',
      height: '0.75em',
      marginInlineEnd: 'var(--pf-t--global--spacer--xs)',
      borderRadius: '2px',
      background: color,
    }}
  />
);

/**
 * The values of every series at the crosshair's time, beside it (on its left when it is in the
 * right half). Screen readers get the same text from the plot's `aria-valuetext`.
 */
export const ChartTooltip = ({
  time,
  x,
  top,
  flip,
  rows,
}: {
  time: number;
  x: number;
  top: number;
  flip: boolean;
  rows: TooltipRow[];
}) => (
  <div
    aria-hidden="true"
    data-testid="chart-tooltip"
    style={{
      ...BOX,
      top,
      left: x,
      transform: flip
        ? 'translateX(calc(-100% - var(--pf-t--global--spacer--sm)))'
        : 'translateX(var(--pf-t--global--spacer--sm))',
    }}
  >
    <div style={{ fontWeight: 'var(--pf-t--global--font--weight--body--bold)' }}>
      {formatTime(time, 'full')}
    </div>
    {rows.map((row) => (
      <div key={row.id} data-series={row.id}>
        <Swatch color={row.color} />
        {row.text}
      </div>
    ))}
  </div>
);
