// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { k8sPatch } from '../../../../../api/k8s';
import { makeVm, renderAt, statusError } from '../../testSupport';
import { editorFor } from '../details/testEditor';
import { MetadataSubTab } from './MetadataSubTab';

vi.mock('../../../../../api/k8s', () => ({ k8sPatch: vi.fn() }));

beforeEach(() => vi.mocked(k8sPatch).mockReset());

const vmWithMetadata = () => {
  const vm = makeVm();
  vm.metadata!.annotations = { description: 'Web tier' };
  return vm;
};

describe('MetadataSubTab', () => {
  it('shows labels, annotations and the template labels (read-only)', () => {
    const { editor } = editorFor(vmWithMetadata());
    renderAt(<MetadataSubTab editor={editor} />);
    expect(screen.getByText('vm.kubevirt.io/template=fedora-server-small')).toBeVisible();
    expect(screen.getByText('description=Web tier')).toBeVisible();
    expect(screen.getByText('kubevirt.io/domain=fedora-vm')).toBeVisible();
    expect(screen.getByText(/Set on the VirtualMachineInstance/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Edit Labels' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Edit Annotations' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Edit Template labels' })).toBeNull();
  });

  it('edits the labels of a VM in the cluster with a merge patch of what changed', async () => {
    vi.mocked(k8sPatch).mockResolvedValue({});
    const { editor, patch } = editorFor(vmWithMetadata());
    renderAt(<MetadataSubTab editor={editor} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Labels' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add label' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Key 3' }), 'app');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Value 3' }), 'web');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(vi.mocked(k8sPatch).mock.calls[0]![1]).toEqual({ namespace: 'demo', name: 'fedora-vm' });
    expect(vi.mocked(k8sPatch).mock.calls[0]![2]).toEqual({ metadata: { labels: { app: 'web' } } });
    expect(patch).not.toHaveBeenCalled();
  });

  it('edits the annotations of a draft VM through the editor, keeping rows on failure', async () => {
    const { editor, patch } = editorFor(vmWithMetadata(), { live: false });
    patch.mockRejectedValueOnce(
      statusError(422, 'invalid', [{ field: 'metadata.annotations', message: 'too long' }]),
    );
    renderAt(<MetadataSubTab editor={editor} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Annotations' }));
    const dialog = await screen.findByRole('dialog');
    const value = within(dialog).getByRole('textbox', { name: 'Value 1' });
    await userEvent.clear(value);
    await userEvent.type(value, 'Database');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('too long')).toBeVisible();
    expect(value).toHaveValue('Database');
    expect(patch).toHaveBeenLastCalledWith([
      { op: 'test', path: '/metadata/annotations', value: { description: 'Web tier' } },
      { op: 'replace', path: '/metadata/annotations', value: { description: 'Database' } },
    ]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(k8sPatch).not.toHaveBeenCalled();
  });

  it('refuses an invalid label key before sending', async () => {
    const { editor, patch } = editorFor(vmWithMetadata(), { live: false });
    renderAt(<MetadataSubTab editor={editor} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Labels' }));
    const dialog = await screen.findByRole('dialog');
    const key = within(dialog).getByRole('textbox', { name: 'Key 1' });
    await userEvent.clear(key);
    await userEvent.type(key, '-bad');
    expect(within(dialog).getByText(/must begin and end with a letter or digit/)).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(patch).not.toHaveBeenCalled();
  });

  it('disables editing with the reason when the user may not change the VM', () => {
    const { editor } = editorFor(vmWithMetadata(), {
      access: { allowed: false, loading: false, reason: 'No permission.' },
    });
    renderAt(<MetadataSubTab editor={editor} />);
    expect(screen.getByRole('button', { name: 'Edit Labels' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });
});
