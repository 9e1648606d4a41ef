// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { overviewBFF, promQuery, renderAt, scopeOf, status, vector } from '../testSupport';
import { TopConsumersTab } from './TopConsumersTab';

// Whole tabs render here: slow machines need more than the default 5 s.
vi.setConfig({ testTimeout: 20_000 });

const CPU_BY_VM =
  'topk(5, sum by (name, namespace) (rate(kubevirt_vmi_cpu_usage_seconds_total[1h]))) > 0';

const cpuCard = async () => {
  const heading = await screen.findByRole('heading', { name: 'CPU' });
  return heading.closest('.pf-v6-c-card') as HTMLElement;
};

describe('TopConsumersTab', () => {
  it('ranks the busiest VMs, largest first, linked to their details, bars against the first', async () => {
    const bff = overviewBFF({
      prometheus: (query) =>
        query === CPU_BY_VM
          ? vector([
              { metric: { name: 'idle', namespace: 'dev' }, value: 0.25 },
              { metric: { name: 'busy', namespace: 'dev' }, value: 1.5 },
            ])
          : undefined,
    });
    vi.stubGlobal('fetch', bff.fetch);
    renderAt(
      <TopConsumersTab scope={scopeOf()} />,
      '/k8s/all-namespaces/virtualization-overview?tab=top-consumers',
    );
    const card = await cpuCard();
    const list = await within(card).findByRole('list', { name: 'Top consumers of CPU' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows[0]).toHaveTextContent('busy');
    expect(rows[0]).toHaveTextContent('1.5 cores');
    expect(rows[1]).toHaveTextContent('0.25 cores');
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'busy' })).toHaveAttribute(
      'href',
      '/k8s/ns/dev/kubevirt.io~v1~VirtualMachine/busy',
    );
    const bars = (rows[1] as HTMLElement).querySelectorAll('[aria-hidden] > div');
    expect(parseFloat((bars[0] as HTMLElement).style.width)).toBeCloseTo(16.67, 1);
    // One question per card, every one the seed's topk.
    const queries = bff.calls.filter((c) => c.path.startsWith('prometheus')).map(promQuery);
    expect(queries).toHaveLength(6);
    expect(queries).toContain(CPU_BY_VM);
    expect(queries).toContain(
      'topk(5, sum by (name, namespace) (avg_over_time(kubevirt_vmi_memory_used_bytes[1h]))) > 0',
    );
  });

  it('says so in each card when nothing was used, and explains each metric on request', async () => {
    vi.stubGlobal('fetch', overviewBFF().fetch);
    renderAt(<TopConsumersTab scope={scopeOf()} />);
    expect(await screen.findByText('No VM used any CPU in the last hour.')).toBeVisible();
    expect(screen.getByText('No VM swapped in the last hour.')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'About Guest swap' }));
    expect(
      await screen.findByText(/Swapping means memory pressure: increase the VM's memory\./),
    ).toBeVisible();
  });

  it('keeps range, top N and a card’s grouping in the URL and asks again', async () => {
    const bff = overviewBFF({
      prometheus: (query) =>
        query.startsWith('topk(10, sum by (node) (rate(kubevirt_vmi_cpu_usage_seconds_total[24h]')
          ? vector([{ metric: { node: 'node-1' }, value: 2 }])
          : undefined,
    });
    vi.stubGlobal('fetch', bff.fetch);
    renderAt(
      <TopConsumersTab scope={scopeOf()} />,
      '/k8s/all-namespaces/virtualization-overview?tab=top-consumers',
    );
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Time range' }), '24h');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'How many to show' }), '10');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Rank CPU by' }), 'node');
    expect(screen.getByTestId('location')).toHaveTextContent(
      '?tab=top-consumers&range=24h&top=10&cpuBy=node',
    );
    const card = await cpuCard();
    expect(await within(card).findByRole('link', { name: 'node-1' })).toHaveAttribute(
      'href',
      '/k8s/cluster/nodes/node-1',
    );
    expect(bff.calls.map(promQuery)).toContain(
      'topk(10, sum by (node) (rate(kubevirt_vmi_cpu_usage_seconds_total[24h]))) > 0',
    );
  });

  it('confines a user to the project: the matcher in the query and namespace= to the BFF', async () => {
    const bff = overviewBFF({ access: { nodes: false } });
    vi.stubGlobal('fetch', bff.fetch);
    renderAt(
      <TopConsumersTab
        scope={scopeOf({ clusterViewer: false, namespace: 'dev', metricsNamespace: 'dev' })}
      />,
    );
    await screen.findByText('No VM used any CPU in the last hour.');
    const cpu = bff.calls.find((c) => promQuery(c)?.includes('cpu_usage'));
    if (!cpu) throw new Error('No CPU query was sent.');
    expect(new URL(cpu.path, 'http://x/').searchParams.get('namespace')).toBe('dev');
    expect(promQuery(cpu)).toBe(
      'topk(5, sum by (name, namespace) (rate(kubevirt_vmi_cpu_usage_seconds_total{namespace="dev"}[1h]))) > 0',
    );
  });

  it('says why without Prometheus, in every card', async () => {
    vi.stubGlobal(
      'fetch',
      overviewBFF({ prometheus: () => status(503, 'No Prometheus is configured.') }).fetch,
    );
    renderAt(<TopConsumersTab scope={scopeOf()} />);
    await waitFor(() =>
      expect(
        screen.getAllByText('Prometheus is not available: No Prometheus is configured.'),
      ).toHaveLength(6),
    );
  });

  it('asks a confined user looking at all projects to choose one', () => {
    const bff = overviewBFF();
    vi.stubGlobal('fetch', bff.fetch);
    renderAt(<TopConsumersTab scope={scopeOf({ clusterViewer: false, metricsAllowed: false })} />);
    expect(
      screen.getByText(
        'Choose a project to see its top consumers: you may view the metrics of one project at a time.',
      ),
    ).toBeVisible();
    expect(bff.calls.filter((c) => c.path.startsWith('prometheus'))).toHaveLength(0);
  });
});
