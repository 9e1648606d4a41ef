// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { vmAction } from '../../../api/k8s';
import {
  BASE_PATH,
  makeVm,
  makeVmi,
  NAME,
  NS,
  renderAt,
  statusError,
  watchState,
} from './testSupport';
import { VirtualMachineDetailsPage } from './VirtualMachineDetailsPage';

vi.mock('../../../api/watch', async () => (await import('./testSupport')).fakeWatch);
vi.mock('../../../api/access', () => ({
  useAccessReview: () => ({ allowed: true, loading: false }),
}));
vi.mock('../../../api/k8s', () => ({
  vmAction: vi.fn(),
  k8sCreate: vi.fn(),
  k8sUpdate: vi.fn(),
  k8sDelete: vi.fn(),
}));

const page = () => <VirtualMachineDetailsPage namespace={NS} name={NAME} />;

beforeEach(() => {
  watchState.reset();
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response('{"kind":"Status","message":"no Prometheus","code":503}', { status: 503 }),
    ),
  );
});

describe('VirtualMachineDetailsPage', () => {
  it('shows the header, opens Overview by default and moves between tabs by URL', async () => {
    watchState.objects.set('VirtualMachine', { data: makeVm(), loaded: true });
    watchState.objects.set('VirtualMachineInstance', { data: makeVmi(), loaded: true });
    renderAt(page());

    expect(screen.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
    const crumbs = screen.getByRole('navigation', { name: /breadcrumb/i });
    expect(within(crumbs).getByRole('link', { name: 'VirtualMachines' })).toHaveAttribute(
      'href',
      `/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine`,
    );
    expect(screen.getAllByText('Running').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Actions' })).toBeVisible();
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('heading', { name: 'Details' })).toBeVisible();
    expect(screen.getByText('node-1')).toBeVisible();
    expect(screen.getByText('openshift/fedora-server-small')).toBeVisible();

    await userEvent.click(screen.getByRole('tab', { name: 'Diagnostics' }));
    expect(screen.getByTestId('location')).toHaveTextContent(`${BASE_PATH}/diagnostics`);
    expect(screen.getByRole('heading', { name: 'VirtualMachine conditions' })).toBeVisible();
    expect(screen.queryByRole('heading', { name: 'Details' })).toBeNull();
    expect(document.title).toContain(NAME);
  });

  it('opens the tab named in the URL, and the Metrics tab says when there is no Prometheus', async () => {
    watchState.objects.set('VirtualMachine', { data: makeVm(), loaded: true });
    renderAt(page(), `${BASE_PATH}/metrics`);
    expect(screen.getByRole('tab', { name: 'Metrics' })).toHaveAttribute('aria-selected', 'true');
    expect(
      await screen.findByRole('heading', { name: 'Prometheus is not available: no Prometheus' }),
    ).toBeVisible();
  });

  it('shows pending changes with the changed fields, and restarts on request', async () => {
    const vm = makeVm();
    vm.spec!.template!.spec!.domain.cpu = { cores: 4 };
    vm.status!.conditions = [
      {
        type: 'RestartRequired',
        status: 'True',
        message: 'a non-live-updatable field was changed',
      },
    ];
    watchState.objects.set('VirtualMachine', { data: vm, loaded: true });
    watchState.objects.set('VirtualMachineInstance', { data: makeVmi(), loaded: true });
    vi.mocked(vmAction).mockResolvedValue();
    renderAt(page());

    const alert = screen.getByText('Pending changes').closest('.pf-v6-c-alert') as HTMLElement;
    expect(alert).toBeTruthy();
    expect(within(alert).getByText('CPU')).toBeVisible();
    expect(within(alert).queryByText('Memory')).toBeNull();
    await userEvent.click(within(alert).getByRole('button', { name: 'Restart' }));
    expect(vmAction).toHaveBeenCalledWith({ namespace: NS, name: NAME }, 'restart');
  });

  it('reads the project and name from the URL when mounted as a plain route', () => {
    watchState.objects.set('VirtualMachine', { data: makeVm(), loaded: true });
    renderAt(<VirtualMachineDetailsPage />, `${BASE_PATH}/events`);
    expect(screen.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
    expect(screen.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');
  });

  it('shows no pending changes banner without RestartRequired', () => {
    watchState.objects.set('VirtualMachine', { data: makeVm(), loaded: true });
    renderAt(page());
    expect(screen.queryByText('Pending changes')).toBeNull();
  });

  it('says so when the VM is deleted while the page is open, with a way back', async () => {
    watchState.objects.set('VirtualMachine', { data: makeVm(), loaded: true });
    const { rerender } = renderAt(page());
    expect(screen.getByRole('tab', { name: 'Overview' })).toBeVisible();

    watchState.objects.set('VirtualMachine', {
      loaded: true,
      error: statusError(404, 'not found'),
    });
    rerender(page());
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'VirtualMachine deleted' })).toBeVisible(),
    );
    expect(screen.getByRole('link', { name: 'Back to VirtualMachines' })).toHaveAttribute(
      'href',
      `/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine`,
    );
  });

  it('tells a missing VM from a forbidden one, with the server message', () => {
    watchState.objects.set('VirtualMachine', {
      loaded: true,
      error: statusError(404, 'not found'),
    });
    const { unmount } = renderAt(page());
    expect(screen.getByRole('heading', { name: 'VirtualMachine not found' })).toBeVisible();
    unmount();

    watchState.objects.set('VirtualMachine', {
      loaded: true,
      error: statusError(403, 'virtualmachines.kubevirt.io "fedora-vm" is forbidden'),
    });
    renderAt(page());
    expect(screen.getByRole('heading', { name: 'Access denied' })).toBeVisible();
    expect(screen.getByText(/is forbidden/)).toBeVisible();
  });

  it('shows skeletons while the VM loads', () => {
    watchState.objects.set('VirtualMachine', { loaded: false });
    renderAt(page());
    expect(screen.getByLabelText('Loading VirtualMachine')).toBeInTheDocument();
  });
});
