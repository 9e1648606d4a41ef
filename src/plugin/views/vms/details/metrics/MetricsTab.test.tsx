// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBFF, type FakeAnswer, type FakeCall } from '../../../../api/testKit';
import type { VirtualMachineInstance } from '../../../../api/types';
import { BASE_PATH, makeVm, makeVmi, NAME, NS, renderAt } from '../testSupport';
import { MetricsTab } from './MetricsTab';

vi.mock('../../../../api/access', () => ({
  // The developer: may not view cluster monitoring.
  useAccessReview: () => ({ allowed: false, loading: false }),
}));

const SEL = `{namespace="${NS}",name="${NAME}"}`;

/** A range answer: `value` at every step of the asked window. */
const matrix = (call: FakeCall, series: { metric: Record<string, string>; value: number }[]) => {
  const params = new URLSearchParams(call.path.split('?')[1]);
  const start = Number(params.get('start'));
  const end = Number(params.get('end'));
  const step = Number(params.get('step'));
  const times: number[] = [];
  for (let time = start; time <= end; time += step) times.push(time);
  return {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: series.map((s) => ({
        metric: s.metric,
        values: times.map((time) => [time, String(s.value)]),
      })),
    },
  };
};

type Answer = (call: FakeCall, query: string) => FakeAnswer | undefined;

/** Prometheus through the BFF: vector(1) answers, range queries from `ranges`. */
const prometheus =
  (ranges: Answer = () => undefined) =>
  (call: FakeCall): FakeAnswer | undefined => {
    const query = new URLSearchParams(call.path.split('?')[1]).get('query') ?? '';
    if (call.path.startsWith('prometheus/api/v1/query?'))
      return {
        body: {
          status: 'success',
          data: { resultType: 'vector', result: [{ metric: {}, value: [0, '1'] }] },
        },
      };
    if (call.path.startsWith('prometheus/api/v1/query_range?'))
      return ranges(call, query) ?? { body: matrix(call, []) };
    return undefined;
  };

const busy: Answer = (call, query) => {
  if (query.includes('cpu_usage_seconds_total'))
    return { body: matrix(call, [{ metric: {}, value: 0.25 }]) };
  if (query.startsWith('sum by (interface) (rate(kubevirt_vmi_network_receive'))
    return {
      body: matrix(call, [
        { metric: { interface: 'default' }, value: 2048 },
        { metric: { interface: 'net2' }, value: 1024 },
      ]),
    };
  return undefined;
};

let bff: ReturnType<typeof fakeBFF>;
const serve = (answer: (call: FakeCall) => FakeAnswer | undefined) => {
  bff = fakeBFF(answer);
  vi.stubGlobal('fetch', bff.fetch);
};
const rangeQueries = () =>
  bff.calls
    .filter((call) => call.path.startsWith('prometheus/api/v1/query_range?'))
    .map((call) => new URLSearchParams(call.path.split('?')[1]));

/** The charts are shown once the probe has found Prometheus. */
const ready = () =>
  screen.findByRole('heading', { level: 2, name: 'Utilization' }, { timeout: 10_000 });

const Search = () => <output data-testid="search">{useLocation().search}</output>;

/** A VMI that has been running for an hour, unless said otherwise. */
const runningVmi = (since = new Date(Date.now() - 3600_000)): VirtualMachineInstance => {
  const vmi = makeVmi();
  vmi.status!.phaseTransitionTimestamps = [
    { phase: 'Running', phaseTransitionTimestamp: since.toISOString() },
  ];
  return vmi;
};

const show = (
  options: { vmi?: VirtualMachineInstance | null; search?: string; migrating?: boolean } = {},
) =>
  renderAt(
    <>
      <MetricsTab
        namespace={NS}
        name={NAME}
        vm={makeVm()}
        vmi={options.vmi === null ? undefined : (options.vmi ?? runningVmi())}
        migration={
          options.migrating
            ? {
                apiVersion: 'kubevirt.io/v1',
                kind: 'VirtualMachineInstanceMigration',
                metadata: { name: 'm1', namespace: NS },
                spec: { vmiName: NAME },
                status: { phase: 'Running' },
              }
            : undefined
        }
        rest={[]}
      />
      <Search />
    </>,
    `${BASE_PATH}/metrics${options.search ?? ''}`,
  );

beforeEach(() => serve(prometheus(busy)));

// Fifteen charts are slow to draw in jsdom (not in a browser).
describe('MetricsTab', { timeout: 30_000 }, () => {
  it("asks for the VM's series in its namespace, at the step of the range in the URL", async () => {
    show({ search: '?range=6h' });
    const figure = await screen.findByRole('figure', { name: 'CPU usage' });
    await waitFor(() => expect(within(figure).getByText('0.3 cores')).toBeInTheDocument());
    const cpu = rangeQueries().find((p) => p.get('query')?.includes('cpu_usage'));
    expect(cpu?.get('query')).toBe(`sum(rate(kubevirt_vmi_cpu_usage_seconds_total${SEL}[480s]))`);
    expect(cpu?.get('namespace')).toBe(NS);
    expect(cpu?.get('step')).toBe('120');
    expect(Number(cpu?.get('end')) - Number(cpu?.get('start'))).toBe(6 * 3600);
    expect(rangeQueries().every((p) => p.get('namespace') === NS)).toBe(true);
  });

  it('draws every section with its charts, definitions and Observe links', async () => {
    show();
    await ready();
    for (const heading of ['Utilization', 'Network', 'Storage', 'vCPU wait', 'Guest swap'])
      expect(screen.getByRole('heading', { level: 2, name: heading })).toBeVisible();
    expect(screen.queryByRole('heading', { level: 2, name: 'Migration' })).toBeNull();
    expect(
      screen.getByText("Guest swapping indicates memory pressure: increase the VM's memory."),
    ).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'About CPU usage' }));
    expect(await screen.findByText(/1 means one host core busy all the time/)).toBeVisible();
    const cpuCard = screen
      .getByRole('heading', { level: 3, name: /^CPU usage/ })
      .closest('.pf-v6-c-card') as HTMLElement;
    const link = within(cpuCard).getByRole('link', { name: 'Show query in Observe' });
    // The developer's Observe page is the project's.
    expect(link.getAttribute('href')).toBe(
      `/dev-monitoring/ns/${NS}/metrics?${new URLSearchParams({
        query0: `sum(rate(kubevirt_vmi_cpu_usage_seconds_total${SEL}[60s]))`,
      })}`,
    );
  });

  it('keeps the chosen range in the URL', async () => {
    show();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Time range' }), '5m');
    expect(screen.getByTestId('search')).toHaveTextContent('?range=5m');
    await waitFor(() => expect(rangeQueries().some((p) => p.get('step') === '5')).toBe(true));
  });

  it('zooms to a dragged span, and Reset zoom goes back to the range before', async () => {
    show({ search: '?range=1h' });
    const figure = await screen.findByRole('figure', { name: 'CPU usage' });
    const plot = await within(figure).findByRole('slider');
    fireEvent.mouseDown(plot, { clientX: 150, button: 0 });
    fireEvent.mouseMove(plot, { clientX: 400 });
    fireEvent.mouseUp(plot, { clientX: 400 });
    expect(screen.getByTestId('search')).toHaveTextContent(/\?start=\d+&end=\d+/);
    await userEvent.click(screen.getByRole('button', { name: 'Reset zoom' }));
    expect(screen.getByTestId('search')).toHaveTextContent('?range=1h');
    expect(screen.queryByRole('button', { name: 'Reset zoom' })).toBeNull();
  });

  it('lists the interfaces the data names, and narrows the network charts to one', async () => {
    show();
    await ready();
    const select = screen.getByRole('combobox', { name: 'Interface' });
    await waitFor(() => expect(within(select).getByRole('option', { name: 'net2' })).toBeTruthy());
    await userEvent.selectOptions(select, 'net2');
    await waitFor(() =>
      expect(
        rangeQueries().some(
          (p) =>
            p.get('query') ===
            `sum by (interface) (rate(kubevirt_vmi_network_transmit_bytes_total{namespace="${NS}",name="${NAME}",interface="net2"}[60s]))`,
        ),
      ).toBe(true),
    );
  });

  it('says why a chart is empty: vCPU wait needs schedstats', async () => {
    show();
    await ready();
    const figure = screen.getByRole('figure', { name: 'vCPU wait' });
    expect(
      await within(figure).findByText(
        'vCPU wait metrics need the kernel argument schedstats=enable on the node.',
      ),
    ).toBeVisible();
  });

  it('says that metrics appear about a minute after a VM starts', async () => {
    show({ vmi: runningVmi(new Date()) });
    await ready();
    const figure = screen.getByRole('figure', { name: 'Memory' });
    expect(
      await within(figure).findByText('Metrics appear about a minute after the VM starts.'),
    ).toBeVisible();
  });

  it('still shows the past of a VM that is not running, with a note', async () => {
    show({ vmi: null });
    await ready();
    expect(screen.getByText('The VM is not running')).toBeVisible();
    const figure = await screen.findByRole('figure', { name: 'CPU usage' });
    await waitFor(() => expect(within(figure).getByText('0.3 cores')).toBeInTheDocument());
  });

  it('shows the migration charts while the VM migrates', async () => {
    show({ migrating: true });
    await ready();
    expect(screen.getByRole('heading', { level: 2, name: 'Migration' })).toBeVisible();
    expect(screen.getByRole('figure', { name: 'Migration data' })).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: 'Migration transfer rate' })).toBeInTheDocument();
  });

  it('shows the migration charts when the range holds migration data', async () => {
    serve(
      prometheus((call, query) =>
        query.includes('migration_data_processed')
          ? { body: matrix(call, [{ metric: { series: 'processed' }, value: 1024 }]) }
          : undefined,
      ),
    );
    show();
    expect(await screen.findByRole('heading', { level: 2, name: 'Migration' })).toBeVisible();
  });

  it('says when Prometheus is absent', async () => {
    serve(() => ({
      status: 503,
      body: {
        kind: 'Status',
        status: 'Failure',
        code: 503,
        message: 'No Prometheus is configured.',
      },
    }));
    show();
    expect(
      await screen.findByRole('heading', {
        name: 'Prometheus is not available: No Prometheus is configured.',
      }),
    ).toBeVisible();
    expect(screen.queryByRole('figure')).toBeNull();
  });

  it('says when the user may not view the metrics', async () => {
    serve(() => ({
      status: 403,
      body: {
        kind: 'Status',
        status: 'Failure',
        code: 403,
        message: `You may not view the monitoring data of the namespace "${NS}".`,
      },
    }));
    show();
    expect(
      await screen.findByRole('heading', {
        name: `You may not view the metrics of project ${NS}.`,
      }),
    ).toBeVisible();
  });
});
