// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { VirtualMachine } from '../../../../api/types';
import { downloadBlob } from '../../../../components/downloadFile';
import { ED25519_KEY } from '../../../vms/details/configuration/ssh/sshTestKeys';
import { statusError } from '../../../vms/details/testSupport';
import { createFromDraft, type CreateOptions } from '../../draft/createFromDraft';
import { bootableVolume, U1_MEDIUM, vmDetails } from '../../draft/draftFixtures';
import { instanceTypeDraft } from '../../draft/instanceTypeDraft';
import { manifestYaml } from '../../draft/manifestYaml';
import { virtctlCommand } from '../../draft/virtctlCommand';
import { CreateVmFooter, type CreateVmFooterProps } from './CreateVmFooter';

vi.mock('../../draft/createFromDraft', () => ({ createFromDraft: vi.fn() }));
vi.mock('../../../../components/downloadFile', () => ({ downloadBlob: vi.fn() }));
// The quota warning has its own tests; here the footer has no project quotas to read.
vi.mock('../../quota/QuotaAlert', () => ({ QuotaAlert: () => null }));

const NAME = 'fedora-silver-fox-12';
const draft = instanceTypeDraft(
  bootableVolume(),
  U1_MEDIUM,
  vmDetails({
    storageClass: 'ocs-rbd',
    sshKey: { kind: 'new', secretName: 'fox-key', publicKey: ED25519_KEY, applyToProject: false },
  }),
);
const created: VirtualMachine = { ...draft.vm, metadata: { ...draft.vm.metadata, uid: 'u' } };

const renderFooter = (props: Partial<CreateVmFooterProps> = {}) => {
  const handlers = {
    onCreated: vi.fn(),
    onCancel: vi.fn(),
    onCustomize: vi.fn(),
    onError: vi.fn(),
  };
  render(<CreateVmFooter draft={draft} problems={[]} {...handlers} {...props} />);
  return handlers;
};

const button = (name: string) => screen.getByRole('button', { name });
const codeIn = (panel: HTMLElement) => panel.querySelector('code')?.textContent;
const textOf = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });

beforeEach(() => {
  vi.mocked(createFromDraft).mockReset().mockResolvedValue(created);
  vi.mocked(downloadBlob).mockReset();
});

describe('CreateVmFooter: Create VirtualMachine', () => {
  it('is disabled while the steps have problems, and says which on hover', async () => {
    const user = userEvent.setup();
    renderFooter({ problems: ['Select a volume to boot from.', 'Enter a name.'] });
    const create = button('Create VirtualMachine');
    expect(create).toHaveAttribute('aria-disabled', 'true');
    await user.hover(create);
    const tooltip = await screen.findByRole('tooltip');
    expect(
      within(tooltip)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Select a volume to boot from.', 'Enter a name.']);
    await user.click(create);
    expect(createFromDraft).not.toHaveBeenCalled();
  });

  it('has nothing to create, customize or show without a draft', async () => {
    const user = userEvent.setup();
    renderFooter({ draft: undefined });
    for (const name of ['Create VirtualMachine', 'Customize VirtualMachine', 'YAML & CLI'])
      expect(button(name)).toHaveAttribute('aria-disabled', 'true');
    await user.click(button('YAML & CLI'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('creates the draft, shows each step meanwhile, then hands the VM on', async () => {
    const user = userEvent.setup();
    let finish: (vm: VirtualMachine) => void = () => undefined;
    vi.mocked(createFromDraft).mockImplementation(
      (_draft, options?: CreateOptions) =>
        new Promise((resolve) => {
          options?.onStep?.({ step: 'create', kind: 'Secret', name: 'fox-key' });
          finish = resolve;
        }),
    );
    const { onCreated } = renderFooter();
    await user.click(button('Create VirtualMachine'));

    expect(createFromDraft).toHaveBeenCalledWith(draft, expect.anything());
    expect(await screen.findByText('Creating Secret fox-key…')).toBeVisible();
    // Busy: a spinner, and a second click sends nothing.
    const busy = screen.getByRole('button', { name: /Create VirtualMachine/ });
    expect(busy).toHaveAttribute('aria-disabled', 'true');
    expect(within(busy).getByRole('progressbar')).toBeInTheDocument();
    await user.click(busy);
    expect(createFromDraft).toHaveBeenCalledTimes(1);

    finish(created);
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(screen.queryByText('Creating Secret fox-key…')).toBeNull();
  });

  it("shows the server's message when creation is refused, and can try again", async () => {
    const user = userEvent.setup();
    vi.mocked(createFromDraft).mockRejectedValueOnce(
      statusError(409, `VirtualMachine "${NAME}" already exists`, [
        { field: 'metadata.name', message: `VirtualMachine "${NAME}" already exists` },
      ]),
    );
    const { onCreated, onError } = renderFooter();
    await user.click(button('Create VirtualMachine'));

    const alert = await screen.findByText('The VirtualMachine was not created');
    expect(alert.closest('.pf-v6-c-alert')).toHaveTextContent(
      `VirtualMachine "${NAME}" already exists`,
    );
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 409 }));
    expect(onCreated).not.toHaveBeenCalled();

    expect(button('Create VirtualMachine')).not.toHaveAttribute('aria-disabled', 'true');
    await user.click(button('Create VirtualMachine'));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(screen.queryByText('The VirtualMachine was not created')).toBeNull();
  });

  it('offers Customize only when the page can customize, and Cancel', async () => {
    const user = userEvent.setup();
    const { onCustomize, onCancel } = renderFooter();
    await user.click(button('Customize VirtualMachine'));
    await user.click(button('Cancel'));
    expect(onCustomize).toHaveBeenCalledTimes(1);
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('has no Customize button without onCustomize', () => {
    render(<CreateVmFooter draft={draft} problems={[]} onCreated={vi.fn()} onCancel={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Customize VirtualMachine' })).toBeNull();
  });
});

describe('CreateVmFooter: YAML & CLI', () => {
  it('shows the exact manifests and the virtctl command, each to copy and download', async () => {
    const user = userEvent.setup();
    renderFooter();
    await user.click(button('YAML & CLI'));
    const dialog = await screen.findByRole('dialog');

    const yamlPanel = within(dialog).getByRole('tabpanel');
    expect(codeIn(yamlPanel)).toBe(manifestYaml(draft));
    await user.click(within(yamlPanel).getByRole('button', { name: 'Copy YAML' }));
    expect(await navigator.clipboard.readText()).toBe(manifestYaml(draft));
    expect(within(yamlPanel).getByText('Copied to the clipboard.')).toBeVisible();
    await user.click(within(yamlPanel).getByRole('button', { name: 'Download YAML' }));
    const [yamlBlob, yamlFile] = vi.mocked(downloadBlob).mock.calls[0]!;
    expect(yamlFile).toBe(`${NAME}.yaml`);
    expect(await textOf(yamlBlob)).toBe(manifestYaml(draft));

    await user.click(within(dialog).getByRole('tab', { name: 'CLI' }));
    const cliPanel = within(dialog).getByRole('tabpanel');
    const { command } = virtctlCommand(draft);
    expect(codeIn(cliPanel)).toBe(command);
    expect(command).toContain('virtctl create vm');
    // The draft sets a storage class, which virtctl has no flag for: the tab says so.
    expect(
      within(cliPanel).getByText('virtctl cannot set the storage class, labels'),
    ).toBeVisible();
    await user.click(within(cliPanel).getByRole('button', { name: 'Copy CLI command' }));
    expect(await navigator.clipboard.readText()).toBe(command);
    await user.click(within(cliPanel).getByRole('button', { name: 'Download CLI command' }));
    const [cliBlob, cliFile] = vi.mocked(downloadBlob).mock.calls[1]!;
    expect(cliFile).toBe(`${NAME}-virtctl.sh`);
    expect(await textOf(cliBlob)).toBe(command);

    // The footer's Close (the header has its own × named Close too).
    await user.click(within(dialog).getAllByRole('button', { name: 'Close' }).at(-1)!);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('says so when the browser refuses to copy', async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('denied'));
    renderFooter();
    await user.click(button('YAML & CLI'));
    await user.click(await screen.findByRole('button', { name: 'Copy YAML' }));
    expect(
      await screen.findByText(
        'The browser did not allow copying: select the text and copy it by hand.',
      ),
    ).toBeVisible();
  });
});
