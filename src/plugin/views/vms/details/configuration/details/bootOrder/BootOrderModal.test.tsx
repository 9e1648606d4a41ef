// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { VirtualMachine } from '../../../../../../api/types';
import { makeVm, makeVmi, renderAt } from '../../../testSupport';
import { editorFor } from '../testEditor';
import { BootOrderRow } from './BootOrderRow';

const vmWithDevices = (): VirtualMachine => {
  const vm = makeVm();
  const devices = vm.spec!.template!.spec!.domain.devices;
  devices.disks = [
    { name: 'rootdisk', disk: { bus: 'virtio' } },
    { name: 'install', cdrom: { bus: 'sata' } },
  ];
  return vm;
};

const openEditor = async () => {
  await userEvent.click(screen.getByRole('button', { name: 'Edit Boot order' }));
  return screen.findByRole('dialog');
};

const addSource = async (dialog: HTMLElement, name: string) => {
  await userEvent.click(within(dialog).getByRole('button', { name: 'Add source' }));
  await userEvent.click(await screen.findByRole('menuitem', { name }));
};

const names = (dialog: HTMLElement) =>
  within(within(dialog).getByRole('list', { name: 'Boot order' }))
    .getAllByRole('listitem')
    .map((item) => within(item).getByText(/^\d+\. /).textContent);

describe('boot order', () => {
  it('starts empty, adds sources, reorders with the buttons and saves bootOrder 1..n', async () => {
    const { editor, patch } = editorFor(vmWithDevices(), { vmi: makeVmi() });
    renderAt(<BootOrderRow editor={editor} />);
    const dialog = await openEditor();
    expect(
      within(dialog).getByText(
        'No resource selected. VM will attempt to boot from disks by order of appearance in YAML file',
      ),
    ).toBeVisible();
    expect(
      within(dialog).getByText('Takes effect after the VirtualMachine restarts'),
    ).toBeVisible();
    await addSource(dialog, 'rootdisk (Disk)');
    await addSource(dialog, 'default (NIC)');
    expect(names(dialog)).toEqual(['1. rootdisk', '2. default']);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Move default up' }));
    expect(names(dialog)).toEqual(['1. default', '2. rootdisk']);
    expect(within(dialog).getByText('default moved to position 1 of 2.')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalled());
    expect(patch.mock.calls[0]![0]).toEqual([
      {
        op: 'test',
        path: '/spec/template/spec/domain/devices/disks',
        value: [
          { name: 'rootdisk', disk: { bus: 'virtio' } },
          { name: 'install', cdrom: { bus: 'sata' } },
        ],
      },
      {
        op: 'replace',
        path: '/spec/template/spec/domain/devices/disks',
        value: [
          { name: 'rootdisk', disk: { bus: 'virtio' }, bootOrder: 2 },
          { name: 'install', cdrom: { bus: 'sata' } },
        ],
      },
      {
        op: 'test',
        path: '/spec/template/spec/domain/devices/interfaces',
        value: [{ name: 'default', masquerade: {}, model: 'virtio' }],
      },
      {
        op: 'replace',
        path: '/spec/template/spec/domain/devices/interfaces',
        value: [{ name: 'default', masquerade: {}, model: 'virtio', bootOrder: 1 }],
      },
    ]);
  });

  it('shows the order in the row and moves a source with the arrow keys on its handle', async () => {
    const vm = vmWithDevices();
    vm.spec!.template!.spec!.domain.devices.disks![0]!.bootOrder = 1;
    vm.spec!.template!.spec!.domain.devices.disks![1]!.bootOrder = 2;
    const { editor, patch } = editorFor(vm);
    renderAt(<BootOrderRow editor={editor} />);
    expect(screen.getByText('1. rootdisk (Disk)')).toBeVisible();
    expect(screen.getByText('2. install (CD-ROM)')).toBeVisible();
    const dialog = await openEditor();
    const handle = within(dialog).getByRole('button', { name: 'Reorder install' });
    handle.focus();
    await userEvent.keyboard('{ArrowUp}');
    expect(names(dialog)).toEqual(['1. install', '2. rootdisk']);
    expect(within(dialog).getByRole('button', { name: 'Reorder install' })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(names(dialog)).toEqual(['1. rootdisk', '2. install']);
    await userEvent.keyboard('{ArrowUp}');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalled());
    expect(patch.mock.calls[0]![0][1]).toEqual({
      op: 'replace',
      path: '/spec/template/spec/domain/devices/disks',
      value: [
        { name: 'rootdisk', disk: { bus: 'virtio' }, bootOrder: 2 },
        { name: 'install', cdrom: { bus: 'sata' }, bootOrder: 1 },
      ],
    });
  });

  it('reorders by dragging, and a removed source is offered again', async () => {
    const vm = vmWithDevices();
    vm.spec!.template!.spec!.domain.devices.disks![0]!.bootOrder = 1;
    vm.spec!.template!.spec!.domain.devices.interfaces![0]!.bootOrder = 2;
    const { editor, patch } = editorFor(vm);
    renderAt(<BootOrderRow editor={editor} />);
    const dialog = await openEditor();
    const items = within(within(dialog).getByRole('list', { name: 'Boot order' })).getAllByRole(
      'listitem',
    );
    fireEvent.dragStart(items[1]!);
    fireEvent.dragOver(items[0]!);
    fireEvent.drop(items[0]!);
    expect(names(dialog)).toEqual(['1. default', '2. rootdisk']);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove rootdisk' }));
    expect(names(dialog)).toEqual(['1. default']);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add source' }));
    expect(await screen.findByRole('menuitem', { name: 'rootdisk (Disk)' })).toBeVisible();
    expect(screen.getByRole('menuitem', { name: 'install (CD-ROM)' })).toBeVisible();
    expect(screen.queryByRole('menuitem', { name: 'default (NIC)' })).toBeNull();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByRole('dialog')).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalled());
    const ops = patch.mock.calls[0]![0];
    expect(ops).toContainEqual({
      op: 'replace',
      path: '/spec/template/spec/domain/devices/disks',
      value: [
        { name: 'rootdisk', disk: { bus: 'virtio' } },
        { name: 'install', cdrom: { bus: 'sata' } },
      ],
    });
    expect(ops).toContainEqual({
      op: 'replace',
      path: '/spec/template/spec/domain/devices/interfaces',
      value: [{ name: 'default', masquerade: {}, model: 'virtio', bootOrder: 1 }],
    });
  });
});
