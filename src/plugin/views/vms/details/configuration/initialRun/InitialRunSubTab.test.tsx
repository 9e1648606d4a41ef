// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { k8sCreate } from '../../../../../api/k8s';
import type { JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import { makeVm, makeVmi, renderAt, statusError, watchState } from '../../testSupport';
import type { VmEditor } from '../editor/vmEditor';
import { ED25519_KEY } from '../ssh/sshTestKeys';
import { InitialRunSubTab } from './InitialRunSubTab';
import { vmWithVolume } from './testVms';

vi.mock('../../../../../api/watch', async () => (await import('../../testSupport')).fakeWatch);
const access = { allowed: true, loading: false };
vi.mock('../../../../../api/access', () => ({ useAccessReview: () => access }));
vi.mock('../../../../../api/k8s', () => ({ k8sCreate: vi.fn(), k8sPatch: vi.fn() }));

const USER_DATA = `#cloud-config
user: fedora
password: xtg8-ly36-swy
chpasswd: { expire: False }
runcmd:
  - [systemctl, enable, --now, qemu-guest-agent]
`;
const cloudInitVm = vmWithVolume({
  name: 'cloudinitdisk',
  cloudInitNoCloud: { userData: USER_DATA },
});

const editorOf = (vm: VirtualMachine, change: Partial<VmEditor> = {}): VmEditor => ({
  vm,
  live: true,
  access: { allowed: true, loading: false },
  patch: vi.fn<(ops: JsonPatchOp[]) => Promise<VirtualMachine>>().mockResolvedValue(vm),
  ...change,
});

/** The cloud-init volume the patch writes. */
const writtenVolume = (editor: VmEditor) => {
  const ops = vi.mocked(editor.patch).mock.calls.at(-1)![0];
  const volumes = (
    ops.find((op) => op.op === 'replace' && op.path === '/spec/template/spec/volumes') as {
      value: { name: string; cloudInitNoCloud?: { userData: string; networkData?: string } }[];
    }
  ).value;
  return volumes.find((volume) => volume.cloudInitNoCloud)!;
};

const openCloudInit = async () => {
  await userEvent.click(screen.getByRole('button', { name: 'Edit Cloud-init' }));
  return screen.findByRole('dialog');
};

/** Sets a textarea's whole value at once (typing YAML braces through userEvent is awkward). */
const setText = (element: HTMLElement, value: string) =>
  fireEvent.change(element, { target: { value } });

beforeEach(() => {
  access.allowed = true;
  access.loading = false;
  watchState.reset();
  vi.mocked(k8sCreate).mockReset().mockResolvedValue({});
});

describe('InitialRunSubTab: cloud-init', () => {
  it('summarises the cloud-init volume', () => {
    renderAt(<InitialRunSubTab editor={editorOf(cloudInitVm)} />);
    expect(screen.getByText('User: fedora')).toBeVisible();
    expect(screen.getByText('Password: set')).toBeVisible();
    expect(screen.getByText('Disk cloudinitdisk (NoCloud)')).toBeVisible();
    expect(screen.queryByText('xtg8-ly36-swy')).toBeNull();
  });

  it('edits user, keys and network in the form, keeping the other keys', async () => {
    const editor = editorOf(cloudInitVm, { vmi: makeVmi() });
    renderAt(<InitialRunSubTab editor={editor} />);
    const dialog = await openCloudInit();
    expect(within(dialog).getByRole('button', { name: 'Form view' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const user = within(dialog).getByRole('textbox', { name: 'User' });
    expect(user).toHaveValue('fedora');
    await userEvent.clear(user);
    await userEvent.type(user, 'admin');
    const password = within(dialog).getByLabelText('Password');
    expect(password).toHaveAttribute('type', 'password');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Show password' }));
    expect(password).toHaveAttribute('type', 'text');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Add SSH authorized key' }));
    const key = within(dialog).getByRole('textbox', { name: 'SSH authorized key 1' });
    await userEvent.type(key, 'not-a-key');
    expect(within(dialog).getByText(/A public key starts with its type/)).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.clear(key);
    await userEvent.click(key);
    await userEvent.paste(ED25519_KEY);

    await userEvent.click(within(dialog).getByRole('checkbox', { name: /Add network data/ }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: /IP address/ }), '10.0.0.5');
    expect(within(dialog).getByText(/with its prefix length, like/)).toBeVisible();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /IP address/ }), '/24');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Gateway' }), '10.0.0.1');
    expect(
      within(dialog).getByText('Takes effect after the VirtualMachine restarts'),
    ).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const volume = writtenVolume(editor);
    expect(parse(volume.cloudInitNoCloud!.userData)).toEqual({
      user: 'admin',
      password: 'xtg8-ly36-swy',
      chpasswd: { expire: false },
      runcmd: [['systemctl', 'enable', '--now', 'qemu-guest-agent']],
      ssh_authorized_keys: [ED25519_KEY],
    });
    expect(volume.cloudInitNoCloud!.userData.startsWith('#cloud-config\n')).toBe(true);
    expect(parse(volume.cloudInitNoCloud!.networkData!)).toEqual({
      version: 2,
      ethernets: {
        eth0: { addresses: ['10.0.0.5/24'], routes: [{ to: '0.0.0.0/0', via: '10.0.0.1' }] },
      },
    });
  });

  it('carries the form into the YAML view and back, and refuses broken YAML with its position', async () => {
    const editor = editorOf(cloudInitVm);
    renderAt(<InitialRunSubTab editor={editor} />);
    const dialog = await openCloudInit();
    const user = within(dialog).getByRole('textbox', { name: 'User' });
    await userEvent.clear(user);
    await userEvent.type(user, 'ops');
    await userEvent.click(within(dialog).getByRole('button', { name: 'YAML view' }));
    const yaml = within(dialog).getByRole('textbox', { name: /User data/ });
    expect((yaml as HTMLTextAreaElement).value).toContain('user: ops');
    expect((yaml as HTMLTextAreaElement).value).toContain('qemu-guest-agent');

    setText(yaml, '#cloud-config\nuser: ops\npassword: [a\n  b: c\n');
    expect(within(dialog).getByText(/YAML error at line 3, column 12/)).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Form view' }));
    expect(within(dialog).getByRole('textbox', { name: /User data/ })).toBeVisible();
    expect(within(dialog).getAllByText(/YAML error at line 3/).length).toBeGreaterThan(0);

    setText(yaml, 'user: root\nbootcmd: [echo hi]\n');
    expect(within(dialog).getByText(/The first line is not #cloud-config/)).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Form view' }));
    expect(within(dialog).getByRole('textbox', { name: 'User' })).toHaveValue('root');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(editor.patch).toHaveBeenCalled());
    expect(writtenVolume(editor).cloudInitNoCloud!.userData).toBe(
      'user: root\nbootcmd: [echo hi]\n',
    );
  });

  it('refuses user data that is not a mapping', async () => {
    renderAt(<InitialRunSubTab editor={editorOf(cloudInitVm)} />);
    const dialog = await openCloudInit();
    await userEvent.click(within(dialog).getByRole('button', { name: 'YAML view' }));
    setText(
      within(dialog).getByRole('textbox', { name: /User data/ }),
      '#cloud-config\n- a\n- b\n',
    );
    expect(within(dialog).getByText(/must be a mapping/)).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('adds a cloudinitdisk to a VM without cloud-init', async () => {
    const editor = editorOf(makeVm());
    renderAt(<InitialRunSubTab editor={editor} />);
    const dialog = await openCloudInit();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'User' }), 'cloud-user');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(editor.patch).toHaveBeenCalled());
    const ops = vi.mocked(editor.patch).mock.calls[0]![0];
    expect(ops).toContainEqual({
      op: 'replace',
      path: '/spec/template/spec/domain/devices/disks',
      value: [
        { name: 'rootdisk', disk: { bus: 'virtio' } },
        { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
      ],
    });
    expect(writtenVolume(editor).cloudInitNoCloud!.userData).toBe(
      '#cloud-config\nuser: cloud-user\n',
    );
  });

  it('keeps everything typed when the server refuses', async () => {
    const editor = editorOf(cloudInitVm, {
      patch: vi.fn().mockRejectedValue(
        statusError(422, 'VirtualMachine is invalid', [
          {
            field: 'spec.template.spec.volumes[1].cloudInitNoCloud',
            message: 'userData too long',
          },
        ]),
      ),
    });
    renderAt(<InitialRunSubTab editor={editor} />);
    const dialog = await openCloudInit();
    const user = within(dialog).getByRole('textbox', { name: 'User' });
    await userEvent.clear(user);
    await userEvent.type(user, 'someone');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('userData too long')).toBeVisible();
    expect(user).toHaveValue('someone');
  });

  it('leaves ConfigDrive network data (OpenStack JSON) to the YAML view', async () => {
    const vm = vmWithVolume({
      name: 'ci',
      cloudInitConfigDrive: {
        userData: '#cloud-config\nuser: fedora\n',
        networkData: '{"links": []}',
      },
    });
    const editor = editorOf(vm);
    renderAt(<InitialRunSubTab editor={editor} />);
    expect(screen.getByText('Disk ci (ConfigDrive)')).toBeVisible();
    const dialog = await openCloudInit();
    expect(within(dialog).getByText(/OpenStack network_data.json/)).toBeVisible();
    expect(within(dialog).queryByRole('checkbox', { name: /Add network data/ })).toBeNull();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'User' }), '2');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(editor.patch).toHaveBeenCalled());
    expect(JSON.stringify(vi.mocked(editor.patch).mock.calls[0]![0])).toContain('\\"links\\": []');
  });

  it('is read-only when the user data lives in a Secret', () => {
    const vm = vmWithVolume({ name: 'ci', cloudInitNoCloud: { secretRef: { name: 'userdata' } } });
    renderAt(<InitialRunSubTab editor={editorOf(vm)} />);
    expect(screen.getByText('User data from Secret userdata')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Edit Cloud-init' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });
});

describe('InitialRunSubTab: sysprep', () => {
  const ANSWER =
    '<unattend xmlns="urn:schemas-microsoft-com:unattend"><settings pass="oobeSystem"/></unattend>';

  it('validates the XML, creates the ConfigMap and attaches it as a SATA CD-ROM', async () => {
    const editor = editorOf(makeVm());
    renderAt(<InitialRunSubTab editor={editor} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Sysprep' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('radio', { name: 'Upload answer files' })).toBeChecked();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    const autounattend = within(dialog).getByRole('textbox', { name: 'Autounattend.xml' });
    setText(autounattend, '<unattend><settings></unattend>');
    expect(within(dialog).getByText(/Not well-formed XML/)).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    setText(autounattend, ANSWER);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const [model, configMap] = vi.mocked(k8sCreate).mock.calls[0]!;
    expect(model.kind).toBe('ConfigMap');
    expect(configMap).toMatchObject({
      metadata: {
        namespace: 'demo',
        name: expect.stringMatching(/^fedora-vm-sysprep-[a-z0-9]{5}$/),
      },
      data: { 'Autounattend.xml': ANSWER },
    });
    const name = configMap.metadata!.name;
    const ops = vi.mocked(editor.patch).mock.calls[0]![0];
    expect(ops).toContainEqual(
      expect.objectContaining({
        op: 'replace',
        path: '/spec/template/spec/volumes',
        value: expect.arrayContaining([{ name: 'sysprep', sysprep: { configMap: { name } } }]),
      }),
    );
    expect(ops).toContainEqual(
      expect.objectContaining({
        path: '/spec/template/spec/domain/devices/disks',
        value: expect.arrayContaining([{ name: 'sysprep', cdrom: { bus: 'sata' } }]),
      }),
    );
  });

  it('uses an existing ConfigMap and removes the sysprep disk', async () => {
    watchState.lists.set('ConfigMap', {
      loaded: true,
      data: [
        { metadata: { name: 'win-answers' }, data: { 'Unattend.xml': ANSWER } },
        { metadata: { name: 'unrelated' }, data: { a: 'b' } },
      ],
    });
    const editor = editorOf(makeVm());
    const { rerender } = renderAt(<InitialRunSubTab editor={editor} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Sysprep' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Use an existing ConfigMap' }));
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: /ConfigMap/ }),
      'win-answers',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(editor.patch).toHaveBeenCalled());
    expect(k8sCreate).not.toHaveBeenCalled();
    expect(JSON.stringify(vi.mocked(editor.patch).mock.calls[0]![0])).toContain('win-answers');

    const attached = vmWithVolume(
      { name: 'sysprep', sysprep: { configMap: { name: 'win-answers' } } },
      { name: 'sysprep', cdrom: { bus: 'sata' } },
    );
    const next = editorOf(attached);
    rerender(<InitialRunSubTab editor={next} />);
    expect(screen.getByText('ConfigMap win-answers')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Remove sysprep' }));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Remove' }),
    );
    await waitFor(() => expect(next.patch).toHaveBeenCalled());
    expect(vi.mocked(next.patch).mock.calls[0]![0].filter((op) => op.op === 'replace')).toEqual([
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
});
