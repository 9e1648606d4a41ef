// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { AccessAttributes } from '../../../api/access';
import { queryClient } from '../../../api/queryClient';
import { fakeBFF, type FakeAnswer, type FakeCall } from '../../../api/testKit';
import { useVmIndexPage, type VmSummary } from '../../../api/vmIndex';
import { COLUMNS_KEY } from './listSettings';
import VirtualMachinesListPage from './VirtualMachinesListPage';
import { forgetTokens } from './vmPaging';

vi.mock('../../../api/vmIndex', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  useVmIndexPage: vi.fn(),
}));
/** Whether the user may view cluster monitoring (`get namespaces`); everything else is allowed. */
let clusterViewer = true;
vi.mock('../../../api/access', () => ({
  useAccessReview: (attrs: AccessAttributes | null) => ({
    allowed: attrs !== null && (clusterViewer || attrs.resource !== 'namespaces'),
    loading: false,
  }),
  checkAccess: () => Promise.resolve(true),
}));
vi.mock('../../../api/watch', () => ({
  useK8sWatchList: () => ({ data: [], loaded: true }),
  useK8sWatchObject: () => ({ data: undefined, loaded: true }),
}));

const summary = (name: string, status: string, extra: Partial<VmSummary> = {}): VmSummary => ({
  namespace: 'ns',
  name,
  status,
  standalone: false,
  ips: [],
  labels: {},
  conditions: [],
  ...extra,
});

const GiB = 1024 ** 3;

/** What the fake Prometheus has, per metric, by `namespace/name`. */
const SERIES: Record<string, Record<string, number>> = {
  kubevirt_vmi_cpu_usage_seconds_total: { 'ns/alpha': 0.25, 'ns/beta': 1.5, 'team/gamma': 0.5 },
  kubevirt_vmi_memory_used_bytes: { 'ns/alpha': GiB, 'ns/beta': 0.5 * GiB },
  kubevirt_vmi_network_receive_bytes_total: { 'ns/alpha': 1024, 'ns/solo': 100 },
};

const vector = (values: Record<string, number>) => ({
  status: 'success',
  data: {
    resultType: 'vector',
    result: Object.entries(values).map(([key, value]) => {
      const [namespace, name] = key.split('/');
      return { metric: { namespace, name }, value: [1700000000, String(value)] };
    }),
  },
});

/** A Prometheus that answers by metric, as `sum by (namespace, name)` would. */
const prometheus = (call: FakeCall): FakeAnswer | undefined => {
  const query = new URL(call.path, 'http://x/').searchParams.get('query') ?? '';
  const metric = Object.keys(SERIES).find((name) => query.includes(name));
  // Receive + transmit: the fake has receive only, transmit doubles it.
  if (metric === 'kubevirt_vmi_network_receive_bytes_total')
    return {
      body: vector(
        Object.fromEntries(Object.entries(SERIES[metric]!).map(([key, value]) => [key, value * 2])),
      ),
    };
  return metric ? { body: vector(SERIES[metric]!) } : undefined;
};

let answer: (call: FakeCall) => FakeAnswer | undefined;
let bff: ReturnType<typeof fakeBFF>;
let rows: VmSummary[];

/** The Prometheus questions sent: `[namespace param, query]`. */
const queries = () =>
  bff.calls
    .filter((call) => call.path.startsWith('prometheus/api/v1/query?'))
    .map((call) => {
      const params = new URL(call.path, 'http://x/').searchParams;
      return [params.get('namespace'), params.get('query')];
    });

const renderPage = (namespace = 'ns', columns = ['name', 'status', 'cpu-memory']) => {
  window.localStorage.setItem(
    COLUMNS_KEY,
    JSON.stringify([...columns, 'cpu-usage', 'memory-usage', 'network-usage']),
  );
  const router = createMemoryRouter(
    [{ path: '*', element: <VirtualMachinesListPage namespace={namespace} /> }],
    { initialEntries: ['/vms'] },
  );
  render(<RouterProvider router={router} />);
};

const LIVE_TITLES = ['CPU usage', 'Memory usage', 'Network transfer'];

/** The texts of a row's live cells, in column order. */
const liveCells = (name: string) =>
  within(rowOf(name))
    .getAllByRole('cell')
    .filter((cell) => LIVE_TITLES.includes(cell.getAttribute('data-label') ?? ''))
    .map((cell) => cell.textContent);

const rowOf = (name: string) =>
  screen.getByRole('checkbox', { name: `Select ${name}` }).closest('tr')!;

beforeEach(() => {
  // The plugin has one QueryClient: a test must not see the answers of the one before.
  queryClient.clear();
  forgetTokens();
  window.localStorage.clear();
  clusterViewer = true;
  rows = [
    summary('alpha', 'Running', { memory: '4Gi' }),
    summary('beta', 'Running', { memory: '2Gi' }),
    summary('solo', 'Running', { standalone: true }),
  ];
  vi.mocked(useVmIndexPage).mockImplementation(() => ({
    page: { items: rows, total: rows.length, resourceVersion: '1' },
    loading: false,
    error: undefined,
    refetch: () => undefined,
  }));
  answer = prometheus;
  bff = fakeBFF((call) => answer(call));
  vi.stubGlobal('fetch', bff.fetch);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('VirtualMachinesListPage live columns', () => {
  it('asks one query per metric for the three rows and puts each value in its row', async () => {
    renderPage();
    await waitFor(() => expect(within(rowOf('alpha')).getByText('0.25 cores')).toBeVisible());
    expect(queries()).toEqual([
      [
        'ns',
        'sum by (namespace, name) (rate(kubevirt_vmi_cpu_usage_seconds_total{namespace="ns",name=~"alpha|beta|solo"}[5m]))',
      ],
      [
        'ns',
        'sum by (namespace, name) (kubevirt_vmi_memory_used_bytes{namespace="ns",name=~"alpha|beta|solo"})',
      ],
      [
        'ns',
        'sum by (namespace, name) (rate(kubevirt_vmi_network_receive_bytes_total{namespace="ns",name=~"alpha|beta|solo"}[5m]))' +
          ' + sum by (namespace, name) (rate(kubevirt_vmi_network_transmit_bytes_total{namespace="ns",name=~"alpha|beta|solo"}[5m]))',
      ],
    ]);
    const alpha = within(rowOf('alpha'));
    expect(alpha.getByText('1 GiB of 4 GiB')).toBeVisible();
    expect(alpha.getByText('2 KiB/s')).toBeVisible();
    expect(alpha.getByTestId('memory-usage-bar')).toHaveStyle({ width: '25%' });
    const beta = within(rowOf('beta'));
    expect(beta.getByText('1.5 cores')).toBeVisible();
    expect(beta.getByText('512 MiB of 2 GiB')).toBeVisible();
    // Running, but Prometheus has no sample of it (yet).
    expect(beta.getByText('No data yet')).toBeVisible();
    const solo = within(rowOf('solo'));
    expect(solo.getByText('200 B/s')).toBeVisible();
    expect(solo.getAllByText('No data yet')).toHaveLength(2);
  });

  it('asks again every 30 seconds, the same questions', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderPage();
    await waitFor(() => expect(queries()).toHaveLength(3));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(30_000);
    });
    await waitFor(() => expect(queries()).toHaveLength(6));
    expect(queries().slice(3)).toEqual(queries().slice(0, 3));
  });

  it('shows "—" for a stopped VM and leaves it out of the questions', async () => {
    rows = [summary('alpha', 'Running', { memory: '4Gi' }), summary('beta', 'Stopped')];
    renderPage();
    await waitFor(() => expect(within(rowOf('alpha')).getByText('0.25 cores')).toBeVisible());
    expect(queries()[0]?.[1]).toContain('name=~"alpha"}');
    expect(liveCells('beta')).toEqual(['—', '—', '—']);
  });

  it('across projects, a confined user asks once per project on the page, naming it', async () => {
    clusterViewer = false;
    rows = [
      summary('alpha', 'Running'),
      summary('gamma', 'Running', { namespace: 'team' }),
      summary('beta', 'Running'),
    ];
    window.localStorage.setItem(COLUMNS_KEY, JSON.stringify(['name', 'cpu-usage']));
    const router = createMemoryRouter(
      [{ path: '*', element: <VirtualMachinesListPage namespace="#ALL_NS#" /> }],
      { initialEntries: ['/vms'] },
    );
    render(<RouterProvider router={router} />);
    await waitFor(() => expect(within(rowOf('gamma')).getByText('0.5 cores')).toBeVisible());
    expect(within(rowOf('beta')).getByText('1.5 cores')).toBeVisible();
    expect(queries()).toEqual([
      [
        'ns',
        'sum by (namespace, name) (rate(kubevirt_vmi_cpu_usage_seconds_total{namespace="ns",name=~"alpha|beta"}[5m]))',
      ],
      [
        'team',
        'sum by (namespace, name) (rate(kubevirt_vmi_cpu_usage_seconds_total{namespace="team",name=~"gamma"}[5m]))',
      ],
    ]);
  });

  it('across projects, a cluster viewer asks once with the page projects', async () => {
    rows = [summary('alpha', 'Running'), summary('gamma', 'Running', { namespace: 'team' })];
    window.localStorage.setItem(COLUMNS_KEY, JSON.stringify(['name', 'cpu-usage']));
    const router = createMemoryRouter(
      [{ path: '*', element: <VirtualMachinesListPage namespace="#ALL_NS#" /> }],
      { initialEntries: ['/vms'] },
    );
    render(<RouterProvider router={router} />);
    await waitFor(() => expect(within(rowOf('gamma')).getByText('0.5 cores')).toBeVisible());
    expect(queries()).toEqual([
      [
        null,
        'sum by (namespace, name) (rate(kubevirt_vmi_cpu_usage_seconds_total{namespace=~"ns|team",name=~"alpha|gamma"}[5m]))',
      ],
    ]);
  });

  it('without Prometheus, shows "—" and says why once per column, not per row', async () => {
    answer = () => ({
      status: 503,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: 503,
        message: 'No Prometheus is configured.',
      },
    });
    renderPage();
    const why = 'Prometheus is not available: No Prometheus is configured.';
    await waitFor(() => expect(liveCells('alpha')).toEqual(['—', '—', '—']));
    expect(screen.getAllByRole('button', { name: why })).toHaveLength(3);
    for (const name of ['alpha', 'beta', 'solo']) expect(liveCells(name)).toEqual(['—', '—', '—']);
    expect(screen.queryByText(/No Prometheus is configured/)).toBeNull();
  });

  it('does not sort by the live columns (the index sorts) and leaves them out of the CSV', async () => {
    renderPage();
    await waitFor(() => expect(within(rowOf('alpha')).getByText('0.25 cores')).toBeVisible());
    for (const title of LIVE_TITLES) {
      const header = screen.getByRole('columnheader', { name: new RegExp(`^${title}`) });
      expect(header).not.toHaveAttribute('aria-sort');
      expect(within(header).queryByRole('button', { name: title })).toBeNull();
    }
    // Each header says what its number means.
    expect(
      screen.getByRole('button', {
        name: 'Bytes received plus bytes sent per second on all interfaces, over the last 5 minutes.',
      }),
    ).toBeVisible();

    // The export has every page; the metrics are of this one.
    answer = (call) =>
      call.path.startsWith('vms?')
        ? { body: { items: rows, total: rows.length, resourceVersion: '1' } }
        : prometheus(call);
    let blob: Blob | undefined;
    vi.stubGlobal(
      'URL',
      Object.assign(URL, {
        createObjectURL: (value: Blob) => {
          blob = value;
          return 'blob:csv';
        },
        revokeObjectURL: () => undefined,
      }),
    );
    const click = vi
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    await userEvent.click(screen.getByRole('button', { name: 'Export as CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blob!);
    });
    expect(text.split('\r\n')[0]).toBe('Name,Status,CPU | Memory');
  });
});
