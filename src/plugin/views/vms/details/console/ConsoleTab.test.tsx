// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { VirtualMachine, VirtualMachineInstance } from '../../../../api/types';
import { makeVm, makeVmi, NAME, NS, renderAt, watchState } from '../testSupport';
import { CONSOLE_CHOICE_KEY } from './consoleChoice';
import { ConsoleTab } from './ConsoleTab';

vi.mock('../../../../components/consoles/vnc/VncConsole', () => ({
  default: ({ namespace, name }: { namespace: string; name: string }) => (
    <div data-testid="vnc-console">{`VNC ${namespace}/${name}`}</div>
  ),
}));
vi.mock('../../../../components/consoles/serial/SerialConsole', () => ({
  default: ({ namespace, name }: { namespace: string; name: string }) => (
    <div data-testid="serial-console">{`Serial ${namespace}/${name}`}</div>
  ),
}));
vi.mock('../../../../api/watch', async () => (await import('../testSupport')).fakeWatch);
vi.mock('../../../../api/access', () => ({
  useAccessReview: () => ({ allowed: true, loading: false }),
}));
vi.mock('../../../../api/k8s', () => ({ k8sCreate: vi.fn() }));

const renderTab = ({
  vm = makeVm(),
  vmi = makeVmi(),
}: { vm?: VirtualMachine; vmi?: VirtualMachineInstance | null } = {}) =>
  renderAt(<ConsoleTab namespace={NS} name={NAME} vm={vm} vmi={vmi ?? undefined} rest={[]} />);

beforeEach(() => {
  window.localStorage.clear();
  watchState.reset();
});

describe('ConsoleTab', () => {
  it('opens the VNC console by default, lazily', async () => {
    renderTab();
    expect(await screen.findByTestId('vnc-console')).toHaveTextContent(`VNC ${NS}/${NAME}`);
    expect(screen.getByRole('button', { name: 'VNC console' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('switches consoles and remembers the choice', async () => {
    const { unmount } = renderTab();
    await userEvent.click(screen.getByRole('button', { name: 'Serial console' }));
    expect(await screen.findByTestId('serial-console')).toBeInTheDocument();
    expect(screen.queryByTestId('vnc-console')).not.toBeInTheDocument();
    expect(window.localStorage.getItem(CONSOLE_CHOICE_KEY)).toBe('serial');
    unmount();

    renderTab();
    expect(await screen.findByTestId('serial-console')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Serial console' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('shows the desktop viewer when chosen', async () => {
    watchState.lists.set('Service', { data: [], loaded: true });
    renderTab();
    await userEvent.click(screen.getByRole('button', { name: 'Desktop viewer' }));
    expect(screen.getByRole('button', { name: 'Create RDP service' })).toBeInTheDocument();
    expect(screen.queryByTestId('vnc-console')).not.toBeInTheDocument();
  });

  it('opens no console for a stopped VM, and says so with its status', () => {
    renderTab({ vmi: null, vm: makeVm({ status: { printableStatus: 'Stopped' } }) });
    expect(screen.getByText('Start the VirtualMachine to open its console')).toBeInTheDocument();
    expect(screen.getByText('Stopped')).toBeInTheDocument();
    expect(screen.queryByTestId('vnc-console')).not.toBeInTheDocument();
  });

  it('treats a scheduling instance as not running', () => {
    renderTab({
      vmi: makeVmi({ status: { phase: 'Scheduling' } }),
      vm: makeVm({ status: { printableStatus: 'Starting' } }),
    });
    expect(screen.getByText('Start the VirtualMachine to open its console')).toBeInTheDocument();
  });

  it('opens the standalone page in a new window', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    renderTab();
    const link = screen.getByRole('link', { name: 'Open in new window' });
    expect(link).toHaveAttribute(
      'href',
      `/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine/${NAME}/console/standalone`,
    );
    await userEvent.click(link);
    expect(open).toHaveBeenCalledWith(
      `/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine/${NAME}/console/standalone`,
      '_blank',
      'noopener',
    );
  });
});
