// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { k8sCreate, k8sDelete } from '../../../../api/k8s';
import { UploadInterrupted, uploadImage } from '../../../../api/upload';
import { AddVolumeModal } from './AddVolumeModal';
import { OS_IMAGES_NAMESPACE } from './bootableVolumes';
import { claim, lists, renderWithClient, statusError } from './testSupport';

const access = vi.hoisted(() => ({ allowed: new Set<string>() }));

vi.mock('../../../../api/watch', async () => (await import('./testSupport')).fakeWatch);
vi.mock('../../../../api/access', () => ({
  useAccessReview: (attrs: { resource: string; namespace?: string } | null) => ({
    allowed: attrs !== null && access.allowed.has(`${attrs.resource}@${attrs.namespace}`),
    loading: false,
  }),
}));
vi.mock('../../../../api/k8s', () => ({ k8sCreate: vi.fn(), k8sDelete: vi.fn() }));
vi.mock('../../../../api/upload', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  uploadImage: vi.fn(),
}));

const allow = (...keys: string[]) => keys.forEach((key) => access.allowed.add(key));
const ADMIN = [`datasources@${OS_IMAGES_NAMESPACE}`, `datavolumes@${OS_IMAGES_NAMESPACE}`];
const DEVELOPER = ['datasources@team', 'datavolumes@team'];

const created = (kind: string) =>
  vi
    .mocked(k8sCreate)
    .mock.calls.filter(([model]) => model.kind === kind)
    .map(([, o]) => o);

const open = () => {
  const onCreated = vi.fn();
  const onClose = vi.fn();
  renderWithClient(<AddVolumeModal namespace="team" onCreated={onCreated} onClose={onClose} />);
  const dialog = screen.getByRole('dialog', { name: 'Add volume' });
  const field = (name: string | RegExp) => within(dialog).getByRole('textbox', { name });
  const select = (name: string) => within(dialog).getByRole('combobox', { name });
  const save = () => within(dialog).getByRole('button', { name: 'Save' });
  return { dialog, onCreated, onClose, field, select, save };
};

const chooseFile = async (dialog: HTMLElement, name = 'fedora-41.qcow2') => {
  const input = dialog.querySelector('input[type="file"]') as HTMLInputElement;
  const file = new File(['x'.repeat(2048)], name);
  await userEvent.upload(input, file);
  return file;
};

beforeEach(() => {
  access.allowed.clear();
  lists.reset();
  lists.set('VirtualMachineClusterPreference', undefined, {
    data: [
      { metadata: { name: 'fedora', annotations: { 'openshift.io/display-name': 'Fedora' } } },
      { metadata: { name: 'rhel.9' } },
    ],
  });
  lists.set('VirtualMachineClusterInstancetype', undefined, {
    data: [{ metadata: { name: 'u1.medium' } }],
  });
  lists.set('StorageClass', undefined, {
    data: [
      {
        metadata: {
          name: 'standard',
          annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        },
      },
      { metadata: { name: 'fast' } },
    ],
  });
  lists.set('Namespace', undefined, {
    data: [{ metadata: { name: 'team' } }, { metadata: { name: OS_IMAGES_NAMESPACE } }],
  });
  vi.mocked(k8sCreate)
    .mockReset()
    .mockImplementation(async (_model, object) => object);
  vi.mocked(k8sDelete).mockReset().mockResolvedValue(undefined);
  vi.mocked(uploadImage).mockReset();
});

describe('AddVolumeModal: upload', () => {
  it('uploads into a new DataVolume in the os-images namespace with a progress bar, then creates the DataSource and hands it on', async () => {
    allow(...ADMIN);
    let finish: () => void = () => undefined;
    vi.mocked(uploadImage).mockImplementation((_ns, _name, file, onProgress) => {
      onProgress(file.size / 2, file.size);
      return { done: new Promise<void>((resolve) => (finish = resolve)), cancel: vi.fn() };
    });
    const { dialog, onCreated, onClose, field, select, save } = open();
    expect(select('Destination project')).toHaveValue(OS_IMAGES_NAMESPACE);
    expect(save()).toBeDisabled();

    const file = await chooseFile(dialog);
    expect(field('Volume name')).toHaveValue('fedora-41');
    await userEvent.selectOptions(select('Preference'), 'fedora');
    await userEvent.selectOptions(select('Default InstanceType'), 'u1.medium');
    await userEvent.type(field('Description'), 'Fedora 41 cloud');
    await userEvent.click(save());

    await waitFor(() => expect(uploadImage).toHaveBeenCalled());
    expect(vi.mocked(uploadImage).mock.calls[0]!.slice(0, 3)).toEqual([
      OS_IMAGES_NAMESPACE,
      'fedora-41',
      file,
    ]);
    expect(created('DataVolume')).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({ name: 'fedora-41', namespace: OS_IMAGES_NAMESPACE }),
        spec: { source: { upload: {} }, storage: { resources: { requests: { storage: '30Gi' } } } },
      }),
    ]);
    expect(
      within(dialog).getByRole('progressbar', { name: /Uploading the image/ }),
    ).toHaveAttribute('aria-valuenow', '50');
    expect(within(dialog).getByText('1 KiB of 2 KiB')).toBeVisible();
    expect(created('DataSource')).toEqual([]);

    finish();
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(created('DataSource')).toEqual([
      {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataSource',
        metadata: {
          name: 'fedora-41',
          namespace: OS_IMAGES_NAMESPACE,
          labels: {
            'instancetype.kubevirt.io/default-preference': 'fedora',
            'instancetype.kubevirt.io/default-instancetype': 'u1.medium',
          },
          annotations: { 'openshift.io/description': 'Fedora 41 cloud' },
        },
        spec: { source: { pvc: { name: 'fedora-41', namespace: OS_IMAGES_NAMESPACE } } },
      },
    ]);
    expect(onCreated).toHaveBeenCalledWith({
      source: { kind: 'DataSource', namespace: OS_IMAGES_NAMESPACE, name: 'fedora-41' },
      displayName: 'fedora-41',
      description: 'Fedora 41 cloud',
      os: 'fedora',
      preference: 'fedora',
      instancetype: 'u1.medium',
      size: '30Gi',
      storageClass: undefined,
      ready: false,
    });
  });

  it('Cancel upload deletes the half-made DataVolume and keeps the form for another try', async () => {
    allow(...ADMIN);
    vi.mocked(uploadImage).mockImplementation(() => {
      let abort: (error: Error) => void = () => undefined;
      const done = new Promise<void>((_, reject) => (abort = reject));
      return { done, cancel: () => abort(new UploadInterrupted('aborted')) };
    });
    const { dialog, onCreated, field, select, save } = open();
    await chooseFile(dialog);
    await userEvent.selectOptions(select('Preference'), 'fedora');
    await userEvent.click(save());
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Cancel upload' }));

    expect(
      await within(dialog).findByText(
        'The upload was cancelled and DataVolume fedora-41 deleted. Save again to start over.',
      ),
    ).toBeVisible();
    expect(k8sDelete).toHaveBeenCalledWith(expect.objectContaining({ kind: 'DataVolume' }), {
      namespace: OS_IMAGES_NAMESPACE,
      name: 'fedora-41',
    });
    expect(created('DataSource')).toEqual([]);
    expect(onCreated).not.toHaveBeenCalled();
    expect(field('Volume name')).toHaveValue('fedora-41');
    expect(select('Preference')).toHaveValue('fedora');
    expect(save()).toBeEnabled();

    await userEvent.click(save());
    await waitFor(() => expect(created('DataVolume')).toHaveLength(2));
  });

  it('closing during an upload cancels it and deletes the DataVolume', async () => {
    allow(...ADMIN);
    const cancel = vi.fn();
    vi.mocked(uploadImage).mockReturnValue({ done: new Promise<void>(() => undefined), cancel });
    const { dialog, onClose, select, save } = open();
    await chooseFile(dialog);
    await userEvent.selectOptions(select('Preference'), 'fedora');
    await userEvent.click(save());
    await within(dialog).findByRole('progressbar', { name: /Uploading the image/ });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(cancel).toHaveBeenCalled();
    expect(onClose).toHaveBeenCalled();
    await waitFor(() =>
      expect(k8sDelete).toHaveBeenCalledWith(expect.objectContaining({ kind: 'DataVolume' }), {
        namespace: OS_IMAGES_NAMESPACE,
        name: 'fedora-41',
      }),
    );
  });
});

describe('AddVolumeModal: validation and errors', () => {
  it('sends nothing while the form is invalid, and says why at each field', async () => {
    allow(...DEVELOPER);
    const { dialog, field, select, save } = open();
    await userEvent.selectOptions(select('Source type'), 'registry');
    await userEvent.type(field('Container image'), 'Not An Image');
    expect(within(dialog).getByText(/Enter an image reference such as/)).toBeVisible();
    await userEvent.type(field('Volume name'), 'Bad_Name');
    expect(within(dialog).getByText(/Use lowercase letters, digits and "-" only/)).toBeVisible();
    await userEvent.clear(within(dialog).getByRole('textbox', { name: 'Size' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Size' }), 'lots');
    expect(within(dialog).getByText('Enter a number, such as 30.')).toBeVisible();
    expect(save()).toBeDisabled();
    await userEvent.type(field('Volume name'), '{Enter}');
    expect(k8sCreate).not.toHaveBeenCalled();
    expect(uploadImage).not.toHaveBeenCalled();
  });

  it('starts a developer in their project, and explains a project they may not create in', async () => {
    allow(...DEVELOPER);
    const { dialog, select, field, save } = open();
    expect(select('Destination project')).toHaveValue('team');
    await userEvent.selectOptions(select('Source type'), 'url');
    await userEvent.type(field('Image URL'), 'https://example.com/rhel-9.qcow2');
    await userEvent.selectOptions(select('Preference'), 'rhel.9');
    expect(save()).toBeEnabled();
    await userEvent.selectOptions(select('Destination project'), OS_IMAGES_NAMESPACE);
    expect(
      within(dialog).getByText(
        `You may not create DataSources in ${OS_IMAGES_NAMESPACE}: ask an administrator for the os-images.kubevirt.io:edit role there, or choose a project of yours.`,
      ),
    ).toBeVisible();
    expect(save()).toBeDisabled();
  });

  it('shows the server’s refusal at the field it names, keeps what was typed, and retries without a second DataVolume', async () => {
    allow(...DEVELOPER);
    vi.mocked(k8sCreate).mockImplementation(async (model, object) => {
      if (model.kind === 'DataSource' && created('DataSource').length === 1)
        throw statusError(422, 'DataSource.cdi.kubevirt.io "centos-stream-9" is invalid', {
          causes: [
            { field: 'metadata.labels', message: 'Invalid value: "rhel.9": not allowed here' },
          ],
        });
      return object;
    });
    const { dialog, field, select, save, onCreated } = open();
    await userEvent.selectOptions(select('Source type'), 'registry');
    await userEvent.type(field('Container image'), 'quay.io/containerdisks/centos-stream:9');
    await userEvent.selectOptions(select('Preference'), 'rhel.9');
    await userEvent.selectOptions(select('Storage class'), 'fast');
    await userEvent.click(save());

    expect(
      await within(dialog).findByText('Invalid value: "rhel.9": not allowed here'),
    ).toBeVisible();
    expect(
      within(dialog).getByText('DataSource.cdi.kubevirt.io "centos-stream-9" is invalid'),
    ).toBeVisible();
    expect(field('Container image')).toHaveValue('quay.io/containerdisks/centos-stream:9');
    expect(field('Volume name')).toHaveValue('centos-stream-9');
    expect(created('DataVolume')).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({ name: 'centos-stream-9', namespace: 'team' }),
        spec: {
          source: { registry: { url: 'docker://quay.io/containerdisks/centos-stream:9' } },
          storage: { storageClassName: 'fast', resources: { requests: { storage: '30Gi' } } },
        },
      }),
    ]);

    await userEvent.click(save());
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(created('DataVolume')).toHaveLength(1);
    expect(created('DataSource')).toHaveLength(2);
  });

  it('shows AlreadyExists at the name', async () => {
    allow(...DEVELOPER);
    vi.mocked(k8sCreate).mockRejectedValue(
      statusError(409, 'datavolumes.cdi.kubevirt.io "rhel" already exists', {
        reason: 'AlreadyExists',
      }),
    );
    const { dialog, field, select, save } = open();
    await userEvent.selectOptions(select('Source type'), 'url');
    await userEvent.type(field('Image URL'), 'https://example.com/rhel.img');
    await userEvent.selectOptions(select('Preference'), 'rhel.9');
    await userEvent.click(save());
    const name = field('Volume name');
    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    // At the name, and in the dialog's alert.
    expect(
      within(dialog).getAllByText('datavolumes.cdi.kubevirt.io "rhel" already exists'),
    ).toHaveLength(2);
    expect(name).toHaveValue('rhel');
  });
});

describe('AddVolumeModal: existing volumes', () => {
  it('uses a claim of the destination project where it is: only a DataSource is created', async () => {
    allow(...DEVELOPER);
    lists.set('PersistentVolumeClaim', 'team', {
      data: [claim('golden', { namespace: 'team', size: '20Gi', storageClass: 'standard' })],
    });
    const { select, save, onCreated, dialog } = open();
    await userEvent.selectOptions(select('Source type'), 'pvc');
    expect(select('PersistentVolumeClaim project')).toHaveValue('team');
    await userEvent.selectOptions(select('PersistentVolumeClaim'), 'golden');
    expect(within(dialog).getByRole('textbox', { name: 'Size' })).toHaveValue('20');
    await userEvent.selectOptions(select('Preference'), 'rhel.9');
    await userEvent.click(save());

    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(created('DataVolume')).toEqual([]);
    expect(created('DataSource')).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({ name: 'golden', namespace: 'team' }),
        spec: { source: { pvc: { namespace: 'team', name: 'golden' } } },
      }),
    ]);
    expect(onCreated.mock.calls[0]![0]).toMatchObject({ size: '20Gi', storageClass: 'standard' });
  });

  it('a larger size than the snapshot’s copies it; a smaller one is refused', async () => {
    allow(...DEVELOPER);
    lists.set('VolumeSnapshot', 'team', {
      data: [
        {
          metadata: { name: 'snap', namespace: 'team' },
          status: { readyToUse: true, restoreSize: '10Gi' },
        },
      ],
    });
    const { select, save, dialog, onCreated } = open();
    await userEvent.selectOptions(select('Source type'), 'snapshot');
    await userEvent.selectOptions(select('VolumeSnapshot'), 'snap');
    await userEvent.selectOptions(select('Preference'), 'fedora');
    const size = within(dialog).getByRole('textbox', { name: 'Size' });
    await userEvent.clear(size);
    await userEvent.type(size, '5');
    expect(
      within(dialog).getByText('The size must be at least 10 GiB, the size of the source.'),
    ).toBeVisible();
    expect(save()).toBeDisabled();
    await userEvent.clear(size);
    await userEvent.type(size, '12');
    await userEvent.click(save());
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(created('DataVolume')[0]).toMatchObject({
      spec: {
        source: { snapshot: { namespace: 'team', name: 'snap' } },
        storage: { resources: { requests: { storage: '12Gi' } } },
      },
    });
  });
});
