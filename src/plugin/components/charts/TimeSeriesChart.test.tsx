// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChartSeries } from './chartTypes';
import { plotGeometry } from './plotGeometry';
import { sameChartProps, TimeSeriesChart, type TimeSeriesChartProps } from './TimeSeriesChart';

beforeAll(() => {
  process.env.TZ = 'UTC';
});

const START = Date.UTC(2026, 0, 5, 10) / 1000;
const window = { start: START, end: START + 60 };
const MiB = 1024 ** 2;
const rx: ChartSeries = {
  id: 'rx',
  label: 'Received',
  points: [
    [START, 1 * MiB],
    [START + 15, 2 * MiB],
    [START + 30, 3 * MiB],
    [START + 45, 4 * MiB],
  ],
};
// A gap at START + 15 and START + 30.
const tx: ChartSeries = {
  id: 'tx',
  label: 'Sent',
  points: [
    [START, 0.5 * MiB],
    [START + 45, 1.5 * MiB],
  ],
};

const chart = (props: Partial<TimeSeriesChartProps> = {}) => (
  <TimeSeriesChart
    title="Network"
    series={[rx, tx]}
    unit="bytesPerSecond"
    window={window}
    {...props}
  />
);

const t = i18next.t.bind(i18next) as TFunction;
/** Where the chart (600 px wide in jsdom, no measuring there) puts a time. */
const geometry = (series = [rx, tx]) =>
  plotGeometry({
    series,
    unit: 'bytesPerSecond',
    window,
    width: 600,
    height: 200,
    compact: false,
    stacked: false,
    t,
  });

describe('TimeSeriesChart', () => {
  it('names the figure, writes y ticks in the unit and lists the series in a legend', () => {
    render(chart());
    const figure = screen.getByRole('figure', { name: 'Network' });
    expect(within(figure).getByText('4 MiB/s')).toBeInTheDocument();
    expect(within(figure).getByText('10:00:30')).toBeInTheDocument();
    const legend = within(figure).getByRole('group', { name: 'Legend' });
    expect(within(legend).getByRole('button', { name: 'Received' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('draws a gap as a gap: a lone point, not a line across', () => {
    const { container } = render(chart());
    expect(container.querySelector('g[data-series="tx"] path')).toBeNull();
    expect(container.querySelectorAll('g[data-series="tx"] circle')).toHaveLength(2);
    const received = container.querySelector('g[data-series="rx"] path');
    expect(received?.getAttribute('d')?.match(/M/g)).toHaveLength(1);
  });

  it("shows every series' value at the nearest time under the pointer", () => {
    render(chart());
    const plot = screen.getByRole('slider', { name: 'Network over time' });
    fireEvent.mouseMove(plot, { clientX: geometry().x(START + 16) });
    const tooltip = screen.getByTestId('chart-tooltip');
    expect(tooltip).toHaveTextContent('Received: 2 MiB/s');
    expect(tooltip).toHaveTextContent('Sent: no value');
    expect(screen.getByTestId('chart-crosshair')).toBeInTheDocument();
    fireEvent.mouseLeave(plot);
    expect(screen.queryByTestId('chart-tooltip')).toBeNull();
  });

  it('moves the crosshair with the arrow keys when the plot has focus', async () => {
    render(chart());
    const plot = screen.getByRole('slider', { name: 'Network over time' });
    plot.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(plot).toHaveAttribute('aria-valuenow', String(START));
    expect(plot.getAttribute('aria-valuetext')).toContain('Received: 1 MiB/s; Sent: 512 KiB/s');
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(plot).toHaveAttribute('aria-valuenow', String(START + 30));
    await userEvent.keyboard('{End}');
    expect(screen.getByTestId('chart-tooltip')).toHaveTextContent('Sent: 1.5 MiB/s');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId('chart-tooltip')).toBeNull();
  });

  it('hides a series when its legend entry is clicked', async () => {
    const { container } = render(chart());
    await userEvent.click(screen.getByRole('button', { name: 'Sent' }));
    expect(screen.getByRole('button', { name: 'Sent' })).toHaveAttribute('aria-pressed', 'false');
    expect(container.querySelector('g[data-series="tx"]')).toBeNull();
    expect(container.querySelector('g[data-series="rx"]')).not.toBeNull();
  });

  it('calls onZoom with the span dragged across', () => {
    const onZoom = vi.fn();
    render(chart({ onZoom }));
    const plot = screen.getByRole('slider', { name: 'Network over time' });
    const { x } = geometry();
    fireEvent.mouseDown(plot, { clientX: x(START + 10), button: 0 });
    fireEvent.mouseMove(plot, { clientX: x(START + 40) });
    expect(screen.getByTestId('chart-selection')).toBeInTheDocument();
    fireEvent.mouseUp(plot, { clientX: x(START + 40) });
    expect(onZoom).toHaveBeenCalledTimes(1);
    const [start, end] = onZoom.mock.calls[0] as [number, number];
    expect(start).toBeGreaterThanOrEqual(START + 9);
    expect(start).toBeLessThanOrEqual(START + 10);
    expect(end).toBeGreaterThanOrEqual(START + 40);
    expect(end).toBeLessThanOrEqual(START + 41);
  });

  it('takes a click for a click, not a zoom', () => {
    const onZoom = vi.fn();
    render(chart({ onZoom }));
    const plot = screen.getByRole('slider', { name: 'Network over time' });
    fireEvent.mouseDown(plot, { clientX: 200, button: 0 });
    fireEvent.mouseUp(plot, { clientX: 202 });
    expect(onZoom).not.toHaveBeenCalled();
  });

  it('says when there is no data, and shows a skeleton while loading', () => {
    const { rerender } = render(chart({ series: [], loading: true }));
    expect(screen.getByText('Loading Network')).toBeInTheDocument();
    rerender(chart({ series: [{ id: 'a', label: 'A', points: [[START, NaN]] }] }));
    expect(screen.getByText('No data')).toBeVisible();
    rerender(chart({ series: [], emptyText: 'Metrics appear about a minute after the VM starts' }));
    expect(screen.getByText('Metrics appear about a minute after the VM starts')).toBeVisible();
  });

  it('keeps showing the data it has while the next answer loads', () => {
    render(chart({ loading: true }));
    expect(screen.getByRole('slider', { name: 'Network over time' })).toBeInTheDocument();
  });

  it('draws a sparkline without axes or legend', () => {
    render(chart({ compact: true, height: 60 }));
    expect(screen.queryByRole('group', { name: 'Legend' })).toBeNull();
    expect(screen.queryByText('4 MiB/s')).toBeNull();
  });
});

describe('sameChartProps', () => {
  const props: TimeSeriesChartProps = {
    title: 'CPU',
    series: [rx],
    unit: 'cores',
    window,
  };

  it('does not redraw for equal series in new arrays and an equal window', () => {
    expect(
      sameChartProps(props, {
        ...props,
        series: [{ ...rx, points: rx.points.map(([time, value]) => [time, value]) }],
        window: { ...window },
      }),
    ).toBe(true);
  });

  it('redraws when a value, the window or another prop changes', () => {
    const changed = rx.points.map(([time, value]): [number, number] => [time, value + 1]);
    expect(sameChartProps(props, { ...props, series: [{ ...rx, points: changed }] })).toBe(false);
    expect(sameChartProps(props, { ...props, window: { ...window, end: window.end + 15 } })).toBe(
      false,
    );
    expect(sameChartProps(props, { ...props, loading: true })).toBe(false);
  });
});

describe('stacked', () => {
  it('fills each series as an area on top of the ones before it', () => {
    const { container } = render(
      chart({
        stacked: true,
        series: [rx, { ...rx, id: 'rx2', label: 'Again' }],
      }),
    );
    const areas = container.querySelectorAll('path[style*="fill-opacity"]');
    expect(areas).toHaveLength(2);
    // The y axis reaches the sum: 4 + 4 MiB/s.
    expect(screen.getByText('8 MiB/s')).toBeInTheDocument();
  });
});
