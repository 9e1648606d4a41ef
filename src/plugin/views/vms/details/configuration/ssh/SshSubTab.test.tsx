// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { k8sCreate, k8sDelete, k8sPatch } from '../../../../../api/k8s';
import type { JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import { makeVm, makeVmi, renderAt, statusError, watchState } from '../../testSupport';
import type { VmEditor } from '../editor/vmEditor';
import { encodeBase64 } from '../initialRun/base64';
import { vmWith, vmWithVolume } from '../initialRun/testVms';
import { PROJECT_SSH_KEYS } from './projectSshKey';
import { SshSubTab } from './SshSubTab';
import { ED25519_KEY, RSA_KEY } from './sshTestKeys';

vi.mock('../../../../../api/watch', async () => (await import('../../testSupport')).fakeWatch);
const access = { allowed: true, loading: false };
vi.mock('../../../../../api/access', () => ({ useAccessReview: () => access }));
vi.mock('../../../../../api/k8s', () => ({
  k8sCreate: vi.fn(),
  k8sDelete: vi.fn(),
  k8sPatch: vi.fn(),
}));

const cloudInitVm = vmWithVolume({
  name: 'cloudinitdisk',
  cloudInitNoCloud: { userData: '#cloud-config\nuser: fedora\n' },
});
const keyedVm = vmWith((spec) => {
  spec.accessCredentials = [
    {
      sshPublicKey: {
        source: { secret: { secretName: 'team-key' } },
        propagationMethod: { noCloud: {} },
      },
    },
  ];
}, cloudInitVm);

const editorOf = (vm: VirtualMachine, change: Partial<VmEditor> = {}): VmEditor => ({
  vm,
  live: true,
  access: { allowed: true, loading: false },
  patch: vi.fn<(ops: JsonPatchOp[]) => Promise<VirtualMachine>>().mockResolvedValue(vm),
  ...change,
});

const secret = (name: string, value: string) => ({
  metadata: { name, namespace: 'demo' },
  data: { key: encodeBase64(value) },
});

beforeEach(() => {
  access.allowed = true;
  access.loading = false;
  watchState.reset();
  window.localStorage.clear();
  vi.mocked(k8sCreate).mockReset().mockResolvedValue({});
  vi.mocked(k8sDelete).mockReset().mockResolvedValue(undefined);
  vi.mocked(k8sPatch).mockReset().mockResolvedValue({});
  watchState.lists.set('Secret', {
    loaded: true,
    data: [secret('team-key', ED25519_KEY), secret('db-password', 'hunter2')],
  });
});

describe('SshSubTab: authorized key', () => {
  it('creates a Secret from a pasted key, authorizes it and remembers it for the project', async () => {
    const editor = editorOf(cloudInitVm);
    renderAt(<SshSubTab editor={editor} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Authorized SSH key' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('radio', { name: 'Add new' })).toBeChecked();
    const key = within(dialog).getByRole('textbox', { name: 'Public key' });
    await userEvent.type(key, 'ssh-ed25519 nope');
    expect(within(dialog).getByText(/not a valid base64 key/)).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.clear(key);
    await userEvent.click(key);
    await userEvent.paste(RSA_KEY);
    const name = within(dialog).getByRole('textbox', { name: /Secret name/ });
    expect((name as HTMLInputElement).value).toMatch(/^fedora-vm-ssh-key-[a-z0-9]{5}$/);
    await userEvent.clear(name);
    await userEvent.type(name, 'my-key');
    await userEvent.click(
      within(dialog).getByRole('checkbox', {
        name: 'Apply this key to all new VirtualMachines in this project',
      }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const [model, object] = vi.mocked(k8sCreate).mock.calls[0]!;
    expect(model.kind).toBe('Secret');
    expect(object).toEqual({
      metadata: { name: 'my-key', namespace: 'demo' },
      type: 'Opaque',
      data: { key: encodeBase64(RSA_KEY) },
    });
    expect(editor.patch).toHaveBeenCalledWith([
      {
        op: 'add',
        path: '/spec/template/spec/accessCredentials',
        value: [
          {
            sshPublicKey: {
              source: { secret: { secretName: 'my-key' } },
              propagationMethod: { noCloud: {} },
            },
          },
        ],
      },
    ]);
    expect(JSON.parse(window.localStorage.getItem(PROJECT_SSH_KEYS)!)).toEqual({ demo: 'my-key' });
  });

  it('refuses a taken Secret name, and keeps the dialog with what was typed when the VM refuses', async () => {
    const editor = editorOf(cloudInitVm, {
      patch: vi
        .fn()
        .mockRejectedValueOnce(statusError(422, 'admission webhook denied the request')),
    });
    renderAt(<SshSubTab editor={editor} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Authorized SSH key' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('textbox', { name: 'Public key' }));
    await userEvent.paste(ED25519_KEY);
    const name = within(dialog).getByRole('textbox', { name: /Secret name/ });
    await userEvent.clear(name);
    await userEvent.type(name, 'team-key');
    expect(within(dialog).getByText('A Secret named team-key already exists.')).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.type(name, '-2');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('admission webhook denied the request')).toBeVisible();
    expect(within(dialog).getByRole('textbox', { name: 'Public key' })).toHaveValue(ED25519_KEY);
    // Saving again does not create the Secret a second time.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(k8sCreate).toHaveBeenCalledTimes(1);
    expect(editor.patch).toHaveBeenCalledTimes(2);
  });

  it('uses an existing Secret, listing the ones holding a key first', async () => {
    const editor = editorOf(makeVm());
    renderAt(<SshSubTab editor={editor} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Authorized SSH key' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/no cloud-init disk/)).toBeVisible();
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Use existing' }));
    const select = within(dialog).getByRole('combobox', { name: /Secret/ });
    const groups = within(select).getAllByRole('group');
    expect(within(groups[0]!).getByRole('option', { name: 'team-key' })).toBeInTheDocument();
    expect(within(groups[1]!).getByRole('option', { name: 'db-password' })).toBeInTheDocument();
    await userEvent.selectOptions(select, 'team-key');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(editor.patch).toHaveBeenCalled());
    const ops = vi.mocked(editor.patch).mock.calls[0]![0];
    expect(ops[0]).toMatchObject({
      op: 'add',
      path: '/spec/template/spec/accessCredentials',
      value: [{ sshPublicKey: { source: { secret: { secretName: 'team-key' } } } }],
    });
    // The VM had no cloud-init: a cloudinitdisk comes with the key.
    expect(JSON.stringify(ops)).toContain('cloudinitdisk');
    expect(k8sCreate).not.toHaveBeenCalled();
  });

  it('shows the key and removes it', async () => {
    const editor = editorOf(keyedVm, { vmi: makeVmi() });
    renderAt(<SshSubTab editor={editor} />);
    expect(screen.getByText('Secret team-key')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Remove key' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Takes effect after the VirtualMachine restarts'),
    ).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() =>
      expect(editor.patch).toHaveBeenCalledWith([
        {
          op: 'test',
          path: '/spec/template/spec/accessCredentials',
          value: keyedVm.spec?.template?.spec?.accessCredentials,
        },
        { op: 'remove', path: '/spec/template/spec/accessCredentials' },
      ]),
    );
  });

  it('disables editing without permission', () => {
    renderAt(
      <SshSubTab
        editor={editorOf(keyedVm, {
          access: { allowed: false, loading: false, reason: 'You may not.' },
        })}
      />,
    );
    expect(screen.getByRole('button', { name: 'Edit Authorized SSH key' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(screen.getByRole('button', { name: 'Remove key' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });
});

describe('SshSubTab: dynamic injection', () => {
  it('needs a key first', () => {
    renderAt(<SshSubTab editor={editorOf(cloudInitVm)} />);
    expect(screen.getByRole('button', { name: 'Edit Dynamic SSH key injection' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });

  it('switches the key to the guest agent for the users given', async () => {
    const editor = editorOf(keyedVm);
    renderAt(<SshSubTab editor={editor} />);
    expect(screen.getByText('Off')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Edit Dynamic SSH key injection' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('switch', { name: 'Dynamic SSH key injection' }),
    );
    const users = within(dialog).getByRole('textbox', { name: /Guest users/ });
    expect(users).toHaveValue('fedora');
    await userEvent.clear(users);
    await userEvent.type(users, 'bad user!');
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.clear(users);
    await userEvent.type(users, 'cloud-user, admin');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(editor.patch).toHaveBeenCalled());
    const ops = vi.mocked(editor.patch).mock.calls[0]![0];
    expect(ops[1]).toEqual({
      op: 'replace',
      path: '/spec/template/spec/accessCredentials',
      value: [
        {
          sshPublicKey: {
            source: { secret: { secretName: 'team-key' } },
            propagationMethod: { qemuGuestAgent: { users: ['cloud-user', 'admin'] } },
          },
        },
      ],
    });
    expect(JSON.stringify(ops)).toContain('virt_qemu_ga_manage_ssh');
  });
});

describe('SshSubTab: SSH access', () => {
  it('creates a NodePort service for port 22 and shows the command', async () => {
    const editor = editorOf(cloudInitVm, { vmi: makeVmi() });
    const { rerender } = renderAt(<SshSubTab editor={editor} />);
    expect(screen.getByRole('textbox', { name: 'virtctl SSH command' })).toHaveValue(
      'virtctl -n demo ssh fedora@vm/fedora-vm',
    );
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'SSH service type' }),
      'NodePort',
    );
    await waitFor(() => expect(k8sCreate).toHaveBeenCalled());
    expect(editor.patch).not.toHaveBeenCalled();
    expect(vi.mocked(k8sCreate).mock.calls[0]![1]).toMatchObject({
      metadata: { name: 'fedora-vm-ssh-service', namespace: 'demo' },
      spec: {
        type: 'NodePort',
        selector: { 'kubevirt.io/domain': 'fedora-vm' },
        ports: [{ port: 22, targetPort: 22 }],
      },
    });

    watchState.lists.set('Service', {
      loaded: true,
      data: [
        {
          metadata: { name: 'fedora-vm-ssh-service', namespace: 'demo' },
          spec: {
            type: 'NodePort',
            selector: { 'kubevirt.io/domain': 'fedora-vm' },
            ports: [{ port: 22, targetPort: 22, nodePort: 30222 }],
          },
        },
      ],
    });
    watchState.objects.set('Node', {
      loaded: true,
      data: { status: { addresses: [{ type: 'InternalIP', address: '192.168.122.10' }] } },
    });
    rerender(<SshSubTab editor={editor} />);
    expect(screen.getByRole('combobox', { name: 'SSH service type' })).toHaveValue('NodePort');
    expect(screen.getByRole('textbox', { name: 'SSH command' })).toHaveValue(
      'ssh fedora@192.168.122.10 -p 30222',
    );

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'SSH service type' }),
      'None',
    );
    await waitFor(() =>
      expect(k8sDelete).toHaveBeenCalledWith(expect.objectContaining({ kind: 'Service' }), {
        namespace: 'demo',
        name: 'fedora-vm-ssh-service',
      }),
    );
  });

  it('labels the template when no label names the VM, and shows a pending LoadBalancer', async () => {
    const unlabelled = vmWith((_, vm) => {
      vm.spec!.template!.metadata = { labels: {} };
    }, cloudInitVm);
    const editor = editorOf(unlabelled);
    const { rerender } = renderAt(<SshSubTab editor={editor} />);
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'SSH service type' }),
      'LoadBalancer',
    );
    await waitFor(() => expect(k8sCreate).toHaveBeenCalled());
    expect(editor.patch).toHaveBeenCalledWith([
      {
        op: 'add',
        path: '/spec/template/metadata/labels/vm.kubevirt.io~1name',
        value: 'fedora-vm',
      },
    ]);
    expect(vi.mocked(k8sCreate).mock.calls[0]![1]).toMatchObject({
      spec: { type: 'LoadBalancer', selector: { 'vm.kubevirt.io/name': 'fedora-vm' } },
    });
    watchState.lists.set('Service', {
      loaded: true,
      data: [
        {
          metadata: { name: 'fedora-vm-ssh-service' },
          spec: { type: 'LoadBalancer', ports: [{ port: 22, targetPort: 22 }] },
        },
      ],
    });
    rerender(<SshSubTab editor={editor} />);
    expect(
      screen.getByText(/Pending: the service fedora-vm-ssh-service has no address yet/),
    ).toBeVisible();
  });

  it('shows the server refusal', async () => {
    vi.mocked(k8sCreate).mockRejectedValue(statusError(403, 'services is forbidden'));
    renderAt(<SshSubTab editor={editorOf(cloudInitVm)} />);
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'SSH service type' }),
      'NodePort',
    );
    expect(await screen.findByText('services is forbidden')).toBeVisible();
  });
});
