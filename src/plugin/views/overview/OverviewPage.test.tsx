// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../../api/queryClient';
import type { FakeAnswer } from '../../api/testKit';
import OverviewPage from './OverviewPage';
import { overviewBFF, QuietEventSource, status, watchState } from './testSupport';

// Whole tabs render here: slow machines need more than the default 5 s.
vi.setConfig({ testTimeout: 20_000 });

vi.mock('../../api/watch', async () => (await import('./testSupport')).fakeWatch);

const Location = () => {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
};

const renderPage = (path = '/k8s/all-namespaces/virtualization-overview'): void => {
  const ui: ReactElement = (
    <MemoryRouter initialEntries={[path]}>
      <OverviewPage />
      <Location />
    </MemoryRouter>
  );
  render(ui);
};

let version: FakeAnswer;
let bff: ReturnType<typeof overviewBFF>;

beforeEach(() => {
  queryClient.clear();
  // Retries are the data layer's policy, not what these tests are about.
  queryClient.setDefaultOptions({ queries: { retry: false } });
  watchState.reset();
  version = {
    body: {
      connected: true,
      server: 'https://api.example:6443',
      version: { major: '1', minor: '33', gitVersion: 'v1.33.2', platform: 'linux/amd64' },
    },
  };
  bff = overviewBFF({ version: () => version });
  // A test may put another BFF in place before it renders.
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => bff.fetch(url, init));
  vi.stubGlobal('EventSource', QuietEventSource);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('OverviewPage', () => {
  it('asks the BFF version route and shows the connected cluster', async () => {
    renderPage();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Virtualization overview' }),
    ).toBeVisible();
    expect(await screen.findByText('v1.33.2')).toBeVisible();
    expect(screen.getByText('Connected')).toBeVisible();
    expect(screen.getByText('https://api.example:6443')).toBeVisible();
    expect(screen.getByText('linux/amd64')).toBeVisible();
    expect(document.title).toBe('Virtualization overview · Virtualization console');
  });

  it('shows the empty state when no cluster is connected', async () => {
    version = { body: { connected: false } };
    renderPage();
    expect(await screen.findByRole('heading', { name: 'No cluster connected' })).toBeVisible();
    expect(screen.queryByText('Connected')).toBeNull();
  });

  it("shows the server's Status message on error, and retries on request", async () => {
    version = status(503, 'Cannot reach the cluster at https://api.example:6443: ECONNREFUSED.');
    renderPage();
    expect(
      await screen.findByText(
        'Cannot reach the cluster at https://api.example:6443: ECONNREFUSED.',
      ),
    ).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Cluster status unavailable' })).toBeVisible();

    version = { body: { connected: false } };
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'No cluster connected' })).toBeVisible(),
    );
  });

  it('opens the tab the URL names and keeps the chosen tab in the URL', async () => {
    renderPage('/k8s/ns/dev/virtualization-overview?tab=top-consumers');
    expect(await screen.findByRole('tab', { name: 'Top consumers', selected: true })).toBeVisible();
    expect(screen.getByText(/of project dev/)).toBeVisible();
    expect(await screen.findByText('No VM used any CPU in the last hour.')).toBeVisible();

    await userEvent.click(screen.getByRole('tab', { name: 'Migrations' }));
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/k8s/ns/dev/virtualization-overview?tab=migrations',
    );
    expect(await screen.findByRole('heading', { name: 'No migrations yet' })).toBeVisible();

    await userEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(screen.getByTestId('location')).toHaveTextContent(/virtualization-overview$/);
    expect(await screen.findByRole('heading', { name: 'Virtualization health' })).toBeVisible();
  });

  it('confines a user who may not list namespaces to the project: Prometheus gets namespace=', async () => {
    bff = overviewBFF({
      access: { namespaces: false, nodes: false, hyperconvergeds: false },
      version: () => version,
    });
    renderPage('/k8s/ns/dev/virtualization-overview');
    expect(
      await screen.findByText(
        'Only an administrator can see the health of the virtualization components.',
      ),
    ).toBeVisible();
    await waitFor(() =>
      expect(bff.calls.map((c) => c.path)).toContain('prometheus/api/v1/alerts?namespace=dev'),
    );
    expect(bff.calls.some((c) => c.path === 'prometheus/api/v1/alerts?')).toBe(false);
  });
});
