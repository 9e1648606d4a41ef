// @vitest-environment jsdom
// The configuration forms on a draft: what they would create or change in the cluster joins the
// draft instead, and nothing is sent.
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect, useState, type ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { hotplugVolume, k8sCreate, k8sDelete, k8sPatch } from '../../../api/k8s';
import { uploadImage } from '../../../api/upload';
import type { VirtualMachine } from '../../../api/types';
import type { VmEditor } from '../../vms/details/configuration/editor/vmEditor';
import { DisksSubTab } from '../../vms/details/configuration/disks/DisksSubTab';
import { InitialRunSubTab } from '../../vms/details/configuration/initialRun/InitialRunSubTab';
import { encodeBase64 } from '../../vms/details/configuration/initialRun/base64';
import { PROJECT_SSH_KEYS } from '../../vms/details/configuration/ssh/projectSshKey';
import { SshSubTab } from '../../vms/details/configuration/ssh/SshSubTab';
import { RSA_KEY } from '../../vms/details/configuration/ssh/sshTestKeys';
import { renderAt, watchState } from '../../vms/details/testSupport';
import { bootableVolume, U1_MEDIUM, vmDetails, windowsVolume } from '../draft/draftFixtures';
import { instanceTypeDraft } from '../draft/instanceTypeDraft';
import type { VmDraft } from '../draft/vmDraft';
import { useDraftEditor } from './useDraftEditor';

vi.mock(
  '../../../api/watch',
  async () => (await import('../../vms/details/testSupport')).fakeWatch,
);
vi.mock('../../../api/access', () => ({
  useAccessReview: () => ({ allowed: true, loading: false }),
}));
vi.mock('../../../api/k8s', async (original) => ({
  ...(await original<object>()),
  k8sCreate: vi.fn(),
  k8sPatch: vi.fn(),
  k8sDelete: vi.fn(),
  hotplugVolume: vi.fn(),
}));
vi.mock('../../../api/upload', async (original) => ({
  ...(await original<object>()),
  uploadImage: vi.fn(),
}));

// Whole sub-tabs and dialogs render here: on a busy machine that takes seconds.
vi.setConfig({ testTimeout: 20_000 });
configure({ asyncUtilTimeout: 5_000 });

const VM = 'fedora-silver-fox-12';
let current: VmDraft;

/** A page holding a draft, as the Customize page does. */
const Draft = ({
  initial,
  children,
}: {
  initial: VmDraft;
  children(editor: VmEditor): ReactNode;
}) => {
  const [draft, setDraft] = useState(initial);
  useEffect(() => {
    current = draft;
  }, [draft]);
  return <>{children(useDraftEditor(draft, setDraft))}</>;
};

const linuxDraft = () => instanceTypeDraft(bootableVolume(), U1_MEDIUM, vmDetails());
const nothingSent = () => {
  for (const call of [k8sCreate, k8sPatch, k8sDelete, hotplugVolume, uploadImage])
    expect(call).not.toHaveBeenCalled();
};
const spec = (vm: VirtualMachine) => vm.spec!.template!.spec!;

beforeEach(() => {
  watchState.reset();
  window.localStorage.clear();
  watchState.lists.set('StorageClass', {
    loaded: true,
    data: [
      {
        metadata: {
          name: 'standard',
          annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        },
        provisioner: 'x',
      },
    ],
  });
  for (const call of [k8sCreate, k8sPatch, k8sDelete, hotplugVolume, uploadImage])
    vi.mocked(call).mockReset();
});

describe('Add disk on a draft', () => {
  it('adds a dataVolumeTemplate to the draft’s VM and sends nothing', async () => {
    renderAt(<Draft initial={linuxDraft()}>{(editor) => <DisksSubTab editor={editor} />}</Draft>);
    await userEvent.click(screen.getByRole('button', { name: 'Add disk' }));
    const dialog = await screen.findByRole('dialog');
    const source = within(dialog).getByRole('combobox', { name: 'Source' });
    // Nothing can be uploaded into a VM that does not exist yet: the choice is not offered.
    expect(within(source).queryByRole('option', { name: /Upload/ })).toBeNull();
    expect(within(dialog).getByText(/To upload an image file, add the disk once/)).toBeVisible();
    await userEvent.selectOptions(source, 'url');
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'URL' }), {
      target: { value: 'https://example.com/data.qcow2' },
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    nothingSent();
    expect(current.prerequisites).toEqual([]);
    expect(current.vm.spec?.dataVolumeTemplates?.at(-1)).toEqual({
      metadata: { name: `${VM}-disk-1` },
      spec: {
        source: { http: { url: 'https://example.com/data.qcow2' } },
        storage: { storageClassName: 'standard', resources: { requests: { storage: '30Gi' } } },
      },
    });
    expect(spec(current.vm).volumes?.at(-1)).toEqual({
      name: 'disk-1',
      dataVolume: { name: `${VM}-disk-1` },
    });
    expect(screen.getByRole('row', { name: /^disk-1/ })).toBeVisible();
  });

  it('detaches a disk without offering to delete storage that does not exist', async () => {
    renderAt(<Draft initial={linuxDraft()}>{(editor) => <DisksSubTab editor={editor} />}</Draft>);
    await userEvent.click(screen.getByRole('button', { name: 'Actions for rootdisk' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Detach' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByRole('checkbox')).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Detach' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    nothingSent();
    expect(current.vm.spec?.dataVolumeTemplates).toEqual([]);
  });
});

describe('Expand on a draft', () => {
  it('sets the size the disk is created with instead of patching a claim', async () => {
    renderAt(<Draft initial={linuxDraft()}>{(editor) => <DisksSubTab editor={editor} />}</Draft>);
    await userEvent.click(screen.getByRole('button', { name: 'Actions for rootdisk' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Expand' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Disk rootdisk is created with the size of its source.'),
    ).toBeVisible();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Size' }), '40');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Expand' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    nothingSent();
    expect(current.vm.spec?.dataVolumeTemplates?.[0]?.spec?.storage).toEqual({
      resources: { requests: { storage: '40Gi' } },
    });
  });
});

describe('Authorized SSH key on a draft', () => {
  it('keeps the new Secret as the draft’s one prerequisite and the project key for later', async () => {
    renderAt(<Draft initial={linuxDraft()}>{(editor) => <SshSubTab editor={editor} />}</Draft>);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Authorized SSH key' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('textbox', { name: 'Public key' }));
    await userEvent.paste(RSA_KEY);
    const name = within(dialog).getByRole('textbox', { name: /Secret name/ });
    await userEvent.clear(name);
    await userEvent.type(name, 'my-key');
    await userEvent.click(
      within(dialog).getByRole('checkbox', {
        name: 'Apply this key to all new VirtualMachines in this project',
      }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    nothingSent();
    expect(current.prerequisites).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'my-key', namespace: 'developer-vms' },
        type: 'Opaque',
        data: { key: encodeBase64(RSA_KEY) },
      },
    ]);
    expect(spec(current.vm).accessCredentials).toEqual([
      {
        sshPublicKey: {
          source: { secret: { secretName: 'my-key' } },
          propagationMethod: { noCloud: {} },
        },
      },
    ]);
    // Remembered for the project once the VM is created, not before.
    expect(current.projectSshKey).toBe('my-key');
    expect(window.localStorage.getItem(PROJECT_SSH_KEYS)).toBeNull();
    expect(screen.getByText('Secret my-key')).toBeVisible();
  });
});

describe('Sysprep on a draft', () => {
  it('keeps the answer files’ ConfigMap as a prerequisite and attaches it', async () => {
    const windows = instanceTypeDraft(windowsVolume(), U1_MEDIUM, vmDetails());
    renderAt(<Draft initial={windows}>{(editor) => <InitialRunSubTab editor={editor} />}</Draft>);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Sysprep' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Autounattend.xml' }), {
      target: { value: '<unattend/>' },
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    nothingSent();
    expect(current.prerequisites).toHaveLength(1);
    const [configMap] = current.prerequisites;
    expect(configMap).toMatchObject({
      kind: 'ConfigMap',
      metadata: { namespace: 'developer-vms', name: expect.stringMatching(/-sysprep-/) },
      data: { 'Autounattend.xml': '<unattend/>' },
    });
    expect(spec(current.vm).volumes).toContainEqual({
      name: 'sysprep',
      sysprep: { configMap: { name: configMap!.metadata!.name } },
    });
  });
});
