// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import { makeVm, makeVmi, renderAt, statusError, watchState } from '../../testSupport';
import type { VmEditor } from '../editor/vmEditor';
import { vmWithVolume } from '../initialRun/testVms';
import { EnvironmentSubTab } from './EnvironmentSubTab';

vi.mock('../../../../../api/watch', async () => (await import('../../testSupport')).fakeWatch);

const withConfigMap = vmWithVolume(
  { name: 'app-config', configMap: { name: 'app' } },
  { name: 'app-config', disk: { bus: 'virtio' }, serial: 'CFG001' },
);

const editorOf = (vm: VirtualMachine, change: Partial<VmEditor> = {}): VmEditor => ({
  vm,
  live: true,
  access: { allowed: true, loading: false },
  patch: vi.fn<(ops: JsonPatchOp[]) => Promise<VirtualMachine>>().mockResolvedValue(vm),
  ...change,
});

const row = (number: number) => screen.getByRole('group', { name: `Environment disk ${number}` });

beforeEach(() => {
  watchState.reset();
  watchState.lists.set('ConfigMap', {
    loaded: true,
    data: [{ metadata: { name: 'app' } }, { metadata: { name: 'app-v2' } }],
  });
  watchState.lists.set('Secret', { loaded: true, data: [{ metadata: { name: 'db' } }] });
  watchState.lists.set('ServiceAccount', {
    loaded: true,
    data: [{ metadata: { name: 'default' } }, { metadata: { name: 'builder' } }],
  });
});

describe('EnvironmentSubTab', () => {
  it('shows the saved disks with their serials', () => {
    renderAt(<EnvironmentSubTab editor={editorOf(withConfigMap)} />);
    expect(within(row(1)).getByRole('combobox', { name: 'Resource kind' })).toHaveValue(
      'configMap',
    );
    expect(within(row(1)).getByRole('combobox', { name: /Resource$/ })).toHaveValue('app');
    expect(within(row(1)).getByRole('textbox', { name: /Serial number/ })).toHaveValue('CFG001');
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeDisabled();
  });

  it('adds a Secret with a generated serial and saves it as a virtio disk', async () => {
    const editor = editorOf(withConfigMap, { vmi: makeVmi() });
    renderAt(<EnvironmentSubTab editor={editor} />);
    await userEvent.click(
      screen.getByRole('button', { name: 'Add Config Map, Secret or Service Account' }),
    );
    const added = row(2);
    const serial = within(added).getByRole('textbox', { name: /Serial number/ });
    expect((serial as HTMLInputElement).value).toMatch(/^[A-Za-z0-9]{6}$/);
    await userEvent.selectOptions(
      within(added).getByRole('combobox', { name: 'Resource kind' }),
      'secret',
    );
    // Nothing is sent while a resource is missing; the message says what to do.
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(within(added).getByText('Select a resource.')).toBeVisible();
    expect(editor.patch).not.toHaveBeenCalled();
    await userEvent.selectOptions(within(added).getByRole('combobox', { name: /Resource$/ }), 'db');
    expect(screen.getByText('Takes effect after the VirtualMachine restarts')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(editor.patch).toHaveBeenCalled());
    const ops = vi.mocked(editor.patch).mock.calls[0]![0];
    const disks = ops.find((op) => op.op === 'replace' && op.path.endsWith('/disks')) as {
      value: { name: string; serial?: string; disk?: object }[];
    };
    const volumes = ops.find((op) => op.op === 'replace' && op.path.endsWith('/volumes')) as {
      value: { name: string }[];
    };
    const newDisk = disks.value.at(-1)!;
    expect(newDisk).toEqual({
      name: expect.stringMatching(/^environment-disk-[a-z0-9]{5}$/),
      disk: { bus: 'virtio' },
      serial: (serial as HTMLInputElement).value,
    });
    expect(volumes.value.at(-1)).toEqual({ name: newDisk.name, secret: { secretName: 'db' } });
    expect(disks.value.slice(0, 2).map((disk) => disk.name)).toEqual(['rootdisk', 'app-config']);
  });

  it('validates serials and allows one ServiceAccount', async () => {
    const editor = editorOf(makeVm());
    renderAt(<EnvironmentSubTab editor={editor} />);
    const add = screen.getByRole('button', { name: 'Add Config Map, Secret or Service Account' });
    await userEvent.click(add);
    await userEvent.click(add);
    await userEvent.selectOptions(
      within(row(1)).getByRole('combobox', { name: 'Resource kind' }),
      'serviceAccount',
    );
    const secondKind = within(row(2)).getByRole('combobox', { name: 'Resource kind' });
    expect(within(secondKind).getByRole('option', { name: 'ServiceAccount' })).toBeDisabled();
    const serial = within(row(2)).getByRole('textbox', { name: /Serial number/ });
    await userEvent.clear(serial);
    await userEvent.type(serial, 'bad!serial');
    expect(
      within(row(2)).getByText('Use letters, digits, "_", ".", "+" or "-" only.'),
    ).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(editor.patch).not.toHaveBeenCalled();
  });

  it('removes a disk, and Reload brings the saved state back', async () => {
    const editor = editorOf(withConfigMap);
    renderAt(<EnvironmentSubTab editor={editor} />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove environment disk 1' }));
    expect(screen.queryByRole('group', { name: 'Environment disk 1' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(within(row(1)).getByRole('combobox', { name: /Resource$/ })).toHaveValue('app');

    await userEvent.click(screen.getByRole('button', { name: 'Remove environment disk 1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(editor.patch).toHaveBeenCalled());
    expect(vi.mocked(editor.patch).mock.calls[0]![0].filter((op) => op.op === 'replace')).toEqual([
      {
        op: 'replace',
        path: '/spec/template/spec/domain/devices/disks',
        value: [{ name: 'rootdisk', disk: { bus: 'virtio' } }],
      },
      {
        op: 'replace',
        path: '/spec/template/spec/volumes',
        value: [{ name: 'rootdisk', dataVolume: { name: 'fedora-vm-rootdisk' } }],
      },
    ]);
  });

  it('keeps the saved edits on screen until the VM reflects them', async () => {
    const editor = editorOf(withConfigMap);
    const { rerender } = renderAt(<EnvironmentSubTab editor={editor} />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove environment disk 1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(editor.patch).toHaveBeenCalled());
    expect(screen.queryByRole('group', { name: 'Environment disk 1' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    // The watch brings the VM as saved; the form follows it again.
    const updated = vmWithVolume(
      { name: 'other', configMap: { name: 'app-v2' } },
      { name: 'other', disk: { bus: 'virtio' }, serial: 'NEW001' },
    );
    rerender(<EnvironmentSubTab editor={{ ...editor, vm: updated }} />);
    expect(within(row(1)).getByRole('combobox', { name: /Resource$/ })).toHaveValue('app-v2');
    expect(
      screen.getByRole('button', { name: 'Add Config Map, Secret or Service Account' }),
    ).toBeEnabled();
  });

  it('keeps the edits and shows the refusal when the server says no', async () => {
    const editor = editorOf(withConfigMap, {
      patch: vi.fn().mockRejectedValue(statusError(422, 'the server rejected our request')),
    });
    renderAt(<EnvironmentSubTab editor={editor} />);
    await userEvent.selectOptions(
      within(row(1)).getByRole('combobox', { name: /Resource$/ }),
      'app-v2',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('the server rejected our request')).toBeVisible();
    expect(within(row(1)).getByRole('combobox', { name: /Resource$/ })).toHaveValue('app-v2');
  });

  it('is read-only without permission', () => {
    renderAt(
      <EnvironmentSubTab
        editor={editorOf(withConfigMap, {
          access: { allowed: false, loading: false, reason: 'You do not have permission.' },
        })}
      />,
    );
    expect(screen.getByText('You do not have permission.')).toBeVisible();
    expect(
      screen.getByRole('button', { name: 'Add Config Map, Secret or Service Account' }),
    ).toBeDisabled();
    expect(within(row(1)).getByRole('combobox', { name: /Resource$/ })).toBeDisabled();
  });
});
