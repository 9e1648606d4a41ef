// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setPreferenceUser } from '../sdk/useUserPreference';
import { QUICK_STARTS_URL } from './fetchQuickStarts';
import { QuickStartsPage } from './QuickStartsPage';
import { QuickStartsProvider } from './QuickStartsProvider';

const tour = (name: string, displayName: string, description: string) => ({
  apiVersion: 'console.openshift.io/v1',
  kind: 'ConsoleQuickStart',
  metadata: {
    name,
    labels: { 'console.openshift.io/name': name, 'console.openshift.io/lang': 'en' },
  },
  spec: {
    displayName,
    description,
    durationMinutes: 5,
    introduction: `About ${displayName}.`,
    tasks: [{ title: `First step of ${displayName}`, description: 'Do it.' }],
  },
});

const TOURS = [
  tour(
    'create-vm-from-instancetype',
    'Create a virtual machine from an instance type',
    'Create a virtual machine with OpenShift Virtualization.',
  ),
  tour(
    'take-and-restore-vm-snapshot',
    'Take and restore a snapshot',
    'Snapshots of OpenShift Virtualization virtual machines.',
  ),
  tour('explore-pipelines', 'Explore pipelines', 'Build and deploy with Tekton.'),
];

let answers: { status: number; body: unknown }[];
const fetchMock = vi.fn(async (url: string) => {
  const answer = answers.length > 1 ? answers.shift() : answers[0];
  if (url !== QUICK_STARTS_URL || !answer) return new Response(null, { status: 404 });
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { 'Content-Type': 'application/json' },
  });
});

const Location = () => {
  const { pathname, search } = useLocation();
  return <output aria-label="location">{`${pathname}${search}`}</output>;
};

const renderCatalog = () => {
  window.history.pushState({}, '', '/quickstart');
  render(
    <QueryClientProvider
      client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
    >
      <BrowserRouter>
        <QuickStartsProvider>
          <Routes>
            <Route path="/quickstart" element={<QuickStartsPage />} />
          </Routes>
          <Location />
        </QuickStartsProvider>
      </BrowserRouter>
    </QueryClientProvider>,
  );
};

const tile = (name: string) => screen.queryByRole('button', { name });

beforeEach(() => {
  window.localStorage.clear();
  setPreferenceUser('developer');
  answers = [{ status: 200, body: { items: TOURS } }];
  fetchMock.mockClear();
  vi.stubGlobal('fetch', fetchMock);
  Element.prototype.scrollTo = () => undefined;
});

describe('QuickStartsPage', () => {
  it('lists the cluster tours, and the keyword "virtualization" finds ours', async () => {
    renderCatalog();
    expect(await screen.findByRole('heading', { name: 'Quick Starts', level: 1 })).toBeVisible();
    expect(tile('Explore pipelines')).toBeInTheDocument();
    await userEvent.type(screen.getByPlaceholderText('Filter by keyword...'), 'virtualization');
    await waitFor(() => expect(tile('Explore pipelines')).not.toBeInTheDocument());
    expect(tile('Create a virtual machine from an instance type')).toBeInTheDocument();
    expect(tile('Take and restore a snapshot')).toBeInTheDocument();
  });

  it('opens a tour in the drawer from its tile, and names it in the URL', async () => {
    renderCatalog();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Start Create a virtual machine from an instance type',
      }),
    );
    expect(
      await screen.findByRole('heading', {
        name: 'Create a virtual machine from an instance type',
        level: 2,
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'location' })).toHaveTextContent(
      '/quickstart?quickstart=create-vm-from-instancetype',
    );
    // Started from the tile: the introduction lists the steps, Continue goes to the first one.
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('Do it.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeInTheDocument();
  });

  it('says when the tours cannot be listed, and tries again when asked', async () => {
    answers = [
      { status: 500, body: { kind: 'Status', code: 500, message: 'etcd is unavailable' } },
      { status: 200, body: { items: TOURS } },
    ];
    renderCatalog();
    expect(
      await screen.findByRole('heading', { name: 'The quick starts could not be listed' }),
    ).toBeInTheDocument();
    expect(screen.getByText('etcd is unavailable')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Quick Starts', level: 1 })).toBeVisible();
    expect(tile('Explore pipelines')).toBeInTheDocument();
  });
});
