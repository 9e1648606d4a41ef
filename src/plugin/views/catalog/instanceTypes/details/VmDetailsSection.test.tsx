// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { k8sCreate, k8sPatch } from '../../../../api/k8s';
import { encodeBase64 } from '../../../vms/details/configuration/initialRun/base64';
import { PROJECT_SSH_KEYS } from '../../../vms/details/configuration/ssh/projectSshKey';
import { ED25519_KEY } from '../../../vms/details/configuration/ssh/sshTestKeys';
import { renderAt, watchState } from '../../../vms/details/testSupport';
import type { BootableVolume, InstanceTypeChoice, VmDetails } from '../flow';
import type { DetailsErrors } from './validateDetails';
import { VmDetailsSection } from './VmDetailsSection';

vi.mock(
  '../../../../api/watch',
  async () => (await import('../../../vms/details/testSupport')).fakeWatch,
);
const access = { allowed: true, loading: false };
vi.mock('../../../../api/access', () => ({ useAccessReview: () => access }));
vi.mock('../../../../api/k8s', () => ({ k8sCreate: vi.fn(), k8sPatch: vi.fn() }));
vi.mock('../../useProjectNames', () => ({
  useProjectNames: () => ({ data: ['demo', 'other'], isError: false }),
}));

const fedora: BootableVolume = {
  source: { kind: 'DataSource', namespace: 'openshift-virtualization-os-images', name: 'fedora' },
  displayName: 'Fedora',
  os: 'fedora',
  preference: 'fedora',
  instancetype: 'u1.medium',
  size: '30Gi',
  ready: true,
};
const windows: BootableVolume = {
  ...fedora,
  source: { ...fedora.source, name: 'win2k22' },
  displayName: 'Windows Server 2022',
  os: 'windows',
  preference: 'windows.2k22',
};
const medium: InstanceTypeChoice = { cluster: true, name: 'u1.medium', cpu: 1, memory: '4Gi' };

const initialDetails = (change: Partial<VmDetails> = {}): VmDetails => ({
  name: 'fedora-amber-otter',
  namespace: 'demo',
  storageClass: '',
  diskSize: '',
  sshKey: { kind: 'none' },
  dynamicKeyInjection: false,
  sysprep: { kind: 'none' },
  startAfterCreation: true,
  ...change,
});

/** The section as the flow holds it: the details in state, each change recorded. */
const Harness = ({
  volume = fedora,
  initial = initialDetails(),
  errors,
  onChange,
}: {
  volume?: BootableVolume;
  initial?: VmDetails;
  errors?: DetailsErrors;
  onChange(next: VmDetails): void;
}) => {
  const [value, setValue] = useState(initial);
  return (
    <VmDetailsSection
      volume={volume}
      instancetype={medium}
      value={value}
      errors={errors}
      onChange={(next) => {
        onChange(next);
        setValue(next);
      }}
    />
  );
};

const fetchSpy = vi.fn();

beforeEach(() => {
  access.allowed = true;
  access.loading = false;
  watchState.reset();
  window.localStorage.clear();
  vi.mocked(k8sCreate).mockReset();
  vi.mocked(k8sPatch).mockReset();
  fetchSpy.mockReset();
  vi.stubGlobal('fetch', fetchSpy);
  watchState.objects.set('VirtualMachineClusterPreference', {
    loaded: true,
    data: {
      metadata: { name: 'fedora', annotations: { 'openshift.io/display-name': 'Fedora (amd64)' } },
    },
  });
  watchState.lists.set('StorageClass', {
    loaded: true,
    data: [
      { metadata: { name: 'fast' } },
      {
        metadata: {
          name: 'standard',
          annotations: { 'storageclass.kubevirt.io/is-default-virt-class': 'true' },
        },
      },
    ],
  });
  watchState.lists.set('Secret', {
    loaded: true,
    data: [
      {
        metadata: { name: 'team-key', namespace: 'demo' },
        data: { key: encodeBase64(ED25519_KEY) },
      },
      { metadata: { name: 'db-password', namespace: 'demo' }, data: { pw: encodeBase64('x') } },
    ],
  });
  watchState.lists.set('ConfigMap', {
    loaded: true,
    data: [
      { metadata: { name: 'win-answers', namespace: 'demo' }, data: { 'Unattend.xml': '<a/>' } },
    ],
  });
});

const noRequestSent = () => {
  expect(k8sCreate).not.toHaveBeenCalled();
  expect(k8sPatch).not.toHaveBeenCalled();
  expect(fetchSpy).not.toHaveBeenCalled();
};

describe('VmDetailsSection', () => {
  it('shows the name, project, OS, size, storage and the start checkbox', () => {
    const onChange = vi.fn();
    renderAt(<Harness onChange={onChange} />);
    expect(screen.getByRole('heading', { name: 'VirtualMachine details' })).toBeVisible();
    expect(screen.getByRole('textbox', { name: /Name/ })).toHaveValue('fedora-amber-otter');
    expect(screen.getByRole('combobox', { name: /Project/ })).toHaveValue('demo');
    expect(screen.getByText('Fedora (amd64)')).toBeVisible();
    expect(screen.getByText('1 vCPU | 4 GiB (u1.medium)')).toBeVisible();
    // No class on the volume: the virt default.
    const storageClass = screen.getByRole('combobox', { name: 'Storage class' });
    expect(storageClass).toHaveValue('standard');
    expect(within(storageClass).getByRole('option', { name: 'standard (default)' })).toBeVisible();
    expect(screen.getByRole('textbox', { name: 'Disk size' })).toHaveValue('30');
    expect(screen.getByRole('combobox', { name: 'Disk size unit' })).toHaveValue('GiB');
    expect(screen.getByText('At least 30 GiB, the size of the volume.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Edit Authorized SSH key' })).toBeVisible();
    expect(screen.getByText('Not configured')).toBeVisible();
    expect(screen.getByRole('switch', { name: 'Dynamic SSH key injection' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Edit Sysprep' })).toBeNull();
    expect(
      screen.getByRole('checkbox', { name: 'Start this VirtualMachine after creation' }),
    ).toBeChecked();
    expect(onChange).not.toHaveBeenCalled();
  });

  it("prefers the volume's storage class, and shows the errors it is given", () => {
    renderAt(
      <Harness
        volume={{ ...fedora, storageClass: 'fast' }}
        errors={{ name: 'Enter a name.', diskSize: 'The disk size must be at least 30 GiB.' }}
        onChange={vi.fn()}
      />,
    );
    expect(screen.getByRole('combobox', { name: 'Storage class' })).toHaveValue('fast');
    expect(screen.getByText('The storage class of the volume.')).toBeVisible();
    expect(screen.getByText('Enter a name.')).toBeVisible();
    expect(screen.getByText('The disk size must be at least 30 GiB.')).toBeVisible();
  });

  it('reports each edit through onChange', async () => {
    const onChange = vi.fn();
    renderAt(<Harness onChange={onChange} />);
    const name = screen.getByRole('textbox', { name: /Name/ });
    await userEvent.clear(name);
    await userEvent.type(name, 'my-vm');
    expect(onChange).toHaveBeenLastCalledWith(initialDetails({ name: 'my-vm' }));

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Storage class' }), 'fast');
    expect(onChange).toHaveBeenLastCalledWith(
      initialDetails({ name: 'my-vm', storageClass: 'fast' }),
    );

    const size = screen.getByRole('textbox', { name: 'Disk size' });
    await userEvent.clear(size);
    await userEvent.type(size, '40');
    expect(onChange).toHaveBeenLastCalledWith(
      initialDetails({ name: 'my-vm', storageClass: 'fast', diskSize: '40Gi' }),
    );
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Disk size unit' }), 'MiB');
    expect(onChange.mock.lastCall?.[0].diskSize).toBe('40Mi');

    await userEvent.selectOptions(screen.getByRole('combobox', { name: /Project/ }), 'other');
    expect(onChange.mock.lastCall?.[0].namespace).toBe('other');

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Start this VirtualMachine after creation' }),
    );
    expect(onChange.mock.lastCall?.[0].startAfterCreation).toBe(false);
  });

  it('records a new SSH key without creating anything, then allows dynamic injection', async () => {
    const onChange = vi.fn();
    renderAt(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Authorized SSH key' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('radio', { name: 'Add new' })).toBeChecked();
    const key = within(dialog).getByRole('textbox', { name: 'Public key' });
    await userEvent.type(key, 'ssh-ed25519 nope');
    expect(within(dialog).getByText(/not a valid base64 key/)).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.clear(key);
    await userEvent.click(key);
    await userEvent.paste(ED25519_KEY);
    const secretName = within(dialog).getByRole('textbox', { name: /Secret name/ });
    expect((secretName as HTMLInputElement).value).toMatch(
      /^fedora-amber-otter-ssh-key-[a-z0-9]{5}$/,
    );
    await userEvent.clear(secretName);
    await userEvent.type(secretName, 'team-key');
    expect(within(dialog).getByText('A Secret named team-key already exists.')).toBeVisible();
    await userEvent.clear(secretName);
    await userEvent.type(secretName, 'my-key');
    await userEvent.click(
      within(dialog).getByRole('checkbox', {
        name: 'Automatically apply this key to any new VirtualMachine you create in this project',
      }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    expect(onChange).toHaveBeenLastCalledWith(
      initialDetails({
        sshKey: { kind: 'new', secretName: 'my-key', publicKey: ED25519_KEY, applyToProject: true },
      }),
    );
    noRequestSent();
    // Nothing is remembered for the project until the VM is created.
    expect(window.localStorage.getItem(PROJECT_SSH_KEYS)).toBeNull();
    expect(
      screen.getByText(
        'New Secret my-key, created with the VirtualMachine and applied to new VirtualMachines in this project',
      ),
    ).toBeVisible();

    const dynamic = screen.getByRole('switch', { name: 'Dynamic SSH key injection' });
    expect(dynamic).toBeEnabled();
    expect(screen.getByText(/Needs the guest agent; supported on RHEL 9/)).toBeVisible();
    await userEvent.click(dynamic);
    expect(onChange.mock.lastCall?.[0].dynamicKeyInjection).toBe(true);

    // Removing the key turns the injection off again.
    await userEvent.click(screen.getByRole('button', { name: 'Remove authorized SSH key' }));
    expect(onChange.mock.lastCall?.[0]).toMatchObject({
      sshKey: { kind: 'none' },
      dynamicKeyInjection: false,
    });
  });

  it('records an existing Secret of the project', async () => {
    const onChange = vi.fn();
    renderAt(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Authorized SSH key' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Use existing' }));
    const select = within(dialog).getByRole('combobox', { name: /Secret/ });
    const groups = within(select).getAllByRole('group');
    expect(groups.map((group) => group.getAttribute('label'))).toEqual([
      'Secrets holding an SSH key',
      'Other Secrets',
    ]);
    await userEvent.selectOptions(select, 'team-key');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(onChange).toHaveBeenLastCalledWith(
      initialDetails({ sshKey: { kind: 'existing', secretName: 'team-key' } }),
    );
    expect(screen.getByText('Secret team-key')).toBeVisible();
    noRequestSent();
  });

  it('offers only an existing Secret when the user may not create Secrets', async () => {
    access.allowed = false;
    renderAt(<Harness onChange={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Authorized SSH key' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('radio', { name: 'Add new' })).toBeDisabled();
    expect(within(dialog).getByRole('radio', { name: 'Use existing' })).toBeChecked();
    expect(within(dialog).getByText('You may not create Secrets in demo.')).toBeVisible();
  });

  it("takes the project's remembered key as the default, and drops it for another project", async () => {
    window.localStorage.setItem(PROJECT_SSH_KEYS, JSON.stringify({ demo: 'team-key' }));
    const onChange = vi.fn();
    renderAt(<Harness onChange={onChange} />);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenLastCalledWith(
      initialDetails({ sshKey: { kind: 'existing', secretName: 'team-key' } }),
    );
    expect(
      screen.getByText('Secret team-key (applied to new VirtualMachines in this project)'),
    ).toBeVisible();

    await userEvent.selectOptions(screen.getByRole('combobox', { name: /Project/ }), 'other');
    expect(onChange.mock.lastCall?.[0]).toMatchObject({
      namespace: 'other',
      sshKey: { kind: 'none' },
    });
  });

  it('does not offer a remembered key whose Secret is gone', () => {
    window.localStorage.setItem(PROJECT_SSH_KEYS, JSON.stringify({ demo: 'deleted-key' }));
    const onChange = vi.fn();
    renderAt(<Harness onChange={onChange} />);
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('VmDetailsSection: Windows', () => {
  const AUTOUNATTEND = '<unattend xmlns="urn:schemas-microsoft-com:unattend"></unattend>';

  it('shows Sysprep instead of the SSH key, and records new answer files only', async () => {
    window.localStorage.setItem(PROJECT_SSH_KEYS, JSON.stringify({ demo: 'team-key' }));
    const onChange = vi.fn();
    renderAt(
      <Harness volume={windows} initial={initialDetails({ name: 'win' })} onChange={onChange} />,
    );
    expect(screen.queryByRole('button', { name: 'Edit Authorized SSH key' })).toBeNull();
    expect(screen.queryByRole('switch', { name: 'Dynamic SSH key injection' })).toBeNull();
    // No SSH key default for Windows.
    expect(onChange).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Edit Sysprep' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('radio', { name: 'Add answer files' })).toBeChecked();
    const autounattend = within(dialog).getByRole('textbox', { name: 'Autounattend.xml' });
    await userEvent.click(autounattend);
    await userEvent.paste('<unattend>');
    expect(within(dialog).getByText(/Not well-formed XML/)).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.clear(autounattend);
    await userEvent.click(autounattend);
    await userEvent.paste(AUTOUNATTEND);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    expect(onChange).toHaveBeenLastCalledWith(
      initialDetails({
        name: 'win',
        sysprep: { kind: 'new', autounattend: AUTOUNATTEND, unattend: undefined },
      }),
    );
    expect(
      screen.getByText('Autounattend.xml, saved in a ConfigMap created with the VirtualMachine'),
    ).toBeVisible();
    noRequestSent();
  });

  it('attaches an existing sysprep ConfigMap', async () => {
    const onChange = vi.fn();
    renderAt(<Harness volume={windows} onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Sysprep' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Attach existing sysprep' }));
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: /Existing sysprep/ }),
      'win-answers',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(onChange).toHaveBeenLastCalledWith(
      initialDetails({ sysprep: { kind: 'existing', configMapName: 'win-answers' } }),
    );
    expect(screen.getByText('Existing sysprep win-answers')).toBeVisible();
    noRequestSent();
  });
});
