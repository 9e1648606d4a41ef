// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { k8sCreate } from '../../../../api/k8s';
import type { VirtualMachineSnapshot } from '../../../../api/types';
import { makeVm, makeVmi, NAME, NS, renderAt, statusError, watchState } from '../testSupport';
import { SnapshotsTab } from './SnapshotsTab';

vi.mock('../../../../api/watch', async () => (await import('../testSupport')).fakeWatch);
const access = { allowed: true, loading: false };
vi.mock('../../../../api/access', () => ({
  useAccessReview: () => access,
}));
vi.mock('../../../../api/k8s', () => ({
  k8sCreate: vi.fn(),
  k8sDelete: vi.fn(),
  vmAction: vi.fn(),
}));

const snapshot = (
  name: string,
  overrides: Partial<VirtualMachineSnapshot> = {},
): VirtualMachineSnapshot => ({
  metadata: { name, namespace: NS, creationTimestamp: '2026-01-02T10:00:00Z' },
  spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: NAME } },
  status: { phase: 'Succeeded', readyToUse: true, indications: ['Online', 'NoGuestAgent'] },
  ...overrides,
});

const openRowMenu = async (rowName: string) => {
  const row = screen.getByText(rowName).closest('tr') as HTMLElement;
  await userEvent.click(within(row).getByRole('button', { name: `Actions for ${rowName}` }));
  return screen.findByRole('menu');
};

beforeEach(() => {
  access.allowed = true;
  access.loading = false;
  watchState.reset();
  vi.mocked(k8sCreate).mockReset();
  watchState.lists.set('VirtualMachineSnapshot', {
    loaded: true,
    data: [
      snapshot('snap-1'),
      snapshot('other-vm-snap', {
        spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'other' } },
      }),
    ],
  });
});

describe('SnapshotsTab', () => {
  it("lists only this VM's snapshots with status and indications", () => {
    renderAt(<SnapshotsTab namespace={NS} name={NAME} vm={makeVm()} vmi={makeVmi()} rest={[]} />);
    expect(screen.getByText('snap-1')).toBeVisible();
    expect(screen.queryByText('other-vm-snap')).toBeNull();
    expect(screen.getByText('Ready')).toBeVisible();
    expect(screen.getByText('Online')).toBeVisible();
    expect(screen.getByText('No guest agent')).toBeVisible();
  });

  it('disables Restore while the VM is running', async () => {
    renderAt(<SnapshotsTab namespace={NS} name={NAME} vm={makeVm()} vmi={makeVmi()} rest={[]} />);
    const menu = await openRowMenu('snap-1');
    const restore = within(menu).getByRole('menuitem', { name: /Restore/ });
    expect(restore).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(restore);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(k8sCreate).not.toHaveBeenCalled();
  });

  it('restores a stopped VM after confirmation, with a VirtualMachineRestore', async () => {
    vi.mocked(k8sCreate).mockResolvedValue({});
    const stopped = makeVm({ status: { printableStatus: 'Stopped' } });
    renderAt(<SnapshotsTab namespace={NS} name={NAME} vm={stopped} rest={[]} />);
    const menu = await openRowMenu('snap-1');
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Restore' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(k8sCreate).toHaveBeenCalledTimes(1));
    const [model, object] = vi.mocked(k8sCreate).mock.calls[0]!;
    expect(model.kind).toBe('VirtualMachineRestore');
    expect(object).toMatchObject({
      spec: {
        target: { kind: 'VirtualMachine', name: NAME },
        virtualMachineSnapshotName: 'snap-1',
      },
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows the progress of the latest restore', () => {
    watchState.lists.set('VirtualMachineRestore', {
      loaded: true,
      data: [
        {
          metadata: { name: 'r1', namespace: NS, creationTimestamp: '2026-01-02T11:00:00Z' },
          spec: {
            target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: NAME },
            virtualMachineSnapshotName: 'snap-1',
          },
          status: {
            complete: false,
            conditions: [{ type: 'Progressing', status: 'True', reason: 'Creating new PVCs' }],
          },
        },
      ],
    });
    renderAt(<SnapshotsTab namespace={NS} name={NAME} vm={makeVm()} rest={[]} />);
    expect(screen.getByText('Restoring from snap-1…')).toBeVisible();
    expect(screen.getByText('Creating new PVCs')).toBeVisible();
  });

  it('warns about a running VM without guest agent when taking a snapshot, and keeps the form on error', async () => {
    vi.mocked(k8sCreate).mockRejectedValue(
      statusError(403, 'virtualmachinesnapshots is forbidden'),
    );
    renderAt(<SnapshotsTab namespace={NS} name={NAME} vm={makeVm()} vmi={makeVmi()} rest={[]} />);
    await userEvent.click(screen.getByRole('button', { name: 'Take snapshot' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('No guest agent')).toBeVisible();
    const nameInput = within(dialog).getByRole('textbox', { name: /Snapshot name/ });
    await userEvent.clear(nameInput);
    await userEvent.type(nameInput, 'before-upgrade');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('virtualmachinesnapshots is forbidden')).toBeVisible();
    expect(nameInput).toHaveValue('before-upgrade');
    expect(vi.mocked(k8sCreate).mock.calls[0]![1]).toMatchObject({
      metadata: { name: 'before-upgrade' },
      spec: { source: { kind: 'VirtualMachine', name: NAME } },
    });
  });

  it('shows Take snapshot ready (with a spinner) while the permission loads, disabled once refused', () => {
    access.loading = true;
    access.allowed = false;
    const { unmount } = renderAt(
      <SnapshotsTab namespace={NS} name={NAME} vm={makeVm()} rest={[]} />,
    );
    const button = screen.getByRole('button', { name: /Take snapshot/ });
    expect(button).not.toHaveAttribute('aria-disabled', 'true');
    expect(within(button).getByRole('progressbar')).toBeInTheDocument();
    unmount();
    access.loading = false;
    renderAt(<SnapshotsTab namespace={NS} name={NAME} vm={makeVm()} rest={[]} />);
    expect(screen.getByRole('button', { name: 'Take snapshot' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });

  it('asks to acknowledge the disks a snapshot leaves out, and sends the description', async () => {
    vi.mocked(k8sCreate).mockResolvedValue({});
    const vm = makeVm({
      status: {
        printableStatus: 'Stopped',
        volumeSnapshotStatuses: [
          { name: 'rootdisk', enabled: true },
          { name: 'scratch', enabled: false, reason: 'No VolumeSnapshotClass' },
        ],
      },
    });
    renderAt(<SnapshotsTab namespace={NS} name={NAME} vm={vm} rest={[]} />);
    await userEvent.click(screen.getByRole('button', { name: 'Take snapshot' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('scratch: No VolumeSnapshotClass')).toBeVisible();
    expect(within(dialog).queryByText('No guest agent')).toBeNull();
    const save = within(dialog).getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Description' }), 'pre');
    await userEvent.click(
      within(dialog).getByRole('checkbox', {
        name: 'I am aware of this warning and wish to proceed',
      }),
    );
    await userEvent.click(save);
    await waitFor(() => expect(k8sCreate).toHaveBeenCalledTimes(1));
    expect(vi.mocked(k8sCreate).mock.calls[0]![1]).toMatchObject({
      kind: 'VirtualMachineSnapshot',
      metadata: { annotations: { description: 'pre' } },
      spec: { source: { kind: 'VirtualMachine', name: NAME } },
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
