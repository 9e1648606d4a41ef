// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NAME, NS, renderAt } from '../testSupport';
import { AlertsCard } from './AlertsCard';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
});

describe('AlertsCard', () => {
  it("shows the VM's alerts only", async () => {
    fetchMock.mockResolvedValue(
      json(200, {
        status: 'success',
        data: {
          alerts: [
            {
              labels: {
                alertname: 'KubeVirtVMIExcessiveMigrations',
                namespace: NS,
                name: NAME,
                severity: 'warning',
              },
              state: 'firing',
              annotations: { summary: 'Too many migrations' },
            },
            {
              labels: { alertname: 'OtherVmAlert', namespace: NS, name: 'other' },
              state: 'firing',
            },
          ],
        },
      }),
    );
    renderAt(<AlertsCard namespace={NS} name={NAME} />);
    expect(await screen.findByText('KubeVirtVMIExcessiveMigrations')).toBeVisible();
    expect(screen.getByText(/Too many migrations/)).toBeVisible();
    expect(screen.queryByText('OtherVmAlert')).toBeNull();
    expect(String(fetchMock.mock.calls[0]?.[0])).toContain(
      `prometheus/api/v1/alerts?namespace=${NS}`,
    );
  });

  it('says calmly that metrics are unavailable when Prometheus is absent (503)', async () => {
    fetchMock.mockResolvedValue(
      json(503, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: 503,
        message: 'No Prometheus is configured.',
      }),
    );
    renderAt(<AlertsCard namespace={NS} name={NAME} />);
    expect(
      await screen.findByText('Metrics unavailable: No Prometheus is configured.'),
    ).toBeVisible();
  });
});
