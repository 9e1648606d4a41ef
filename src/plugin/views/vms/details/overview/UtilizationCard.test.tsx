// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBFF, type FakeAnswer, type FakeCall } from '../../../../api/testKit';
import { makeVm, NAME, NS, renderAt } from '../testSupport';
import { UtilizationCard } from './UtilizationCard';

const SEL = `{namespace="${NS}",name="${NAME}"}`;
const GiB = 1024 ** 3;

/** Figures now, by what the query measures. */
const now = (query: string): string => {
  if (query === 'vector(1)') return '1';
  if (query.includes('cpu_usage')) return '0.25';
  if (query.includes('memory_used')) return String(GiB);
  if (query.includes('network')) return '2048';
  return '0';
};

const params = (call: FakeCall) => new URLSearchParams(call.path.split('?')[1]);

const prometheus = (call: FakeCall): FakeAnswer | undefined => {
  const query = params(call).get('query') ?? '';
  if (call.path.startsWith('prometheus/api/v1/query?'))
    return {
      body: {
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: {}, value: [0, now(query)] }] },
      },
    };
  if (call.path.startsWith('prometheus/api/v1/query_range?')) {
    const start = Number(params(call).get('start'));
    const values = [0, 15, 30].map((offset) => [start + offset, now(query)]);
    const result = query.includes('storage') ? [] : [{ metric: {}, values }];
    return { body: { status: 'success', data: { resultType: 'matrix', result } } };
  }
  return undefined;
};

let bff: ReturnType<typeof fakeBFF>;
beforeEach(() => {
  bff = fakeBFF(prometheus);
  vi.stubGlobal('fetch', bff.fetch);
});

const card = (running = true) => (
  <UtilizationCard namespace={NS} name={NAME} vm={makeVm()} running={running} />
);

describe('UtilizationCard', () => {
  it('shows the current figures with a chart of the last hour under each', async () => {
    renderAt(card());
    expect(await screen.findByText('0.250 cores')).toBeVisible();
    expect(await screen.findByText('1.0 GiB of 2.0 GiB')).toBeVisible();
    expect(await screen.findByText('2.0 KiB/s')).toBeVisible();
    for (const name of ['CPU', 'Memory', 'Network transfer', 'Storage throughput'])
      expect(
        await screen.findByRole('figure', { name: `${name} over the last hour` }),
      ).toBeInTheDocument();
    const cpu = screen.getByRole('figure', { name: 'CPU over the last hour' });
    await waitFor(() => expect(within(cpu).getByRole('slider')).toBeInTheDocument());
    const storage = screen.getByRole('figure', { name: 'Storage throughput over the last hour' });
    expect(await within(storage).findByText('No data in the last hour')).toBeVisible();
  });

  it('asks for the last hour in the VM namespace, network as receive plus transmit', async () => {
    renderAt(card());
    await screen.findByRole('figure', { name: 'Network transfer over the last hour' });
    await waitFor(() =>
      expect(bff.calls.filter((c) => c.path.includes('query_range')).length).toBe(4),
    );
    const ranges = bff.calls
      .filter((c) => c.path.startsWith('prometheus/api/v1/query_range?'))
      .map(params);
    expect(ranges.every((p) => p.get('namespace') === NS && p.get('step') === '15')).toBe(true);
    expect(ranges.map((p) => p.get('query'))).toContain(
      `sum(rate(kubevirt_vmi_network_receive_bytes_total${SEL}[60s])) + ` +
        `sum(rate(kubevirt_vmi_network_transmit_bytes_total${SEL}[60s]))`,
    );
    const instant = bff.calls
      .filter((c) => c.path.startsWith('prometheus/api/v1/query?'))
      .map((c) => params(c).get('query'));
    expect(instant).toContain(`sum(rate(kubevirt_vmi_cpu_usage_seconds_total${SEL}[5m]))`);
  });

  it('links to the Metrics tab', () => {
    renderAt(card());
    expect(screen.getByRole('link', { name: 'View metrics' })).toHaveAttribute(
      'href',
      `/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine/${NAME}/metrics`,
    );
  });

  it('asks nothing for a VM that is not running', () => {
    renderAt(card(false));
    expect(screen.getAllByText('Not running')).toHaveLength(4);
    expect(screen.queryByRole('figure')).toBeNull();
    expect(bff.calls).toHaveLength(0);
  });

  it('says once why metrics are unavailable', async () => {
    bff = fakeBFF(() => ({
      status: 503,
      body: {
        kind: 'Status',
        status: 'Failure',
        code: 503,
        message: 'No Prometheus is configured.',
      },
    }));
    vi.stubGlobal('fetch', bff.fetch);
    renderAt(card());
    expect(
      await screen.findByText('Metrics unavailable: No Prometheus is configured.'),
    ).toBeVisible();
    expect(screen.queryByRole('figure')).toBeNull();
  });
});
