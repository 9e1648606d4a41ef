// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AccessAttributes } from '../../../../api/access';
import { k8sCreate } from '../../../../api/k8s';
import { ServiceModel } from '../../../../api/models';
import { makeVm, makeVmi, NAME, NS, renderAt, statusError, watchState } from '../testSupport';
import { DesktopViewer } from './DesktopViewer';
import { saveFile } from '../../../../components/downloadFile';

vi.mock('../../../../api/watch', async () => (await import('../testSupport')).fakeWatch);
const denied = new Set<string>();
vi.mock('../../../../api/access', () => ({
  useAccessReview: (attrs: AccessAttributes | null) => ({
    allowed: !!attrs && !denied.has(`${attrs.verb} ${attrs.resource}`),
    loading: false,
  }),
}));
vi.mock('../../../../api/k8s', () => ({ k8sCreate: vi.fn() }));
vi.mock('../../../../components/downloadFile', () => ({ saveFile: vi.fn() }));

const rdpService = (nodePort?: number) => ({
  metadata: { name: `${NAME}-rdp`, namespace: NS },
  spec: {
    type: 'NodePort',
    selector: { 'kubevirt.io/domain': NAME },
    ports: [{ name: 'rdp', port: 3389, targetPort: 3389, nodePort }],
  },
});

const node = {
  metadata: { name: 'node-1' },
  status: { addresses: [{ type: 'InternalIP', address: '10.1.2.3' }] },
};

beforeEach(() => {
  denied.clear();
  watchState.reset();
  vi.mocked(k8sCreate).mockReset().mockResolvedValue({});
  vi.mocked(saveFile).mockReset();
  watchState.lists.set('Node', { data: [node], loaded: true });
});

describe('DesktopViewer', () => {
  it('creates the RDP service when none exposes port 3389', async () => {
    watchState.lists.set('Service', { data: [], loaded: true });
    renderAt(<DesktopViewer vm={makeVm()} vmi={makeVmi()} />);
    expect(screen.getByText(/Remote Desktop turned on/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create RDP service' }));
    expect(k8sCreate).toHaveBeenCalledWith(
      ServiceModel,
      expect.objectContaining({
        metadata: expect.objectContaining({ name: `${NAME}-rdp`, namespace: NS }),
        spec: expect.objectContaining({
          type: 'NodePort',
          selector: { 'kubevirt.io/domain': NAME },
          ports: [expect.objectContaining({ port: 3389, targetPort: 3389 })],
        }),
      }),
    );
  });

  it("shows the server's message when the creation fails", async () => {
    watchState.lists.set('Service', { data: [], loaded: true });
    vi.mocked(k8sCreate).mockRejectedValue(
      statusError(409, 'services "fedora-vm-rdp" already exists'),
    );
    renderAt(<DesktopViewer vm={makeVm()} vmi={makeVmi()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Create RDP service' }));
    expect(await screen.findByText('services "fedora-vm-rdp" already exists')).toBeInTheDocument();
  });

  it('disables creation without permission and says why', () => {
    denied.add('create services');
    watchState.lists.set('Service', { data: [], loaded: true });
    renderAt(<DesktopViewer vm={makeVm()} vmi={makeVmi()} />);
    expect(screen.getByRole('button', { name: 'Create RDP service' })).toBeDisabled();
    expect(screen.getByText(`You may not create Services in ${NS}.`)).toBeInTheDocument();
  });

  it('asks for a template label instead of creating a service that selects nothing', () => {
    watchState.lists.set('Service', { data: [], loaded: true });
    const vm = makeVm();
    vm.spec!.template!.metadata = { labels: {} };
    renderAt(<DesktopViewer vm={vm} vmi={makeVmi()} />);
    expect(screen.getByText('The VirtualMachine needs a label')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create RDP service' })).not.toBeInTheDocument();
  });

  it('shows the node address and downloads the .rdp file', async () => {
    watchState.lists.set('Service', { data: [rdpService(31389)], loaded: true });
    renderAt(<DesktopViewer vm={makeVm()} vmi={makeVmi()} />);
    expect(screen.getByRole('textbox', { name: 'RDP address' })).toHaveValue('10.1.2.3:31389');
    await userEvent.click(screen.getByRole('button', { name: 'Download .rdp' }));
    expect(saveFile).toHaveBeenCalledWith(
      `${NAME}.rdp`,
      expect.stringContaining('full address:s:10.1.2.3:31389\r\n'),
      'application/x-rdp',
    );
  });

  it("says any node's address when Nodes may not be listed", () => {
    denied.add('list nodes');
    watchState.lists.set('Service', { data: [rdpService(31389)], loaded: true });
    renderAt(<DesktopViewer vm={makeVm()} vmi={makeVmi()} />);
    expect(screen.getByRole('textbox', { name: 'RDP address' })).toHaveValue('31389');
    expect(screen.getByText(/on any node's address/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download .rdp' })).toBeDisabled();
  });

  it('says pending while the NodePort is not assigned', () => {
    watchState.lists.set('Service', { data: [rdpService()], loaded: true });
    renderAt(<DesktopViewer vm={makeVm()} vmi={makeVmi()} />);
    expect(screen.getByText(/^Pending/)).toBeInTheDocument();
  });

  it('offers a .vv file only when a VNC port is exposed, virtctl otherwise', async () => {
    watchState.lists.set('Service', { data: [], loaded: true });
    const { unmount } = renderAt(<DesktopViewer vm={makeVm()} vmi={makeVmi()} />);
    expect(screen.queryByRole('button', { name: 'Download .vv' })).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'virtctl VNC command' })).toHaveValue(
      `virtctl vnc ${NAME} -n ${NS}`,
    );
    unmount();

    watchState.lists.set('Service', {
      data: [
        {
          metadata: { name: 'vnc-lb', namespace: NS },
          spec: {
            type: 'LoadBalancer',
            selector: { 'kubevirt.io/domain': NAME },
            ports: [{ port: 5900 }],
          },
          status: { loadBalancer: { ingress: [{ ip: '198.51.100.7' }] } },
        },
      ],
      loaded: true,
    });
    renderAt(<DesktopViewer vm={makeVm()} vmi={makeVmi()} />);
    expect(screen.getByRole('textbox', { name: 'VNC address' })).toHaveValue('198.51.100.7:5900');
    await userEvent.click(screen.getByRole('button', { name: 'Download .vv' }));
    expect(saveFile).toHaveBeenCalledWith(
      `${NAME}.vv`,
      expect.stringMatching(/^\[virt-viewer\]\ntype=vnc\nhost=198\.51\.100\.7\nport=5900\n/),
      'application/x-virt-viewer',
    );
  });

  it('notes a stopped VM and shows a listing error', async () => {
    watchState.lists.set('Service', {
      data: [],
      loaded: true,
      error: statusError(403, 'services is forbidden'),
    });
    renderAt(<DesktopViewer vm={makeVm()} />);
    expect(screen.getByText('The VirtualMachine is not running')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('services is forbidden')).toBeInTheDocument());
  });
});
