// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBFF, type FakeAnswer, type FakeCall } from '../../../api/testKit';
import type { Template, VirtualMachine } from '../../../api/types';
import { ED25519_KEY } from '../../vms/details/configuration/ssh/sshTestKeys';
import { createFromDraft } from '../draft/createFromDraft';
import type { VmDraft } from '../draft/vmDraft';
import type { CatalogEntry } from './templateFilters';
import { TemplateDrawer } from './TemplateDrawer';
import { lists, makeEntry, OS_IMAGES, PROJECT, renderAt, statusError } from './testSupport';
import { uploadBootDisk } from './uploadBootDisk';

vi.mock('../../../api/watch', async () => (await import('./testSupport')).fakeWatch);
vi.mock('../../../api/access', () => ({
  useAccessReview: () => ({ allowed: true, loading: false }),
}));
vi.mock('../draft/createFromDraft', () => ({ createFromDraft: vi.fn() }));
vi.mock('./uploadBootDisk', () => ({ uploadBootDisk: vi.fn() }));

const PROCESS = `k8s/apis/template.openshift.io/v1/namespaces/${PROJECT}/processedtemplates`;

/** The server: `${X}` replaced by the value sent, else the default, else a generated one. */
const processed = (template: Template): Template => {
  const values = new Map(
    (template.parameters ?? []).map((p) => [p.name, p.value ?? `gen-${p.name.toLowerCase()}`]),
  );
  const text = JSON.stringify(template.objects).replace(
    /\$\{([A-Z_]+)\}/g,
    (_, name: string) => values.get(name) ?? '',
  );
  return { ...template, objects: JSON.parse(text) as unknown[] };
};

let bff: ReturnType<typeof fakeBFF>;
let answer: (call: FakeCall) => FakeAnswer | undefined;

const withDiskUrl = () =>
  makeEntry({
    extraParameters: [
      {
        name: 'DISK_URL',
        displayName: 'Disk URL',
        description: 'Where the disk is',
        required: true,
      },
    ],
  });

const missingSource = (): CatalogEntry =>
  makeEntry(
    {
      name: 'windows2k22-server-small',
      displayName: 'Windows VM',
      os: 'win2k22',
      dataSource: 'win2k22',
    },
    {
      availability: 'missing',
      problem: {
        kind: 'not-found',
        sourceKind: 'DataSource',
        name: 'win2k22',
        namespace: OS_IMAGES,
      },
    },
  );

const sentDraft = (): VmDraft => vi.mocked(createFromDraft).mock.calls[0]![0];

beforeEach(() => {
  lists.reset();
  window.localStorage.clear();
  answer = (call) =>
    call.method === 'POST' && call.path === PROCESS
      ? { status: 201, body: processed(call.body as Template) }
      : undefined;
  bff = fakeBFF((call) => answer(call));
  vi.stubGlobal('fetch', bff.fetch);
  vi.mocked(createFromDraft)
    .mockReset()
    .mockImplementation(async (draft) => ({
      ...draft.vm,
      metadata: { ...draft.vm.metadata, uid: 'u' },
    }));
  vi.mocked(uploadBootDisk).mockReset().mockResolvedValue(undefined);
});

const open = (entry: CatalogEntry, props: Partial<Parameters<typeof TemplateDrawer>[0]> = {}) =>
  renderAt(<TemplateDrawer entry={entry} namespace={PROJECT} onClose={vi.fn()} {...props} />);

const dialog = () => screen.getByRole('dialog');
const nameInput = () =>
  within(dialog()).getByRole('textbox', { name: /VirtualMachine name/ }) as HTMLInputElement;
const quickCreate = () =>
  within(dialog()).getByRole('button', { name: 'Quick create VirtualMachine' });
/** Replaces a field's text at once (typing key by key is slow on a busy machine). */
const fill = async (input: HTMLElement, text: string) => {
  await userEvent.clear(input);
  await userEvent.click(input);
  await userEvent.paste(text);
};
const setName = (name: string) => fill(nameInput(), name);

describe('TemplateDrawer', { timeout: 20_000 }, () => {
  it('shows what the template creates and a generated DNS-1123 name', () => {
    open(makeEntry());
    expect(within(dialog()).getByText('Red Hat Enterprise Linux 9')).toBeVisible();
    expect(within(dialog()).getByText('2 CPU | 8 GiB Memory')).toBeVisible();
    expect(within(dialog()).getByText('rootdisk: Disk, virtio')).toBeVisible();
    expect(within(dialog()).getByText('default: Pod networking, virtio, masquerade')).toBeVisible();
    expect(nameInput().value).toMatch(/^rhel9-server-small-[a-z0-9]{5}$/);
    expect(within(dialog()).getByRole('textbox', { name: 'Project' })).toHaveValue(PROJECT);
  });

  it('closes on Cancel and on Escape', async () => {
    const onClose = vi.fn();
    open(makeEntry(), { onClose });
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Cancel' }));
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('validates before sending: a bad name and a missing required parameter send nothing', async () => {
    open(withDiskUrl());
    await setName('Bad_Name');
    expect(within(dialog()).getByText(/Use lowercase letters, digits and "-" only/)).toBeVisible();
    await userEvent.click(quickCreate());

    expect(within(dialog()).getByText('Enter a value for Disk URL.')).toBeVisible();
    expect(bff.calls).toEqual([]);
    expect(createFromDraft).not.toHaveBeenCalled();
  });

  it('processes the template, creates the VM with the overrides, and opens its page', async () => {
    open(withDiskUrl());
    await setName('my-rhel');
    await fill(within(dialog()).getByRole('textbox', { name: /Disk URL/ }), 'http://x/y');
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Storage' }));
    await userEvent.selectOptions(
      within(dialog()).getByRole('combobox', { name: 'Disk source' }),
      'URL (creates PVC)',
    );
    await fill(
      within(dialog()).getByRole('textbox', { name: /Image URL/ }),
      'https://example.com/rhel.qcow2',
    );
    await fill(within(dialog()).getByRole('textbox', { name: 'Disk size' }), '50');
    await userEvent.click(
      within(dialog()).getByRole('checkbox', { name: 'Start this VirtualMachine after creation' }),
    );
    await userEvent.click(quickCreate());

    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        `/k8s/ns/${PROJECT}/kubevirt.io~v1~VirtualMachine/my-rhel`,
      ),
    );
    expect(bff.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`POST ${PROCESS}`]);
    const parameters = (bff.calls[0]?.body as Template).parameters ?? [];
    expect(parameters.find((p) => p.name === 'NAME')?.value).toBe('my-rhel');
    expect(parameters.find((p) => p.name === 'DISK_URL')?.value).toBe('http://x/y');

    const { vm, prerequisites } = sentDraft();
    expect(prerequisites).toEqual([]);
    expect(vm.metadata).toMatchObject({
      name: 'my-rhel',
      namespace: PROJECT,
      labels: { 'vm.kubevirt.io/template': 'rhel9-server-small' },
    });
    expect(vm.spec?.runStrategy).toBe('Halted');
    expect(vm.spec?.dataVolumeTemplates?.[0]?.spec).toEqual({
      source: { http: { url: 'https://example.com/rhel.qcow2' } },
      storage: { resources: { requests: { storage: '50Gi' } } },
    });
    // The password was generated by the server, not left as a reference.
    expect(JSON.stringify(vm)).toContain('gen-cloud_user_password');
  });

  it("shows the server's refusal of a parameter at that parameter, keeping what was typed", async () => {
    answer = () => ({
      status: 422,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: 422,
        message: 'Template.template.openshift.io "rhel9-server-small" is invalid',
        details: {
          causes: [
            {
              type: 'FieldValueInvalid',
              field: 'template.parameters[1]',
              message: 'Invalid value: "bad": no such DataSource',
            },
          ],
        },
      },
    });
    open(makeEntry());
    await setName('my-rhel');
    await userEvent.click(quickCreate());

    expect(
      await within(dialog()).findByText('Invalid value: "bad": no such DataSource'),
    ).toBeVisible();
    // The optional section opened by itself to show it.
    expect(within(dialog()).getByRole('textbox', { name: 'DATA_SOURCE_NAME' })).toHaveValue(
      'rhel9',
    );
    expect(within(dialog()).getByText('The VirtualMachine was not created')).toBeVisible();
    expect(createFromDraft).not.toHaveBeenCalled();
    expect(nameInput().value).toBe('my-rhel');
  });

  it('shows a taken name at the name field', async () => {
    vi.mocked(createFromDraft).mockRejectedValue(
      statusError(409, 'VirtualMachine "my-rhel" already exists', [
        { field: 'metadata.name', message: 'VirtualMachine "my-rhel" already exists' },
      ]),
    );
    open(makeEntry());
    await setName('my-rhel');
    await userEvent.click(quickCreate());
    expect(
      await within(dialog()).findAllByText('VirtualMachine "my-rhel" already exists'),
    ).toHaveLength(2);
    expect(screen.getByTestId('location')).toHaveTextContent('/catalog/template');
  });

  it('disables Quick create with the reason while the boot source is missing and not replaced', async () => {
    open(missingSource());
    expect(quickCreate()).toHaveAttribute('aria-disabled', 'true');
    expect(
      within(dialog()).getByText(
        `The boot source DataSource ${OS_IMAGES}/win2k22 does not exist. Choose a disk source under Storage, or customize the VirtualMachine.`,
      ),
    ).toBeVisible();
    await userEvent.click(quickCreate());
    expect(bff.calls).toEqual([]);

    // The Storage section is open already: a registry image replaces the source.
    await userEvent.selectOptions(
      within(dialog()).getByRole('combobox', { name: 'Disk source' }),
      'Registry (creates PVC)',
    );
    await fill(
      within(dialog()).getByRole('textbox', { name: /Container image/ }),
      'quay.io/containerdisks/windows:2022',
    );
    expect(quickCreate()).not.toHaveAttribute('aria-disabled', 'true');
  });

  it('mounts the Windows drivers disk on Windows templates', async () => {
    const entry = missingSource();
    entry.source = { availability: 'available' };
    open(entry);
    expect(within(dialog()).queryByText('Authorized SSH key')).toBeNull();
    expect(
      within(dialog()).getByRole('checkbox', { name: /Mount Windows drivers disk/ }),
    ).toBeChecked();
    await userEvent.click(quickCreate());
    await waitFor(() => expect(createFromDraft).toHaveBeenCalled());
    expect(sentDraft().vm.spec?.template?.spec?.volumes).toContainEqual({
      name: 'windows-drivers-disk',
      containerDisk: { image: 'quay.io/kubevirt/virtio-container-disk' },
    });
  });

  it('hands the processed draft to onCustomize without creating anything', async () => {
    const onCustomize = vi.fn();
    open(missingSource(), { onCustomize });
    await userEvent.click(
      within(dialog()).getByRole('button', { name: 'Customize VirtualMachine' }),
    );

    await waitFor(() => expect(onCustomize).toHaveBeenCalled());
    const [draft, upload] = onCustomize.mock.calls[0] as [VmDraft, unknown];
    expect(draft.vm.metadata?.namespace).toBe(PROJECT);
    expect(draft.vm.spec?.dataVolumeTemplates?.[0]?.spec.sourceRef?.name).toBe('win2k22');
    expect(upload).toBeUndefined();
    expect(bff.calls.map((c) => c.path)).toEqual([PROCESS]);
    expect(createFromDraft).not.toHaveBeenCalled();
  });

  it('uploads the chosen file into the new VM disk once the VM exists', async () => {
    open(makeEntry());
    await setName('uploaded');
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Storage' }));
    await userEvent.selectOptions(
      within(dialog()).getByRole('combobox', { name: 'Disk source' }),
      'Upload (Upload a new file to a PVC)',
    );
    const file = new File(['qcow2'], 'disk.qcow2');
    const input = dialog().querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(input, file);
    await userEvent.click(quickCreate());

    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        `/k8s/ns/${PROJECT}/kubevirt.io~v1~VirtualMachine/uploaded`,
      ),
    );
    expect(sentDraft().vm.spec?.dataVolumeTemplates?.[0]?.spec.source).toEqual({ upload: {} });
    const [upload] = vi.mocked(uploadBootDisk).mock.calls[0]!;
    expect(upload).toEqual({ namespace: PROJECT, dataVolumeName: 'uploaded', file });
    expect(vi.mocked(createFromDraft).mock.invocationCallOrder[0]).toBeLessThan(
      vi.mocked(uploadBootDisk).mock.invocationCallOrder[0]!,
    );
  });

  it('records a new SSH key and creates its Secret with the VM', async () => {
    open(makeEntry());
    await setName('keyed');
    await userEvent.click(
      within(dialog()).getByRole('button', { name: 'Edit Authorized SSH key' }),
    );
    const modal = screen.getAllByRole('dialog').at(-1)!;
    await userEvent.click(within(modal).getByRole('textbox', { name: 'Public key' }));
    await userEvent.paste(ED25519_KEY);
    await fill(within(modal).getByRole('textbox', { name: /Secret name/ }), 'keyed-key');
    await userEvent.click(within(modal).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getAllByRole('dialog')).toHaveLength(1));
    expect(
      within(dialog()).getByText('New Secret keyed-key, created with the VirtualMachine'),
    ).toBeVisible();
    expect(bff.calls).toEqual([]);

    await userEvent.click(quickCreate());
    await waitFor(() => expect(createFromDraft).toHaveBeenCalled());
    const { vm, prerequisites } = sentDraft();
    expect(prerequisites).toMatchObject([
      { kind: 'Secret', metadata: { name: 'keyed-key', namespace: PROJECT } },
    ]);
    const vmSpec = (vm as VirtualMachine).spec?.template?.spec;
    expect(vmSpec?.accessCredentials?.[0]?.sshPublicKey?.source.secret?.secretName).toBe(
      'keyed-key',
    );
  });
});
