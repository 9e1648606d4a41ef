// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { overviewBFF, renderAt, scopeOf, status } from '../testSupport';
import { VirtualizationAlertsCard } from './VirtualizationAlertsCard';

const RUNBOOK =
  'https://github.com/openshift/runbooks/blob/master/alerts/openshift-virtualization-operator/VirtControllerDown.md';

const ALERTS = {
  body: {
    status: 'success',
    data: {
      alerts: [
        {
          labels: {
            alertname: 'LowKVMNodesCount',
            severity: 'warning',
            kubernetes_operator_part_of: 'kubevirt',
          },
          annotations: { summary: 'At least two nodes with KVM are needed.' },
          state: 'pending',
          activeAt: '2026-01-02T09:00:00Z',
        },
        {
          labels: {
            alertname: 'VirtControllerDown',
            severity: 'critical',
            operator_health_impact: 'critical',
          },
          annotations: {
            summary: 'No running virt-controller was detected.',
            description: 'virt-controller has been down for 10 minutes.',
            runbook_url: RUNBOOK,
          },
          state: 'firing',
          activeAt: '2026-01-02T10:00:00Z',
        },
        {
          labels: { alertname: 'Watchdog', severity: 'none' },
          state: 'firing',
        },
      ],
    },
  },
};

describe('VirtualizationAlertsCard', () => {
  it('lists Virtualization’s alerts, critical first, counted by severity, with runbooks', async () => {
    const bff = overviewBFF({ alerts: ALERTS });
    vi.stubGlobal('fetch', bff.fetch);
    renderAt(<VirtualizationAlertsCard scope={scopeOf()} />);
    const critical = await screen.findByText('VirtControllerDown');
    const warning = screen.getByText('LowKVMNodesCount');
    expect(
      critical.compareDocumentPosition(warning) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(screen.queryByText('Watchdog')).toBeNull();
    expect(screen.getByText('1 critical')).toBeVisible();
    expect(screen.getByText('1 warning')).toBeVisible();
    expect(screen.getByText('0 info')).toBeVisible();
    expect(screen.getByText(/No running virt-controller was detected/)).toBeVisible();
    expect(screen.getByText('virt-controller has been down for 10 minutes.')).toBeVisible();
    const runbook = screen.getByRole('link', { name: /View runbook/ });
    expect(runbook).toHaveAttribute('href', RUNBOOK);
    expect(runbook).toHaveAttribute('target', '_blank');
    expect(runbook).toHaveAttribute('rel', 'noopener noreferrer');
    expect(screen.getAllByRole('link', { name: /View runbook/ })).toHaveLength(1);
    expect(bff.calls.find((c) => c.path.startsWith('prometheus'))?.path).toBe(
      'prometheus/api/v1/alerts?',
    );
  });

  it('asks for the project’s alerts only for a user confined to it', async () => {
    const bff = overviewBFF();
    vi.stubGlobal('fetch', bff.fetch);
    renderAt(
      <VirtualizationAlertsCard
        scope={scopeOf({ clusterViewer: false, namespace: 'dev', metricsNamespace: 'dev' })}
      />,
    );
    expect(await screen.findByText('No Virtualization alerts are firing.')).toBeVisible();
    expect(bff.calls.find((c) => c.path.startsWith('prometheus'))?.path).toBe(
      'prometheus/api/v1/alerts?namespace=dev',
    );
  });

  it('says Prometheus is not available when it is absent', async () => {
    vi.stubGlobal(
      'fetch',
      overviewBFF({ alerts: status(503, 'No Prometheus is configured.') }).fetch,
    );
    renderAt(<VirtualizationAlertsCard scope={scopeOf()} />);
    expect(
      await screen.findByText('Prometheus is not available: No Prometheus is configured.'),
    ).toBeVisible();
  });

  it('asks a confined user looking at all projects to choose one, without asking Prometheus', async () => {
    const bff = overviewBFF();
    vi.stubGlobal('fetch', bff.fetch);
    renderAt(
      <VirtualizationAlertsCard scope={scopeOf({ clusterViewer: false, metricsAllowed: false })} />,
    );
    expect(screen.getByText('Choose a project to see its alerts.')).toBeVisible();
    expect(bff.calls).toHaveLength(0);
  });
});
