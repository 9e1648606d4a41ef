// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { hotplugVolume, k8sCreate, k8sDelete, k8sPatch } from '../../../../../api/k8s';
import type { JsonPatchOp, VirtualMachine, VirtualMachineInstance } from '../../../../../api/types';
import { renderAt, statusError, watchState } from '../../testSupport';
import type { VmEditor } from '../editor/vmEditor';
import { AddDiskModal } from './AddDiskModal';
import { DisksSubTab } from './DisksSubTab';
import { claim, dataVolume, diskVm, diskVmi, NS, VM_NAME } from './testFixtures';
import { uploadImage } from '../../../../../api/upload';

vi.mock('../../../../../api/watch', async () => (await import('../../testSupport')).fakeWatch);
vi.mock('../../../../../api/k8s', () => ({
  k8sCreate: vi.fn(),
  k8sPatch: vi.fn(),
  k8sDelete: vi.fn(),
  hotplugVolume: vi.fn(),
}));
vi.mock('../../../../../api/upload', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  uploadImage: vi.fn(),
}));

const makeEditor = (
  vm: VirtualMachine,
  vmi?: VirtualMachineInstance,
  overrides: Partial<Omit<VmEditor, 'patch'>> = {},
) => {
  const patch = vi.fn<(ops: JsonPatchOp[]) => Promise<VirtualMachine>>().mockResolvedValue(vm);
  return { vm, vmi, live: true, access: { allowed: true, loading: false }, ...overrides, patch };
};

const replaced = (ops: JsonPatchOp[], path: string) =>
  (ops.find((op) => op.op !== 'test' && op.path === path) as { value: unknown[] } | undefined)
    ?.value;

const openRowMenu = async (name: string) => {
  await userEvent.click(screen.getByRole('button', { name: `Actions for ${name}` }));
  return screen.findByRole('menu');
};

const openAddDisk = async () => {
  await userEvent.click(screen.getByRole('button', { name: 'Add disk' }));
  return screen.findByRole('dialog');
};

beforeEach(() => {
  watchState.reset();
  watchState.lists.set('PersistentVolumeClaim', {
    loaded: true,
    data: [
      claim(`${VM_NAME}-rootdisk`, '30Gi'),
      claim('scratch-pvc', '5Gi'),
      claim('spare', '8Gi'),
    ],
  });
  watchState.lists.set('DataVolume', { loaded: true, data: [dataVolume(`${VM_NAME}-rootdisk`)] });
  watchState.lists.set('StorageClass', {
    loaded: true,
    data: [
      {
        metadata: {
          name: 'standard',
          annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        },
        provisioner: 'x',
        allowVolumeExpansion: true,
      },
      {
        metadata: {
          name: 'fast',
          annotations: { 'storageclass.kubevirt.io/is-default-virt-class': 'true' },
        },
        provisioner: 'y',
      },
    ],
  });
  watchState.lists.set('StorageProfile', {
    loaded: true,
    data: [
      {
        metadata: { name: 'fast' },
        status: { claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }] },
      },
    ],
  });
  vi.mocked(k8sCreate).mockReset().mockResolvedValue({});
  vi.mocked(k8sPatch).mockReset().mockResolvedValue({});
  vi.mocked(k8sDelete).mockReset().mockResolvedValue(undefined);
  vi.mocked(hotplugVolume).mockReset().mockResolvedValue(undefined);
  vi.mocked(uploadImage).mockReset();
});

describe('DisksSubTab table', () => {
  it('shows every disk with its labels, source, size, drive, interface and class', () => {
    const vm = diskVm({ running: true });
    vm.spec?.template?.spec?.domain.devices.disks?.push({ name: 'later', disk: { bus: 'virtio' } });
    vm.spec?.template?.spec?.volumes?.push({
      name: 'later',
      persistentVolumeClaim: { claimName: 'spare' },
    });
    renderAt(<DisksSubTab editor={makeEditor(vm, diskVmi(diskVm({ running: true })))} />);
    const row = (name: string) => screen.getByRole('row', { name: new RegExp(`^${name}`) });
    expect(within(row('rootdisk')).getByText('Boot disk')).toBeVisible();
    expect(
      within(row('rootdisk')).getByRole('link', { name: `${VM_NAME}-rootdisk` }),
    ).toHaveAttribute('href', `/k8s/ns/${NS}/persistentvolumeclaims/${VM_NAME}-rootdisk`);
    expect(within(row('rootdisk')).getByText('30Gi')).toBeVisible();
    expect(within(row('rootdisk')).getByText('standard')).toBeVisible();
    expect(within(row('iso')).getByText('CD-ROM')).toBeVisible();
    expect(within(row('iso')).getByText('SATA')).toBeVisible();
    expect(within(row('cloudinitdisk')).getByText('cloud-init')).toBeVisible();
    expect(within(row('scratch')).getByText('Hot-plugged')).toBeVisible();
    expect(within(row('scratch')).getByText('SCSI')).toBeVisible();
    expect(within(row('later')).getByText('Pending restart')).toBeVisible();
  });

  it('says so when the VM has no disks', () => {
    const vm = diskVm();
    vm.spec!.template!.spec!.domain.devices.disks = [];
    renderAt(<DisksSubTab editor={makeEditor(vm)} />);
    expect(screen.getByText('No disks')).toBeVisible();
  });

  it('disables Add disk with the reason when the user may not change the VM', () => {
    const editor = makeEditor(diskVm(), undefined, {
      access: { allowed: false, loading: false, reason: 'You do not have permission.' },
    });
    renderAt(<DisksSubTab editor={editor} />);
    expect(screen.getByRole('button', { name: 'Add disk' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });
});

describe('Add disk on a stopped VM', () => {
  it('shows errors under the fields and sends nothing for a bad name, size 0 and a bad URL', async () => {
    const editor = makeEditor(diskVm());
    renderAt(<DisksSubTab editor={editor} />);
    const dialog = await openAddDisk();
    expect(within(dialog).getByRole('heading', { name: 'Add disk' })).toBeVisible();
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Source' }), 'url');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'URL' }),
      'ftp://example.com/a',
    );
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await userEvent.clear(name);
    await userEvent.type(name, 'Bad_Name');
    const size = within(dialog).getByRole('textbox', { name: 'Size' });
    await userEvent.clear(size);
    await userEvent.type(size, '0');
    expect(within(dialog).getByText(/Use lowercase letters, digits/)).toBeVisible();
    expect(within(dialog).getByText('The size must be greater than 0.')).toBeVisible();
    expect(within(dialog).getByText(/Enter an http:\/\/ or https:\/\/ URL/)).toBeVisible();
    const add = within(dialog).getByRole('button', { name: 'Add' });
    expect(add).toBeDisabled();
    await userEvent.click(add);
    expect(editor.patch).not.toHaveBeenCalled();
    expect(k8sCreate).not.toHaveBeenCalled();
  });

  it('adds a URL disk with one patch: disk, volume and dataVolumeTemplate', async () => {
    const editor = makeEditor(diskVm());
    renderAt(<DisksSubTab editor={editor} />);
    const dialog = await openAddDisk();
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Source' }), 'url');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'URL' }),
      'https://example.com/a.qcow2',
    );
    // The virt default class is preselected, and what its profile picks is said.
    expect(within(dialog).getByRole('combobox', { name: 'Storage class' })).toHaveValue('fast');
    expect(within(dialog).getByRole('option', { name: 'fast (default)' })).toBeInTheDocument();
    expect(
      within(dialog).getByText(/picks volume mode Block and access mode ReadWriteMany/),
    ).toBeVisible();
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Enable preallocation' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(editor.patch).toHaveBeenCalledTimes(1));
    const ops = editor.patch.mock.calls[0]![0];
    expect(replaced(ops, '/spec/template/spec/domain/devices/disks')?.at(-1)).toEqual({
      name: 'disk-1',
      disk: { bus: 'virtio' },
    });
    expect(replaced(ops, '/spec/template/spec/volumes')?.at(-1)).toEqual({
      name: 'disk-1',
      dataVolume: { name: `${VM_NAME}-disk-1` },
    });
    expect(replaced(ops, '/spec/dataVolumeTemplates')?.at(-1)).toEqual({
      metadata: { name: `${VM_NAME}-disk-1` },
      spec: {
        source: { http: { url: 'https://example.com/a.qcow2' } },
        storage: { storageClassName: 'fast', resources: { requests: { storage: '30Gi' } } },
        preallocation: true,
      },
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('sends chosen modes when the StorageProfile settings are cleared', async () => {
    const editor = makeEditor(diskVm());
    renderAt(<DisksSubTab editor={editor} />);
    const dialog = await openAddDisk();
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Apply optimized StorageProfile settings' }),
    );
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Volume mode' }),
      'Block',
    );
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Access mode' }),
      'ReadWriteMany',
    );
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Storage class' }),
      'standard',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(editor.patch).toHaveBeenCalled());
    expect(
      replaced(editor.patch.mock.calls[0]![0], '/spec/dataVolumeTemplates')?.at(-1),
    ).toMatchObject({
      spec: {
        storage: {
          storageClassName: 'standard',
          volumeMode: 'Block',
          accessModes: ['ReadWriteMany'],
        },
      },
    });
  });

  it('keeps CD-ROM on SATA or SCSI, and a LUN on SCSI with its advanced settings', async () => {
    const editor = makeEditor(diskVm());
    renderAt(<DisksSubTab editor={editor} />);
    const dialog = await openAddDisk();
    const type = within(dialog).getByRole('combobox', { name: 'Type' });
    const iface = within(dialog).getByRole('combobox', { name: 'Interface' });
    await userEvent.selectOptions(type, 'cdrom');
    expect(
      within(iface)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['SATA', 'SCSI']);
    await userEvent.selectOptions(type, 'lun');
    expect(
      within(iface)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['SCSI']);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Advanced settings' }));
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Enable sharing' }));
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'SCSI persistent reservation' }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(editor.patch).toHaveBeenCalled());
    expect(
      replaced(editor.patch.mock.calls[0]![0], '/spec/template/spec/domain/devices/disks')?.at(-1),
    ).toEqual({
      name: 'disk-1',
      lun: { bus: 'scsi', reservation: true },
      shareable: true,
    });
  });

  it('skips default names whose DataVolume a detached disk left behind', async () => {
    watchState.lists.set('DataVolume', {
      loaded: true,
      data: [dataVolume(`${VM_NAME}-rootdisk`), dataVolume(`${VM_NAME}-disk-1`)],
    });
    renderAt(<DisksSubTab editor={makeEditor(diskVm())} />);
    const dialog = await openAddDisk();
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    expect(name).toHaveValue('disk-2');
    await userEvent.clear(name);
    await userEvent.type(name, 'disk-1');
    expect(
      within(dialog).getByText(
        'A DataVolume or PVC named fedora-vm-disk-1 exists in this project already: choose another disk name.',
      ),
    ).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Add' })).toBeDisabled();
  });

  it('shows the server’s cause under Name and keeps what was typed', async () => {
    const editor = makeEditor(diskVm());
    editor.patch.mockRejectedValue(
      statusError(422, 'VirtualMachine is invalid', [
        { field: 'spec.template.spec.domain.devices.disks[3].name', message: 'name is reserved' },
      ]),
    );
    renderAt(<DisksSubTab editor={editor} />);
    const dialog = await openAddDisk();
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await userEvent.clear(name);
    await userEvent.type(name, 'reserved');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(await within(dialog).findByText('name is reserved')).toBeVisible();
    expect(name).toHaveValue('reserved');
  });

  it('uploads into a DataVolume owned by the VM, then adds it', async () => {
    let finish: () => void = () => undefined;
    vi.mocked(uploadImage).mockImplementation((_ns, _name, file, onProgress) => {
      onProgress(file.size / 2, file.size);
      return { done: new Promise<void>((resolve) => (finish = resolve)), cancel: vi.fn() };
    });
    const editor = makeEditor(diskVm());
    renderAt(<DisksSubTab editor={editor} />);
    const dialog = await openAddDisk();
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Source' }),
      'upload',
    );
    const input = dialog.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(input, new File(['x'.repeat(2048)], 'fedora.qcow2'));
    expect(await within(dialog).findByText(/fedora\.qcow2, 2 KiB/)).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(uploadImage).toHaveBeenCalled());
    expect(vi.mocked(k8sCreate).mock.calls[0]![1]).toMatchObject({
      metadata: {
        name: `${VM_NAME}-disk-1`,
        ownerReferences: [{ kind: 'VirtualMachine', uid: 'vm-uid' }],
      },
      spec: { source: { upload: {} } },
    });
    expect(vi.mocked(uploadImage).mock.calls[0]!.slice(0, 2)).toEqual([NS, `${VM_NAME}-disk-1`]);
    expect(await within(dialog).findByText('1 KiB of 2 KiB')).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Cancel upload' })).toBeVisible();
    expect(editor.patch).not.toHaveBeenCalled();
    finish();
    await waitFor(() => expect(editor.patch).toHaveBeenCalled());
    expect(replaced(editor.patch.mock.calls[0]![0], '/spec/template/spec/volumes')?.at(-1)).toEqual(
      {
        name: 'disk-1',
        dataVolume: { name: `${VM_NAME}-disk-1` },
      },
    );
  });
});

describe('Add disk on a running VM', () => {
  const running = () => {
    const vm = diskVm({ running: true });
    return makeEditor(vm, diskVmi(vm, 'none'));
  };

  it('creates the DataVolume, waits for it and hot-plugs it on SCSI', async () => {
    watchState.objects.set('DataVolume', { loaded: true, data: dataVolume(`${VM_NAME}-disk-1`) });
    watchState.objects.set('PersistentVolumeClaim', {
      loaded: true,
      data: claim(`${VM_NAME}-disk-1`, '30Gi'),
    });
    const editor = running();
    renderAt(<DisksSubTab editor={editor} />);
    const dialog = await openAddDisk();
    expect(within(dialog).getByRole('heading', { name: 'Add disk (hot plugged)' })).toBeVisible();
    const iface = within(dialog).getByRole('combobox', { name: 'Interface' });
    expect(
      within(iface)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['SCSI']);
    expect(within(dialog).getByText(/Hot-plugged disks use the SCSI bus/)).toBeVisible();
    expect(
      within(dialog).getByRole('checkbox', { name: 'Make this disk persistent' }),
    ).toBeChecked();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(hotplugVolume).toHaveBeenCalled());
    expect(vi.mocked(k8sCreate).mock.calls[0]![1]).toMatchObject({
      kind: 'DataVolume',
      metadata: {
        name: `${VM_NAME}-disk-1`,
        ownerReferences: [{ kind: 'VirtualMachine', name: VM_NAME }],
      },
      spec: { source: { blank: {} } },
    });
    expect(vi.mocked(hotplugVolume).mock.calls[0]).toEqual([
      { namespace: NS, name: VM_NAME },
      'addvolume',
      {
        name: 'disk-1',
        disk: { name: 'disk-1', disk: { bus: 'scsi' } },
        volumeSource: { dataVolume: { name: `${VM_NAME}-disk-1`, hotpluggable: true } },
      },
      { persist: true },
    ]);
    expect(editor.patch).not.toHaveBeenCalled();
  });

  it('goes on from the created DataVolume when the hot-plug failed once', async () => {
    watchState.objects.set('DataVolume', { loaded: true, data: dataVolume(`${VM_NAME}-disk-1`) });
    watchState.objects.set('PersistentVolumeClaim', {
      loaded: true,
      data: claim(`${VM_NAME}-disk-1`, '30Gi'),
    });
    // The created DataVolume shows up in the project's list, as the watch would bring it.
    vi.mocked(k8sCreate).mockImplementation(async (_model, object) => {
      watchState.lists.set('DataVolume', {
        loaded: true,
        data: [dataVolume(`${VM_NAME}-rootdisk`), object as ReturnType<typeof dataVolume>],
      });
      return object;
    });
    vi.mocked(hotplugVolume).mockRejectedValueOnce(
      statusError(409, 'Unable to add volume: PersistentVolumeClaim is not bound'),
    );
    renderAt(<DisksSubTab editor={running()} />);
    const dialog = await openAddDisk();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText(/is not bound/)).toBeVisible();
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveValue('disk-1');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(hotplugVolume).toHaveBeenCalledTimes(2));
    expect(k8sCreate).toHaveBeenCalledTimes(1);
  });

  it('hot-plugs an existing PVC into the guest only when not persistent', async () => {
    const editor = running();
    renderAt(<DisksSubTab editor={editor} />);
    const dialog = await openAddDisk();
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Source' }), 'pvc');
    const pvc = within(dialog).getByRole('combobox', { name: 'PersistentVolumeClaim' });
    expect(
      within(pvc).getByRole('option', {
        name: `${VM_NAME}-rootdisk (used by this VirtualMachine)`,
      }),
    ).toBeDisabled();
    await userEvent.selectOptions(pvc, 'spare');
    expect(within(dialog).queryByRole('textbox', { name: 'Size' })).toBeNull();
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Make this disk persistent' }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(hotplugVolume).toHaveBeenCalled());
    expect(k8sCreate).not.toHaveBeenCalled();
    expect(vi.mocked(hotplugVolume).mock.calls[0]!.slice(2)).toEqual([
      {
        name: 'disk-1',
        disk: { name: 'disk-1', disk: { bus: 'scsi' } },
        volumeSource: { persistentVolumeClaim: { claimName: 'spare', hotpluggable: true } },
      },
      { persist: false },
    ]);
  });

  it('adds a container disk for the next start, with a restart hint', async () => {
    const editor = running();
    renderAt(<DisksSubTab editor={editor} />);
    const dialog = await openAddDisk();
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Source' }),
      'containerDisk',
    );
    expect(within(dialog).getByText('Container disks cannot be hot-plugged')).toBeVisible();
    expect(
      within(dialog).getByText('Takes effect after the VirtualMachine restarts'),
    ).toBeVisible();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Container image' }),
      'quay.io/containerdisks/fedora:latest',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(editor.patch).toHaveBeenCalled());
    expect(hotplugVolume).not.toHaveBeenCalled();
    expect(replaced(editor.patch.mock.calls[0]![0], '/spec/template/spec/volumes')?.at(-1)).toEqual(
      {
        name: 'disk-1',
        containerDisk: { image: 'quay.io/containerdisks/fedora:latest' },
      },
    );
  });

  it('gives up with a clear message when the DataVolume is not ready in time', async () => {
    watchState.objects.set('DataVolume', {
      loaded: true,
      data: {
        ...dataVolume(`${VM_NAME}-disk-1`, 'ImportInProgress'),
        status: { phase: 'ImportInProgress', progress: '12.00%' },
      },
    });
    const editor = running();
    renderAt(
      <AddDiskModal
        editor={editor}
        takenNames={['rootdisk']}
        onClose={vi.fn()}
        volumeWaitMs={300}
      />,
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText(/Preparing the disk…/)).toBeVisible();
    expect(within(dialog).getByText(/ImportInProgress, 12.00%/)).toBeVisible();
    expect(
      await within(dialog).findByText(
        /DataVolume fedora-vm-disk-1 was not ready in time \(phase: ImportInProgress\)/,
      ),
    ).toBeVisible();
    expect(hotplugVolume).not.toHaveBeenCalled();
  });
});

describe('row actions', () => {
  it('detaches a disk hot-plugged into the guest only with removevolume on the VMI', async () => {
    const vm = diskVm({ running: true });
    renderAt(<DisksSubTab editor={makeEditor(vm, diskVmi(vm))} />);
    const menu = await openRowMenu('scratch');
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Detach' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Detach' }));
    await waitFor(() =>
      expect(hotplugVolume).toHaveBeenCalledWith(
        { namespace: NS, name: VM_NAME },
        'removevolume',
        { name: 'scratch' },
        { persist: false },
      ),
    );
    expect(k8sDelete).not.toHaveBeenCalled();
  });

  it('detaches a VM disk by patch, and deletes its DataVolume when asked', async () => {
    const vm = diskVm({ running: true });
    const editor = makeEditor(vm, diskVmi(vm, 'none'));
    renderAt(<DisksSubTab editor={editor} />);
    const menu = await openRowMenu('iso');
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Detach' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Takes effect after the VirtualMachine restarts'),
    ).toBeVisible();
    const also = within(dialog).getByRole('checkbox', { name: 'Also delete the PVC/DataVolume' });
    expect(also).not.toBeChecked();
    await userEvent.click(also);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Detach' }));
    await waitFor(() => expect(k8sDelete).toHaveBeenCalled());
    const ops = editor.patch.mock.calls[0]![0];
    expect(
      (replaced(ops, '/spec/template/spec/domain/devices/disks') as { name: string }[]).map(
        (d) => d.name,
      ),
    ).toEqual(['rootdisk', 'cloudinitdisk']);
    expect(vi.mocked(k8sDelete).mock.calls[0]!.slice(1)).toEqual([
      { namespace: NS, name: `${VM_NAME}-iso` },
    ]);
    expect(vi.mocked(k8sDelete).mock.calls[0]![0].kind).toBe('DataVolume');
  });

  it('makes a guest-only hot-plug persistent', async () => {
    const vm = diskVm({ running: true });
    renderAt(<DisksSubTab editor={makeEditor(vm, diskVmi(vm))} />);
    const menu = await openRowMenu('scratch');
    expect(within(menu).getByRole('menuitem', { name: /Edit/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Make persistent' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Make persistent' }));
    await waitFor(() => expect(hotplugVolume).toHaveBeenCalled());
    expect(vi.mocked(hotplugVolume).mock.calls[0]).toEqual([
      { namespace: NS, name: VM_NAME },
      'addvolume',
      {
        name: 'scratch',
        disk: { name: 'scratch', disk: { bus: 'scsi' }, serial: 'scratch-pvc' },
        volumeSource: { persistentVolumeClaim: { claimName: 'scratch-pvc', hotpluggable: true } },
      },
      { persist: true },
    ]);
  });

  it('expands a PVC but refuses to shrink it', async () => {
    renderAt(<DisksSubTab editor={makeEditor(diskVm())} />);
    const menu = await openRowMenu('rootdisk');
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Expand' }));
    const dialog = await screen.findByRole('dialog');
    const size = within(dialog).getByRole('textbox', { name: 'Size' });
    expect(size).toHaveValue('30');
    await userEvent.clear(size);
    await userEvent.type(size, '20');
    expect(
      within(dialog).getByText(/A disk can only grow: enter a size larger than its current 30 GiB/),
    ).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Expand' })).toBeDisabled();
    await userEvent.clear(size);
    await userEvent.type(size, '40');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Expand' }));
    await waitFor(() =>
      expect(k8sPatch).toHaveBeenCalledWith(
        expect.objectContaining({ kind: 'PersistentVolumeClaim' }),
        { namespace: NS, name: `${VM_NAME}-rootdisk` },
        { spec: { resources: { requests: { storage: '40Gi' } } } },
      ),
    );
  });

  it('ejects a CD-ROM, keeping the drive', async () => {
    const editor = makeEditor(diskVm());
    renderAt(<DisksSubTab editor={editor} />);
    const menu = await openRowMenu('iso');
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Eject' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Eject' }));
    await waitFor(() => expect(editor.patch).toHaveBeenCalled());
    const ops = editor.patch.mock.calls[0]![0];
    expect(ops.some((op) => op.path === '/spec/template/spec/domain/devices/disks')).toBe(false);
    expect(
      (replaced(ops, '/spec/template/spec/volumes') as { name: string }[]).map((v) => v.name),
    ).toEqual(['rootdisk', 'cloudinitdisk']);
  });

  it('edits name, type and interface; a running VM is told to restart', async () => {
    const vm = diskVm({ running: true });
    const editor = makeEditor(vm, diskVmi(vm, 'none'));
    renderAt(<DisksSubTab editor={editor} />);
    const menu = await openRowMenu('iso');
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Takes effect after the VirtualMachine restarts'),
    ).toBeVisible();
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await userEvent.clear(name);
    await userEvent.type(name, 'rootdisk');
    expect(
      within(dialog).getByText('The VirtualMachine already has a disk named rootdisk.'),
    ).toBeVisible();
    await userEvent.clear(name);
    await userEvent.type(name, 'tools');
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Interface' }),
      'scsi',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(editor.patch).toHaveBeenCalled());
    const ops = editor.patch.mock.calls[0]![0];
    expect(replaced(ops, '/spec/template/spec/domain/devices/disks')?.[2]).toEqual({
      name: 'tools',
      cdrom: { bus: 'scsi' },
    });
    expect(replaced(ops, '/spec/template/spec/volumes')?.[2]).toEqual({
      name: 'tools',
      dataVolume: { name: `${VM_NAME}-iso` },
    });
  });
});
