// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../../api/queryClient';
import OverviewPage from './OverviewPage';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  queryClient.clear();
  // Retries are the data layer's policy, not what these tests are about.
  queryClient.setDefaultOptions({ queries: { retry: false } });
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  fetchMock.mockReset();
  vi.unstubAllGlobals();
});

describe('OverviewPage', () => {
  it('asks the BFF version route and shows the connected cluster', async () => {
    fetchMock.mockResolvedValue(
      json(200, {
        connected: true,
        server: 'https://api.example:6443',
        version: { major: '1', minor: '33', gitVersion: 'v1.33.2', platform: 'linux/amd64' },
      }),
    );
    render(<OverviewPage />);
    expect(
      screen.getByRole('heading', { level: 1, name: 'Virtualization overview' }),
    ).toBeVisible();
    expect(screen.getAllByText('Loading cluster status').length).toBeGreaterThan(0);
    expect(await screen.findByText('v1.33.2')).toBeVisible();
    expect(screen.getByText('Connected')).toBeVisible();
    expect(screen.getByText('https://api.example:6443')).toBeVisible();
    expect(screen.getByText('linux/amd64')).toBeVisible();
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe(
      '/api/proxy/plugin/virtualization-plugin/bff/version',
    );
    expect(document.title).toBe('Virtualization overview · Virtualization console');
  });

  it('shows the empty state when no cluster is connected', async () => {
    fetchMock.mockResolvedValue(json(200, { connected: false }));
    render(<OverviewPage />);
    expect(await screen.findByRole('heading', { name: 'No cluster connected' })).toBeVisible();
    expect(screen.queryByText('Connected')).toBeNull();
  });

  it("shows the server's Status message on error, and retries on request", async () => {
    fetchMock.mockResolvedValue(
      json(503, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: 503,
        reason: 'ServiceUnavailable',
        message: 'Cannot reach the cluster at https://api.example:6443: ECONNREFUSED.',
      }),
    );
    render(<OverviewPage />);
    expect(
      await screen.findByText(
        'Cannot reach the cluster at https://api.example:6443: ECONNREFUSED.',
      ),
    ).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Cluster status unavailable' })).toBeVisible();

    fetchMock.mockResolvedValue(json(200, { connected: false }));
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'No cluster connected' })).toBeVisible(),
    );
  });
});
