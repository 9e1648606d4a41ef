// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { BASE_PATH, renderAt } from '../testSupport';
import { MetricsToolbar } from './MetricsToolbar';
import { useMetricsRange } from './useMetricsRange';

/** The toolbar as the tab uses it: the range in the URL, shown in `search`. */
const Harness = () => {
  const { range, setRange, zoom, zoomed, resetZoom } = useMetricsRange();
  const [refresh, setRefresh] = useState(30);
  return (
    <>
      <MetricsToolbar
        range={range}
        onRange={setRange}
        refreshSeconds={refresh}
        onRefresh={setRefresh}
        zoomed={zoomed}
        onResetZoom={resetZoom}
      />
      <button type="button" onClick={() => zoom(1_000_000, 1_000_010)}>
        zoom
      </button>
      <output data-testid="search">{useLocation().search}</output>
    </>
  );
};

const show = (search = '') => renderAt(<Harness />, `${BASE_PATH}/metrics${search}`);
const rangeSelect = () => screen.getByRole('combobox', { name: 'Time range' });

describe('MetricsToolbar', () => {
  it('offers the presets from 5 minutes to 7 days and writes the choice into the URL', async () => {
    show();
    expect(rangeSelect()).toHaveValue('1h');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(
      expect.arrayContaining(['Last 5 minutes', 'Last 7 days', 'Custom']),
    );
    await userEvent.selectOptions(rangeSelect(), '7d');
    expect(screen.getByTestId('search')).toHaveTextContent('?range=7d');
  });

  it('checks a custom range before applying it, then keeps start and end in the URL', async () => {
    show('?range=6h');
    await userEvent.selectOptions(rangeSelect(), 'custom');
    const start = screen.getByLabelText('Start');
    const end = screen.getByLabelText('End');
    fireEvent.change(start, { target: { value: '2026-01-05T12:00' } });
    fireEvent.change(end, { target: { value: '2026-01-05T11:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByText('The start must be before the end.')).toBeVisible();
    expect(screen.getByTestId('search')).toHaveTextContent('?range=6h');

    fireEvent.change(start, { target: { value: '2999-01-05T10:00' } });
    fireEvent.change(end, { target: { value: '2999-01-05T11:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByText('The start is in the future.')).toBeVisible();

    fireEvent.change(start, { target: { value: '2026-01-05T10:00' } });
    fireEvent.change(end, { target: { value: '2026-01-05T11:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    const expected = new URLSearchParams({
      start: String(new Date('2026-01-05T10:00').getTime() / 1000),
      end: String(new Date('2026-01-05T11:00').getTime() / 1000),
    });
    expect(screen.getByTestId('search')).toHaveTextContent(`?${expected}`);
    expect(rangeSelect()).toHaveValue('custom');
    // A fixed window does not move on: nothing to refresh.
    expect(screen.getByRole('combobox', { name: 'Refresh interval' })).toBeDisabled();
  });

  it('opens a bookmarked custom range with its fields filled in', () => {
    const start = new Date('2026-01-05T10:00').getTime() / 1000;
    show(`?start=${start}&end=${start + 3600}`);
    expect(rangeSelect()).toHaveValue('custom');
    expect(screen.getByLabelText('Start')).toHaveValue('2026-01-05T10:00');
    expect(screen.getByLabelText('End')).toHaveValue('2026-01-05T11:00');
  });

  it('offers the refresh intervals Off to 5 minutes', async () => {
    show();
    const refresh = screen.getByRole('combobox', { name: 'Refresh interval' });
    expect(refresh).toHaveValue('30');
    const labels = [...refresh.querySelectorAll('option')].map((o) => o.textContent);
    expect(labels).toEqual([
      'Refresh: Off',
      'Refresh: 15 s',
      'Refresh: 30 s',
      'Refresh: 1 min',
      'Refresh: 5 min',
    ]);
    await userEvent.selectOptions(refresh, '0');
    expect(refresh).toHaveValue('0');
  });

  it('shows Reset zoom after a zoom, widening a too narrow span to a minute', async () => {
    show('?range=15m');
    expect(screen.queryByRole('button', { name: 'Reset zoom' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'zoom' }));
    expect(screen.getByTestId('search')).toHaveTextContent('?start=999975&end=1000035');
    await userEvent.click(screen.getByRole('button', { name: 'Reset zoom' }));
    expect(screen.getByTestId('search')).toHaveTextContent('?range=15m');
  });
});
