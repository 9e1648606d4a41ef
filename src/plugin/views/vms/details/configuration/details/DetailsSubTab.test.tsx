// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeVm, makeVmi, renderAt, statusError, watchState } from '../../testSupport';
import { DetailsSubTab } from './DetailsSubTab';
import { editorFor } from './testEditor';

vi.mock('../../../../../api/watch', async () => (await import('../../testSupport')).fakeWatch);

const openRow = async (label: string) => {
  await userEvent.click(screen.getByRole('button', { name: `Edit ${label}` }));
  return screen.findByRole('dialog');
};

beforeEach(() => watchState.reset());

describe('DetailsSubTab', () => {
  it('shows the current settings', () => {
    const { editor } = editorFor(makeVm());
    renderAt(<DetailsSubTab editor={editor} />);
    expect(screen.getByText('fedora-vm (the VirtualMachine name)')).toBeVisible();
    expect(screen.getByText('2 CPU | 2 GiB Memory')).toBeVisible();
    expect(screen.getByText('BIOS')).toBeVisible();
    expect(screen.getByText('Always')).toBeVisible();
    expect(screen.getByRole('switch', { name: 'Headless mode' })).not.toBeChecked();
    expect(screen.getByRole('switch', { name: 'Deletion protection' })).not.toBeChecked();
  });

  it('saves the description as an annotation', async () => {
    const { editor, patch } = editorFor(makeVm());
    renderAt(<DetailsSubTab editor={editor} />);
    const dialog = await openRow('Description');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Description' }), 'Web tier');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(patch).toHaveBeenCalledWith([
      { op: 'add', path: '/metadata/annotations', value: { description: 'Web tier' } },
    ]);
  });

  it('refuses an invalid hostname, and keeps what was typed when the server refuses', async () => {
    const { editor, patch } = editorFor(makeVm());
    patch.mockRejectedValue(
      statusError(422, 'VirtualMachine is invalid', [
        { field: 'spec.template.spec.hostname', message: 'hostname is reserved' },
      ]),
    );
    renderAt(<DetailsSubTab editor={editor} />);
    const dialog = await openRow('Hostname');
    const input = within(dialog).getByRole('textbox', { name: 'Hostname' });
    await userEvent.type(input, 'Web_1');
    expect(within(dialog).getByText(/Use lowercase letters/)).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.clear(input);
    await userEvent.type(input, 'web-1');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('hostname is reserved')).toBeVisible();
    expect(input).toHaveValue('web-1');
    expect(patch).toHaveBeenCalledTimes(1);
    expect(patch).toHaveBeenCalledWith([
      { op: 'add', path: '/spec/template/spec/hostname', value: 'web-1' },
    ]);
  });

  it('edits the vCPUs where the VM keeps them and the memory, warning below 128 MiB', async () => {
    const { editor, patch } = editorFor(makeVm(), { vmi: makeVmi() });
    renderAt(<DetailsSubTab editor={editor} />);
    const dialog = await openRow('CPU | Memory');
    expect(
      within(dialog).getByText('Takes effect after the VirtualMachine restarts'),
    ).toBeVisible();
    const vcpus = within(dialog).getByRole('spinbutton', { name: 'vCPUs' });
    await userEvent.clear(vcpus);
    await userEvent.type(vcpus, '4');
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Memory unit' }),
      'MiB',
    );
    const memory = within(dialog).getByRole('spinbutton', { name: 'Memory' });
    await userEvent.clear(memory);
    await userEvent.type(memory, '96');
    expect(within(dialog).getByText(/Less than 128 MiB/)).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalled());
    expect(patch.mock.calls[0]![0]).toEqual([
      { op: 'test', path: '/spec/template/spec/domain/cpu', value: { cores: 2 } },
      { op: 'replace', path: '/spec/template/spec/domain/cpu', value: { cores: 4 } },
      { op: 'test', path: '/spec/template/spec/domain/memory/guest', value: '2Gi' },
      { op: 'replace', path: '/spec/template/spec/domain/memory/guest', value: '96Mi' },
    ]);
  });

  it('sends nothing while a CPU count is invalid; sets a topology', async () => {
    const { editor, patch } = editorFor(makeVm());
    renderAt(<DetailsSubTab editor={editor} />);
    const dialog = await openRow('CPU | Memory');
    await userEvent.clear(within(dialog).getByRole('spinbutton', { name: 'vCPUs' }));
    expect(within(dialog).getByText('Enter a number.')).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.type(within(dialog).getByRole('spinbutton', { name: 'vCPUs' }), '4');
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Set sockets, cores and threads' }),
    );
    expect(within(dialog).getByRole('spinbutton', { name: 'Cores' })).toHaveValue(4);
    const sockets = within(dialog).getByRole('spinbutton', { name: 'Sockets' });
    await userEvent.clear(sockets);
    await userEvent.type(sockets, '2');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalled());
    expect(patch.mock.calls[0]![0]).toContainEqual({
      op: 'replace',
      path: '/spec/template/spec/domain/cpu',
      value: { sockets: 2, cores: 4, threads: 1 },
    });
  });

  it('shows the instance type with its size and switches to another, dropping its revision', async () => {
    const vm = makeVm();
    vm.spec = {
      ...vm.spec!,
      instancetype: {
        kind: 'VirtualMachineClusterInstancetype',
        name: 'u1.medium',
        revisionName: 'rev',
      },
      preference: { kind: 'VirtualMachineClusterPreference', name: 'fedora' },
    };
    const medium = {
      metadata: { name: 'u1.medium' },
      spec: { cpu: { guest: 1 }, memory: { guest: '4Gi' } },
    };
    const large = {
      metadata: { name: 'u1.large' },
      spec: { cpu: { guest: 2 }, memory: { guest: '8Gi' } },
    };
    watchState.objects.set('VirtualMachineClusterInstancetype', { loaded: true, data: medium });
    watchState.lists.set('VirtualMachineClusterInstancetype', {
      loaded: true,
      data: [large, medium],
    });
    watchState.lists.set('VirtualMachineClusterPreference', {
      loaded: true,
      data: [{ metadata: { name: 'fedora' } }, { metadata: { name: 'rhel.9' } }],
    });
    const { editor, patch } = editorFor(vm);
    renderAt(<DetailsSubTab editor={editor} />);
    expect(screen.getByText('Instance type u1.medium: 1 CPU | 4 GiB')).toBeVisible();
    expect(screen.getByText('Preference fedora')).toBeVisible();
    const dialog = await openRow('CPU | Memory');
    const select = within(dialog).getByRole('combobox', { name: 'Instance type' });
    expect(within(select).getByRole('group', { name: 'u1 series' })).toBeInTheDocument();
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['u1.medium: 1 CPU | 4 GiB', 'u1.large: 2 CPU | 8 GiB']);
    await userEvent.selectOptions(select, 'u1.large: 2 CPU | 8 GiB');
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Preference' }),
      'rhel.9',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalled());
    expect(patch.mock.calls[0]![0]).toEqual([
      {
        op: 'test',
        path: '/spec/instancetype',
        value: {
          kind: 'VirtualMachineClusterInstancetype',
          name: 'u1.medium',
          revisionName: 'rev',
        },
      },
      {
        op: 'replace',
        path: '/spec/instancetype',
        value: { kind: 'VirtualMachineClusterInstancetype', name: 'u1.large' },
      },
      {
        op: 'test',
        path: '/spec/preference',
        value: { kind: 'VirtualMachineClusterPreference', name: 'fedora' },
      },
      {
        op: 'replace',
        path: '/spec/preference',
        value: { kind: 'VirtualMachineClusterPreference', name: 'rhel.9' },
      },
    ]);
  });

  it('turns on Secure Boot with SMM', async () => {
    const { editor, patch } = editorFor(makeVm());
    renderAt(<DetailsSubTab editor={editor} />);
    const dialog = await openRow('Boot mode');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'UEFI (secure)' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalled());
    expect(patch.mock.calls[0]![0]).toEqual([
      {
        op: 'add',
        path: '/spec/template/spec/domain/firmware',
        value: { bootloader: { efi: { secureBoot: true } } },
      },
      { op: 'add', path: '/spec/template/spec/domain/features', value: { smm: { enabled: true } } },
    ]);
  });

  it('replaces spec.running with a run strategy and says Halted stops the VM', async () => {
    const vm = makeVm();
    const { runStrategy: _unused, ...spec } = vm.spec!;
    vm.spec = { ...spec, running: true };
    const { editor, patch } = editorFor(vm, { vmi: makeVmi() });
    renderAt(<DetailsSubTab editor={editor} />);
    const dialog = await openRow('Run strategy');
    expect(within(dialog).getByText(/uses the older spec.running field/)).toBeVisible();
    expect(within(dialog).getByRole('radio', { name: 'Always' })).toBeChecked();
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Halted' }));
    expect(
      within(dialog).getByText('Saving Halted stops the running VirtualMachine now.'),
    ).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalled());
    expect(patch.mock.calls[0]![0]).toEqual([
      { op: 'test', path: '/spec/running', value: true },
      { op: 'remove', path: '/spec/running' },
      { op: 'add', path: '/spec/runStrategy', value: 'Halted' },
    ]);
  });

  it('applies a switch at once', async () => {
    const { editor, patch } = editorFor(makeVm());
    renderAt(<DetailsSubTab editor={editor} />);
    const protection = screen.getByRole('switch', { name: 'Deletion protection' });
    await userEvent.click(protection);
    expect(patch).toHaveBeenCalledWith([
      { op: 'add', path: '/metadata/labels/kubevirt.io~1vm-delete-protection', value: 'True' },
    ]);
    await waitFor(() => expect(protection).toBeChecked());
    expect(protection).toHaveFocus();
  });

  it('puts a switch back and says why when the change fails', async () => {
    const { editor, patch } = editorFor(makeVm());
    patch.mockRejectedValue(statusError(403, 'virtualmachines "fedora-vm" is forbidden'));
    renderAt(<DetailsSubTab editor={editor} />);
    const headless = screen.getByRole('switch', { name: 'Headless mode' });
    await userEvent.click(headless);
    expect(await screen.findByText('virtualmachines "fedora-vm" is forbidden')).toBeVisible();
    expect(headless).not.toBeChecked();
    expect(patch).toHaveBeenCalledWith([
      {
        op: 'add',
        path: '/spec/template/spec/domain/devices/autoattachGraphicsDevice',
        value: false,
      },
    ]);
  });

  it('disables every control with the reason when the user may not change the VM', () => {
    const reason = 'You do not have permission to change VirtualMachine fedora-vm in demo.';
    const { editor } = editorFor(makeVm(), { access: { allowed: false, loading: false, reason } });
    renderAt(<DetailsSubTab editor={editor} />);
    expect(screen.getByRole('button', { name: 'Edit Boot order' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(screen.getByRole('switch', { name: 'Start in paused mode' })).toBeDisabled();
    expect(screen.getAllByText(reason).length).toBeGreaterThan(0);
  });

  it('marks a saved change that waits for a restart', () => {
    const vm = makeVm();
    vm.spec!.template!.spec!.hostname = 'web-1';
    const { editor } = editorFor(vm, { vmi: makeVmi() });
    renderAt(<DetailsSubTab editor={editor} />);
    expect(screen.getByText('web-1')).toBeVisible();
    expect(screen.getAllByText('Restart required to apply')).toHaveLength(1);
  });
});
