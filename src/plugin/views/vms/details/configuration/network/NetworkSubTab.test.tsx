// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { JsonPatchOp, VirtualMachine, VirtualMachineInstance } from '../../../../../api/types';
import { makeVm, makeVmi, renderAt, statusError, watchState } from '../../testSupport';
import type { VmEditor } from '../editor/vmEditor';
import { NetworkSubTab } from './NetworkSubTab';

vi.mock('../../../../../api/watch', async () => (await import('../../testSupport')).fakeWatch);

const IFACES = '/spec/template/spec/domain/devices/interfaces';
const NETS = '/spec/template/spec/networks';

const patch = vi.fn<(ops: JsonPatchOp[]) => Promise<VirtualMachine>>();

const editorFor = (
  vm: VirtualMachine,
  vmi?: VirtualMachineInstance,
  access: VmEditor['access'] = { allowed: true, loading: false },
): VmEditor => ({ vm, vmi, live: true, access, patch });

const replaced = (path: string) =>
  (patch.mock.calls[0]?.[0] ?? []).find((op) => op.path === path && op.op !== 'test') as
    { value: unknown } | undefined;

/** A running VM with the pod NIC and a bridge NIC on demo/br1. */
const withBridge = () => {
  const vm = makeVm();
  const spec = vm.spec?.template?.spec;
  spec?.domain?.devices?.interfaces?.push({ name: 'nic-br', bridge: {}, model: 'virtio' });
  spec?.networks?.push({ name: 'nic-br', multus: { networkName: 'br1' } });
  const vmi = makeVmi();
  vmi.spec?.domain?.devices?.interfaces?.push({ name: 'nic-br', bridge: {}, model: 'virtio' });
  vmi.spec?.networks?.push({ name: 'nic-br', multus: { networkName: 'br1' } });
  vmi.status?.interfaces?.push({ name: 'nic-br', interfaceName: 'eth1', mac: '02:00:00:00:00:02' });
  return { vm, vmi };
};

const openRowMenu = async (rowName: string) => {
  await userEvent.click(screen.getByRole('button', { name: `Actions for ${rowName}` }));
  return screen.findByRole('menu');
};

beforeEach(() => {
  watchState.reset();
  patch.mockReset();
  patch.mockResolvedValue(makeVm());
  watchState.lists.set('NetworkAttachmentDefinition', {
    loaded: true,
    data: [
      { metadata: { namespace: 'demo', name: 'br1' }, spec: { config: '{"type":"cnv-bridge"}' } },
      { metadata: { namespace: 'default', name: 'vf' }, spec: { config: '{"type":"sriov"}' } },
    ],
  });
});

describe('NetworkSubTab', () => {
  it('lists the NICs with network, type, MAC, state and the guest view', () => {
    renderAt(<NetworkSubTab editor={editorFor(makeVm(), makeVmi())} />);
    const row = screen.getByRole('row', { name: /default/ });
    expect(within(row).getByText('Pod networking')).toBeVisible();
    expect(within(row).getByText('Masquerade')).toBeVisible();
    expect(within(row).getByText('02:00:00:00:00:01')).toBeVisible();
    expect(within(row).getByText('10.0.2.15')).toBeVisible();
    expect(within(row).getByText('Up')).toBeVisible();
  });

  it('shows the empty state when the VM has no NIC at all', () => {
    const vm = makeVm();
    const devices = vm.spec?.template?.spec?.domain?.devices;
    if (devices) {
      devices.interfaces = [];
      devices.autoattachPodInterface = false;
    }
    if (vm.spec?.template?.spec) vm.spec.template.spec.networks = [];
    renderAt(<NetworkSubTab editor={editorFor(vm)} />);
    expect(screen.getByText('No network interfaces')).toBeVisible();
  });

  it('adds a bridge NIC to a running VM, saying it is hot-plugged', async () => {
    renderAt(<NetworkSubTab editor={editorFor(makeVm(), makeVmi())} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add network interface' }));
    const dialog = await screen.findByRole('dialog');
    const save = within(dialog).getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'nic-1');
    const network = within(dialog).getByRole('combobox', { name: /^Network/ });
    expect(within(network).getByRole('option', { name: /Pod networking/ })).toBeDisabled();
    await userEvent.selectOptions(network, 'demo/br1');
    expect(within(dialog).getByRole('textbox', { name: 'Type' })).toHaveValue('Bridge');
    expect(
      within(dialog).getByText(
        'KubeVirt hot-plugs this interface into the running VirtualMachine.',
      ),
    ).toBeVisible();
    await userEvent.click(save);
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect(replaced(IFACES)?.value).toEqual([
      { name: 'default', masquerade: {}, model: 'virtio' },
      { name: 'nic-1', bridge: {}, model: 'virtio' },
    ]);
    expect(replaced(NETS)?.value).toEqual([
      { name: 'default', pod: {} },
      { name: 'nic-1', multus: { networkName: 'br1' } },
    ]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('derives SR-IOV from the NAD: no model, restart-bound', async () => {
    renderAt(<NetworkSubTab editor={editorFor(makeVm(), makeVmi())} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add network interface' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'vf-1');
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: /^Network/ }),
      'default/vf',
    );
    expect(within(dialog).getByRole('textbox', { name: 'Type' })).toHaveValue('SR-IOV');
    expect(within(dialog).queryByRole('combobox', { name: 'Model' })).toBeNull();
    expect(
      within(dialog).getByText('Takes effect after the VirtualMachine restarts'),
    ).toBeVisible();
    expect(within(dialog).getByText('SR-IOV interfaces cannot be hot-plugged.')).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect((replaced(IFACES)?.value as unknown[])[1]).toEqual({ name: 'vf-1', sriov: {} });
    expect((replaced(NETS)?.value as unknown[])[1]).toEqual({
      name: 'vf-1',
      multus: { networkName: 'default/vf' },
    });
  });

  it('refuses a bad name and a multicast MAC before sending anything', async () => {
    renderAt(<NetworkSubTab editor={editorFor(makeVm())} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add network interface' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Bad_Name');
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: /^Network/ }),
      'demo/br1',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'MAC address' }),
      '01:00:5e:00:00:01',
    );
    expect(within(dialog).getByText(/lowercase letters, digits and "-"/)).toBeVisible();
    expect(within(dialog).getByText(/multicast address/)).toBeVisible();
    const save = within(dialog).getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    await userEvent.click(save);
    expect(patch).not.toHaveBeenCalled();
  });

  it('shows the server refusal at the MAC field and keeps what was typed', async () => {
    patch.mockRejectedValue(
      statusError(422, 'admission webhook denied the request', [
        {
          field: 'spec.template.spec.domain.devices.interfaces[1].macAddress',
          message: 'MAC address 02:00:00:00:00:aa is already in use',
        },
      ]),
    );
    renderAt(<NetworkSubTab editor={editorFor(makeVm())} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add network interface' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'nic-1');
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: /^Network/ }),
      'demo/br1',
    );
    const mac = within(dialog).getByRole('textbox', { name: 'MAC address' });
    await userEvent.type(mac, '02:00:00:00:00:aa');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText('MAC address 02:00:00:00:00:aa is already in use'),
    ).toBeVisible();
    expect(mac).toHaveValue('02:00:00:00:00:aa');
    expect(within(dialog).getByRole('textbox', { name: /^Name/ })).toHaveValue('nic-1');
  });

  it('edits a NIC: the name stays, the change waits for a restart', async () => {
    const { vm, vmi } = withBridge();
    renderAt(<NetworkSubTab editor={editorFor(vm, vmi)} />);
    const menu = await openRowMenu('nic-br');
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('textbox', { name: /^Name/ })).toHaveAttribute('readonly');
    expect(
      within(dialog).getByText('Takes effect after the VirtualMachine restarts'),
    ).toBeVisible();
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Model' }),
      'e1000e',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect((replaced(IFACES)?.value as unknown[])[1]).toEqual({
      name: 'nic-br',
      bridge: {},
      model: 'e1000e',
    });
    expect(replaced(NETS)).toBeUndefined();
  });

  it('sets the link down', async () => {
    const { vm, vmi } = withBridge();
    renderAt(<NetworkSubTab editor={editorFor(vm, vmi)} />);
    const menu = await openRowMenu('nic-br');
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Set link down' }));
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect((replaced(IFACES)?.value as unknown[])[1]).toEqual({
      name: 'nic-br',
      bridge: {},
      model: 'virtio',
      state: 'down',
    });
  });

  it('hot unplugs a bridge NIC of a running VM; Delete waits until it is detached', async () => {
    const { vm, vmi } = withBridge();
    const first = renderAt(<NetworkSubTab editor={editorFor(vm, vmi)} />);
    let menu = await openRowMenu('nic-br');
    expect(within(menu).getByRole('menuitem', { name: 'Delete' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Hot unplug' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Hot unplug' }));
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect((replaced(IFACES)?.value as unknown[])[1]).toMatchObject({
      name: 'nic-br',
      state: 'absent',
    });
    // Once KubeVirt has detached it, it can be deleted.
    const { vm: absentVm } = withBridge();
    const nic = absentVm.spec?.template?.spec?.domain?.devices?.interfaces?.[1];
    if (nic) nic.state = 'absent';
    patch.mockClear();
    first.unmount();
    renderAt(<NetworkSubTab editor={editorFor(absentVm, makeVmi())} />);
    expect(screen.getByText('Absent')).toBeVisible();
    menu = await openRowMenu('nic-br');
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Delete' }));
    const confirm = await screen.findByRole('dialog');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect(replaced(IFACES)?.value).toEqual([{ name: 'default', masquerade: {}, model: 'virtio' }]);
    expect(replaced(NETS)?.value).toEqual([{ name: 'default', pod: {} }]);
  });

  it('warns before deleting the pod network interface', async () => {
    renderAt(
      <NetworkSubTab editor={editorFor(makeVm({ status: { printableStatus: 'Stopped' } }))} />,
    );
    const menu = await openRowMenu('default');
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('This is the pod network interface')).toBeVisible();
  });

  it('disables changes with the reason when the user may not patch the VM', async () => {
    renderAt(
      <NetworkSubTab
        editor={editorFor(makeVm(), undefined, {
          allowed: false,
          loading: false,
          reason: 'You do not have permission to change VirtualMachine fedora-vm in demo.',
        })}
      />,
    );
    expect(screen.getByRole('button', { name: 'Add network interface' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    const menu = await openRowMenu('default');
    expect(within(menu).getByRole('menuitem', { name: 'Edit' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });
});
