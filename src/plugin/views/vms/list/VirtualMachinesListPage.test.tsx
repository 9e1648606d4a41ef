// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { getFromBFF } from '../../../api/bff';
import { k8sDelete, vmAction } from '../../../api/k8s';
import {
  useVmIndexPage,
  type VmPage,
  type VmQueryParams,
  type VmSummary,
} from '../../../api/vmIndex';
import VirtualMachinesListPage from './VirtualMachinesListPage';
import { forgetTokens } from './vmPaging';

vi.mock('../../../api/vmIndex', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  useVmIndexPage: vi.fn(),
}));
vi.mock('../../../api/access', () => ({
  useAccessReview: () => ({ allowed: true, loading: false }),
  checkAccess: () => Promise.resolve(true),
}));
vi.mock('../../../api/watch', () => ({
  useK8sWatchList: () => ({ data: [], loaded: true }),
  useK8sWatchObject: () => ({ data: undefined, loaded: true }),
}));
vi.mock('../../../api/k8s', () => ({
  vmAction: vi.fn(() => Promise.resolve()),
  k8sDelete: vi.fn(() => Promise.resolve()),
  k8sPatch: vi.fn(() => Promise.resolve({})),
  k8sCreate: vi.fn(),
  k8sGet: vi.fn(),
}));
vi.mock('../../../api/bff', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  getFromBFF: vi.fn(),
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

const ROWS = [
  summary('alpha', 'Running', {
    node: 'node-1',
    ips: ['10.0.0.2'],
    cpu: 2,
    memory: '4Gi',
    created: '2025-01-01T00:00:00Z',
  }),
  summary('beta', 'Stopped', { cpu: 1, memory: '2Gi' }),
  summary('solo', 'Running', { standalone: true, node: 'node-2' }),
];

let page: VmPage | undefined;
const asked: VmQueryParams[] = [];

const Location = () => {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
};

const renderPage = (url = '/k8s/ns/ns/kubevirt.io~v1~VirtualMachine', namespace = 'ns') => {
  const router = createMemoryRouter(
    [
      {
        path: '*',
        element: (
          <>
            <VirtualMachinesListPage namespace={namespace} />
            <Location />
          </>
        ),
      },
    ],
    { initialEntries: [url] },
  );
  render(<RouterProvider router={router} />);
};

const search = () => new URLSearchParams(screen.getByTestId('location').textContent ?? '');
const lastQuery = () => asked[asked.length - 1];

beforeEach(() => {
  forgetTokens();
  window.localStorage.clear();
  asked.length = 0;
  page = { items: ROWS, total: 3, resourceVersion: '1' };
  vi.mocked(useVmIndexPage).mockImplementation((query) => {
    asked.push(query);
    return { page, loading: false, error: undefined, refetch: () => undefined };
  });
  vi.mocked(vmAction).mockReset().mockResolvedValue(undefined);
  vi.mocked(k8sDelete).mockReset().mockResolvedValue(undefined);
  // What a seek for a later page reads (a reload on ?page=2).
  vi.mocked(getFromBFF)
    .mockReset()
    .mockResolvedValue({
      items: Array.from({ length: 100 }, (_, at) => summary(`vm-${at}`, 'Running')),
      total: 300,
      continue: 'tok',
      resourceVersion: '1',
    });
});
afterEach(() => {
  cleanup();
  // Dialogs live in roots of their own (launchModal).
  document.body.innerHTML = '';
});

describe('VirtualMachinesListPage', () => {
  it('shows the rows with status, node, IP, CPU | memory, and the VMI badge', () => {
    renderPage();
    const table = screen.getByRole('grid', { name: 'VirtualMachines' });
    expect(within(table).getByRole('link', { name: 'alpha' })).toHaveAttribute(
      'href',
      '/k8s/ns/ns/kubevirt.io~v1~VirtualMachine/alpha',
    );
    expect(within(table).getByText('10.0.0.2')).toBeVisible();
    // CPU over memory, each on its own line (the CSV keeps "2 CPU | 4Gi").
    expect(within(table).getByText('2 CPU')).toBeVisible();
    expect(within(table).getByText('4Gi')).toBeVisible();
    expect(within(table).getByText('VMI')).toBeVisible();
    // The table scrolls inside its own container, its ⋮ column sticky at the right edge.
    expect(table.closest('.pf-v6-c-scroll-inner-wrapper')).not.toBeNull();
    expect(
      within(table).getByRole('button', { name: 'Actions for alpha' }).closest('td'),
    ).toHaveClass('pf-v6-c-table__sticky-cell');
    expect(
      within(table).getByRole('button', { name: 'Status of beta: Stopped. Show details' }),
    ).toBeVisible();
    // The Namespace column is for all projects only.
    expect(within(table).queryByRole('columnheader', { name: 'Namespace' })).toBeNull();
    expect(lastQuery()).toMatchObject({
      namespace: ['ns'],
      sort: 'name',
      order: 'asc',
      limit: 100,
    });
  });

  it('reads the filters from the URL and asks the index with them', () => {
    renderPage(
      '/x?text=web&status=Running,Paused&node=node-1&label=app%3Dshop&os=fedora',
      '#ALL_NS#',
    );
    expect(lastQuery()).toMatchObject({
      text: 'web',
      status: ['Running', 'Paused'],
      node: ['node-1'],
      label: 'app=shop',
      os: 'fedora',
      namespace: undefined,
    });
    // Chips for each filter, removable one by one.
    expect(screen.getAllByText('Paused').length).toBeGreaterThan(0);
    expect(screen.getByRole('columnheader', { name: 'Namespace' })).toBeVisible();
  });

  it('keeps a status filter chosen in the toolbar in the URL, back on page 1', async () => {
    renderPage('/x?page=2');
    await userEvent.click(screen.getByRole('button', { name: 'Status' }));
    await userEvent.click(screen.getByRole('checkbox', { name: /Stopped/ }));
    await waitFor(() => expect(search().get('status')).toBe('Stopped'));
    expect(search().get('page')).toBeNull();
    expect(lastQuery()).toMatchObject({ status: ['Stopped'] });
  });

  it('sorts by a column header, then reverses, through the URL', async () => {
    renderPage();
    await userEvent.click(screen.getByRole('button', { name: 'Created' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ sort: 'created', order: 'asc' }));
    expect(search().get('sort')).toBe('created');
    await userEvent.click(screen.getByRole('button', { name: 'Created' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ sort: 'created', order: 'desc' }));
    expect(search().get('order')).toBe('desc');
  });

  it('offers to create a VM when there are none at all', () => {
    page = { items: [], total: 0, resourceVersion: '1' };
    renderPage();
    expect(screen.getByRole('heading', { name: 'No VirtualMachines yet' })).toBeVisible();
    const links = screen.getAllByRole('link', { name: 'Create VirtualMachine' });
    expect(links[links.length - 1]).toHaveAttribute('href', '/k8s/ns/ns/catalog');
  });

  it('offers to clear the filters when nothing matches', async () => {
    page = { items: [], total: 0, resourceVersion: '1' };
    renderPage('/x?text=nothing&status=Paused');
    expect(
      screen.getByRole('heading', { name: 'No VirtualMachines match the filters' }),
    ).toBeVisible();
    await userEvent.click(screen.getAllByRole('button', { name: 'Clear all filters' })[0]!);
    await waitFor(() => expect(search().toString()).toBe(''));
  });

  it("shows the server's message when the index refuses", () => {
    page = undefined;
    vi.mocked(useVmIndexPage).mockImplementation(() => ({
      page: undefined,
      loading: false,
      error: {
        json: {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          code: 400,
          reason: 'BadRequest',
          message: 'Unsupported label selector "a b".',
        },
      },
      refetch: () => undefined,
    }));
    renderPage();
    expect(screen.getByText('Unsupported label selector "a b".')).toBeVisible();
  });

  it('starts the selected VMs that are stopped and reports what it skipped', async () => {
    renderPage();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select alpha' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select beta' }));
    await userEvent.click(screen.getByRole('button', { name: 'Actions on selected' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Start' }));
    expect(await screen.findByText('Done for 1, skipped 1, failed 0')).toBeVisible();
    expect(vi.mocked(vmAction).mock.calls).toEqual([[{ namespace: 'ns', name: 'beta' }, 'start']]);
  });

  it('deletes the selected VMs after a confirmation that lists them, and reports failures', async () => {
    vi.mocked(k8sDelete).mockImplementation(async (_model, ref) => {
      if (ref.name === 'beta')
        throw Object.assign(new Error('denied'), {
          json: {
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            code: 403,
            reason: 'Forbidden',
            message: 'beta is protected',
          },
        });
    });
    renderPage();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select all on this page' }));
    await userEvent.click(screen.getByRole('button', { name: 'Actions on selected' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog');
    const list = within(dialog).getByRole('list', {
      name: 'VirtualMachines this action applies to',
    });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['ns/alpha', 'ns/beta', 'ns/solo']);
    expect(k8sDelete).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Done for 2, skipped 0, failed 1')).toBeVisible();
    expect(screen.getByText('ns/beta: beta is protected')).toBeVisible();
    expect(vi.mocked(k8sDelete).mock.calls.map(([model, ref]) => [model.kind, ref.name])).toEqual([
      ['VirtualMachine', 'alpha'],
      ['VirtualMachine', 'beta'],
      ['VirtualMachineInstance', 'solo'],
    ]);
  });

  it('exports every page of the current filter as CSV', async () => {
    vi.mocked(getFromBFF)
      .mockReset()
      .mockResolvedValueOnce({ items: [ROWS[0]], total: 2, continue: 'next', resourceVersion: '1' })
      .mockResolvedValueOnce({
        items: [summary('with,comma', 'Stopped')],
        total: 2,
        resourceVersion: '1',
      });
    let blob: Blob | undefined;
    const createObjectURL = vi.fn((value: Blob) => {
      blob = value;
      return 'blob:csv';
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const click = vi
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    renderPage('/x?status=Running,Stopped');
    await userEvent.click(screen.getByRole('button', { name: 'Export as CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(vi.mocked(getFromBFF).mock.calls.map(([path]) => path)).toEqual([
      'vms?namespace=ns&status=Running%2CStopped&sort=name&order=asc&limit=1000',
      'vms?namespace=ns&status=Running%2CStopped&sort=name&order=asc&limit=1000&continue=next',
    ]);
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blob!);
    });
    expect(text.split('\r\n')).toEqual([
      'Name,Status,Conditions,Node,IP address,Created,CPU | Memory',
      'alpha,Running,,node-1,10.0.0.2,2025-01-01T00:00:00Z,2 CPU | 4Gi',
      '"with,comma",Stopped,,,,,',
      '',
    ]);
    vi.unstubAllGlobals();
  });

  it('remembers the chosen columns', async () => {
    renderPage();
    await userEvent.click(screen.getByRole('button', { name: 'Manage columns' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Operating system' }));
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'IP address' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.getByRole('columnheader', { name: 'Operating system' })).toBeVisible(),
    );
    expect(screen.queryByRole('columnheader', { name: 'IP address' })).toBeNull();
    expect(
      JSON.parse(window.localStorage.getItem('virtualization-plugin/vm-list/columns') ?? '[]'),
    ).toContain('os');
    await act(async () => undefined);
  });
});
