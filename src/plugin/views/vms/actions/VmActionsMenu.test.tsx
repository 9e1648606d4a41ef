// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { k8sPatch, vmAction } from '../../../api/k8s';
import { vm, vmi } from './fixtures';
import { VmActionsDropdown } from './VmActionsMenu';

const allowed = { value: true };
vi.mock('../../../api/access', () => ({
  useAccessReview: (attrs: { resource: string } | null) => ({
    // A developer: everything but migrations and nodes.
    allowed:
      !!attrs &&
      (allowed.value || !['virtualmachineinstancemigrations', 'nodes'].includes(attrs.resource)),
    loading: false,
  }),
}));
vi.mock('../../../api/watch', () => ({
  useK8sWatchList: () => ({ data: [], loaded: true }),
  useK8sWatchObject: () => ({ data: undefined, loaded: true }),
}));
vi.mock('../../../api/k8s', () => ({
  vmAction: vi.fn(() => Promise.resolve()),
  k8sDelete: vi.fn(() => Promise.resolve()),
  k8sPatch: vi.fn(() => Promise.resolve({})),
  k8sCreate: vi.fn(),
  k8sGet: vi.fn(),
}));

const status = (message: string, code = 409) =>
  Object.assign(new Error(message), {
    json: {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      code,
      reason: 'Conflict',
      message,
    },
  });

beforeEach(() => {
  allowed.value = true;
  vi.mocked(vmAction).mockReset().mockResolvedValue(undefined);
  vi.mocked(k8sPatch).mockReset().mockResolvedValue({});
});
afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

const running = () => ({ vm: vm('web', { runStrategy: 'Always' }), vmi: vmi('web', 'Running') });

const openMenu = async () => {
  await userEvent.click(screen.getByRole('button', { name: 'Actions' }));
  return screen.getByRole('menu');
};

describe('VmActionsDropdown', () => {
  it('offers what the state and the rights allow, with the reason for what cannot run now', async () => {
    render(<VmActionsDropdown namespace="ns" name="web" vm={vm('web')} />);
    const menu = await openMenu();
    const items = within(menu)
      .getAllByRole('menuitem')
      .map((item) => item.textContent);
    expect(items[0]).toMatch(/^Start/);
    expect(items.some((item) => item?.startsWith('Stop'))).toBe(false);
    expect(within(menu).getByRole('menuitem', { name: /Restart/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(within(menu).getByRole('menuitem', { name: /Restart/ })).toHaveTextContent(
      'The VM is not running',
    );
  });

  it('does not offer Migrate to a user who may not create migrations', async () => {
    allowed.value = false;
    const { vm: machine, vmi: instance } = running();
    render(<VmActionsDropdown namespace="ns" name="web" vm={machine} vmi={instance} />);
    const menu = await openMenu();
    expect(within(menu).queryByRole('menuitem', { name: /Migrate/ })).toBeNull();
    expect(within(menu).getByRole('menuitem', { name: /Clone/ })).toBeVisible();
  });

  it('asks before stopping, then stops; a refusal shows the server message in the dialog', async () => {
    vi.mocked(vmAction).mockRejectedValueOnce(status('VM is not running'));
    const { vm: machine, vmi: instance } = running();
    render(<VmActionsDropdown namespace="ns" name="web" vm={machine} vmi={instance} />);
    await userEvent.click(within(await openMenu()).getByRole('menuitem', { name: /^Stop/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Stop web?')).toBeVisible();
    expect(vmAction).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Stop' }));
    expect(await within(dialog).findByText('VM is not running')).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(vi.mocked(vmAction).mock.calls).toEqual([
      [{ namespace: 'ns', name: 'web' }, 'stop', undefined],
      [{ namespace: 'ns', name: 'web' }, 'stop', undefined],
    ]);
  });

  it('starts at once and shows the server message when it fails', async () => {
    vi.mocked(vmAction).mockRejectedValueOnce(
      status('admission webhook denied: quota exceeded', 403),
    );
    render(<VmActionsDropdown namespace="ns" name="web" vm={vm('web')} />);
    await userEvent.click(within(await openMenu()).getByRole('menuitem', { name: /^Start/ }));
    expect(await screen.findByText('admission webhook denied: quota exceeded')).toBeVisible();
    expect(screen.getByText('Start web failed')).toBeVisible();
  });

  it('edits labels: validates keys, saves only the change, keeps what was typed on failure', async () => {
    vi.mocked(k8sPatch).mockRejectedValueOnce(status('the object has been modified'));
    const machine = vm('web', {}, { labels: { app: 'shop', old: 'x' } });
    render(<VmActionsDropdown namespace="ns" name="web" vm={machine} />);
    await userEvent.click(within(await openMenu()).getByRole('menuitem', { name: /Edit labels/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove old' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add label' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Key 2' }), '-bad');
    expect(within(dialog).getByText(/must begin and end with a letter or digit/)).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.clear(within(dialog).getByRole('textbox', { name: 'Key 2' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Key 2' }), 'tier');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Value 2' }), 'gold');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('the object has been modified')).toBeVisible();
    expect(within(dialog).getByRole('textbox', { name: 'Value 2' })).toHaveValue('gold');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(vi.mocked(k8sPatch).mock.calls[1]?.[2]).toEqual({
      metadata: { labels: { old: null, tier: 'gold' } },
    });
  });

  it('takes a snapshot in the same dialog as the Snapshots tab (guest agent warning included)', async () => {
    const { vm: machine, vmi: instance } = running();
    render(<VmActionsDropdown namespace="ns" name="web" vm={machine} vmi={instance} />);
    await userEvent.click(
      within(await openMenu()).getByRole('menuitem', { name: /^Take snapshot/ }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Take snapshot' });
    expect(
      within(dialog).getByText('A snapshot of web: its disks and its configuration.'),
    ).toBeVisible();
    expect(within(dialog).getByText('No guest agent')).toBeVisible();
    expect(
      (within(dialog).getByRole('textbox', { name: /Snapshot name/ }) as HTMLInputElement).value,
    ).toMatch(/^web-snapshot-\d{8}-\d{6}$/);
    expect(within(dialog).getByRole('textbox', { name: 'Description' })).toBeVisible();
  });
});
