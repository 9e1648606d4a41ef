// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeVm, makeVmi, NAME, NS, renderAt, statusError, watchState } from '../testSupport';
import { consoleWindowPath } from './consolePaths';
import { ConsoleWindowPage } from './ConsoleWindowPage';

vi.mock('../../../../components/consoles/vnc/VncConsole', () => ({
  default: ({ namespace, name }: { namespace: string; name: string }) => (
    <div data-testid="vnc-console">{`VNC ${namespace}/${name}`}</div>
  ),
}));
vi.mock('../../../../components/consoles/serial/SerialConsole', () => ({
  default: () => <div data-testid="serial-console" />,
}));
vi.mock('../../../../api/watch', async () => (await import('../testSupport')).fakeWatch);
vi.mock('../../../../api/access', () => ({
  useAccessReview: () => ({ allowed: true, loading: false }),
}));

const PATH = consoleWindowPath(NS, NAME);

beforeEach(() => {
  window.localStorage.clear();
  watchState.reset();
  document.title = 'Console';
});

describe('ConsoleWindowPage', () => {
  it('shows the console of the VM the URL names, titled with its name', async () => {
    watchState.objects.set('VirtualMachine', { data: makeVm(), loaded: true });
    watchState.objects.set('VirtualMachineInstance', { data: makeVmi(), loaded: true });
    const { unmount } = renderAt(<ConsoleWindowPage />, PATH);
    expect(await screen.findByTestId('vnc-console')).toHaveTextContent(`VNC ${NS}/${NAME}`);
    expect(screen.getByRole('heading', { name: NAME })).toBeInTheDocument();
    expect(document.title).toBe(NAME);
    await userEvent.click(screen.getByRole('button', { name: 'Serial console' }));
    expect(await screen.findByTestId('serial-console')).toBeInTheDocument();
    unmount();
    expect(document.title).toBe('Console');
  });

  it('says the VM is not running instead of opening a console', () => {
    watchState.objects.set('VirtualMachine', {
      data: makeVm({ status: { printableStatus: 'Stopped' } }),
      loaded: true,
    });
    renderAt(<ConsoleWindowPage />, PATH);
    expect(screen.getByText('Start the VirtualMachine to open its console')).toBeInTheDocument();
    expect(screen.queryByTestId('vnc-console')).not.toBeInTheDocument();
  });

  it('handles a VM that is not there', () => {
    renderAt(<ConsoleWindowPage />, PATH);
    expect(screen.getByRole('heading', { name: 'VirtualMachine not found' })).toBeInTheDocument();
  });

  it('handles a VM the user may not read', () => {
    watchState.objects.set('VirtualMachine', {
      loaded: true,
      error: statusError(403, 'virtualmachines.kubevirt.io "fedora-vm" is forbidden'),
    });
    renderAt(<ConsoleWindowPage />, PATH);
    expect(screen.getByRole('heading', { name: 'Access denied' })).toBeInTheDocument();
    expect(screen.getByText(/is forbidden/)).toBeInTheDocument();
  });

  it('shows a loading state until the VM arrives', () => {
    watchState.objects.set('VirtualMachine', { loaded: false });
    renderAt(<ConsoleWindowPage />, PATH);
    expect(screen.getByLabelText('Loading VirtualMachine')).toBeInTheDocument();
  });
});
