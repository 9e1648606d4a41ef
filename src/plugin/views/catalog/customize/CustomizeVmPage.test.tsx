// @vitest-environment jsdom
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderAt, statusError, watchState } from '../../vms/details/testSupport';
import { createFromDraft } from '../draft/createFromDraft';
import { bootableVolume, U1_MEDIUM, vmDetails } from '../draft/draftFixtures';
import { instanceTypeDraft } from '../draft/instanceTypeDraft';
import type { VmDraft } from '../draft/vmDraft';
import CustomizeVmPage from './CustomizeVmPage';
import { loadCustomizeDraft, saveDraftForCustomize } from './draftHandoff';

// CodeMirror itself is not what these tests are about: a textarea stands in for it.
vi.mock('../../vms/details/yaml/YamlEditor', () => ({
  default: (props: { value: string; onChange(v: string): void; ariaLabel: string }) => (
    <textarea
      aria-label={props.ariaLabel}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    />
  ),
}));
vi.mock(
  '../../../api/watch',
  async () => (await import('../../vms/details/testSupport')).fakeWatch,
);
vi.mock('../../../api/access', () => ({
  useAccessReview: () => ({ allowed: true, loading: false }),
}));
vi.mock('../draft/createFromDraft', () => ({ createFromDraft: vi.fn() }));

// Whole sub-tabs and dialogs render here: on a busy machine that takes seconds.
vi.setConfig({ testTimeout: 20_000 });
configure({ asyncUtilTimeout: 5_000 });

const NAME = 'fedora-silver-fox-12';
const NS = 'developer-vms';
const DETAILS = `/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine/`;
const draft = () => instanceTypeDraft(bootableVolume(), U1_MEDIUM, vmDetails());
const sentDraft = () => vi.mocked(createFromDraft).mock.calls.at(-1)![0];
const idOf = (url: string) => new URL(url, 'http://x').searchParams.get('draft') ?? '';

const open = (initial: VmDraft = draft()) => {
  const url = saveDraftForCustomize(initial);
  renderAt(<CustomizeVmPage />, url);
  return idOf(url);
};
const tab = (name: string) => screen.getByRole('tab', { name });
const createButton = () => screen.getByRole('button', { name: 'Create VirtualMachine' });
const yamlBox = () =>
  screen.findByRole('textbox', { name: 'VirtualMachine YAML' }) as Promise<HTMLTextAreaElement>;
const location = () => screen.getByTestId('location');

beforeEach(() => {
  window.sessionStorage.clear();
  watchState.reset();
  vi.mocked(createFromDraft)
    .mockReset()
    .mockImplementation(async (sent) => ({
      ...sent.vm,
      metadata: { ...sent.vm.metadata, uid: 'u' },
    }));
});

describe('CustomizeVmPage', () => {
  it('shows the draft under the seed’s tabs, each editing it', async () => {
    open();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Customize and create VirtualMachine' }),
    ).toBeVisible();
    expect(screen.getByText(`VirtualMachine ${NAME} in project ${NS}`)).toBeVisible();
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'Overview',
      'YAML',
      'Scheduling',
      'Environment',
      'Network interfaces',
      'Disks',
      'Scripts',
      'Metadata',
    ]);
    expect(screen.getByText(NAME)).toBeVisible();
    expect(screen.getByText('Instance type u1.medium (not found)')).toBeVisible();
    expect(screen.getByRole('checkbox', { name: /Start this VirtualMachine/ })).toBeChecked();

    await userEvent.click(tab('Disks'));
    expect(await screen.findByRole('row', { name: /^rootdisk/ })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Add disk' })).toBeEnabled();
    await userEvent.click(tab('Scripts'));
    expect(await screen.findByText('Cloud-init')).toBeVisible();
    expect(screen.getByText('Authorized SSH key')).toBeVisible();
    expect(
      screen.getByText(
        'SSH access through a Service can be set up once the VirtualMachine exists.',
      ),
    ).toBeVisible();
  });

  it('replaces the draft’s VM with the saved YAML, which Create then creates', async () => {
    open();
    await userEvent.click(screen.getByRole('checkbox', { name: /Start this VirtualMachine/ }));
    await userEvent.click(tab('YAML'));
    const box = await yamlBox();
    expect(box.value).toContain(`name: ${NAME}`);
    expect(box.value).toContain('runStrategy: Halted');
    fireEvent.change(box, {
      target: { value: box.value.replace('runStrategy: Halted', 'runStrategy: RerunOnFailure') },
    });
    // Unsaved YAML is not what Create would send: it waits.
    expect(createButton()).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved to the draft')).toBeVisible();
    expect(createButton()).not.toHaveAttribute('aria-disabled', 'true');

    await userEvent.click(createButton());
    await waitFor(() => expect(createFromDraft).toHaveBeenCalledTimes(1));
    expect(sentDraft().vm.spec?.runStrategy).toBe('RerunOnFailure');
    expect(sentDraft().vm.metadata?.namespace).toBe(NS);
    expect(sentDraft().prerequisites).toEqual([]);
    await waitFor(() => expect(location()).toHaveTextContent(`${DETAILS}${NAME}`));
  });

  it('keeps YAML that does not parse, says where, and changes nothing', async () => {
    open();
    await userEvent.click(tab('YAML'));
    const box = await yamlBox();
    const broken = box.value.replace(`name: ${NAME}`, 'name: [oops');
    fireEvent.change(box, { target: { value: broken } });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/^Line \d+, column \d+:/)).toBeVisible();
    expect((await yamlBox()).value).toBe(broken);
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect((await yamlBox()).value).toContain(`name: ${NAME}`);
    expect(createFromDraft).not.toHaveBeenCalled();
  });

  it('renames the VM from the Overview and creates it under the new name', async () => {
    open();
    await userEvent.click(screen.getByRole('button', { name: 'Edit Name' }));
    const dialog = await screen.findByRole('dialog');
    const field = within(dialog).getByRole('textbox', { name: 'Name' });
    await userEvent.clear(field);
    await userEvent.type(field, 'Web');
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.clear(field);
    await userEvent.type(field, 'web');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(`VirtualMachine web in project ${NS}`)).toBeVisible();
    await userEvent.click(createButton());
    await waitFor(() => expect(createFromDraft).toHaveBeenCalledTimes(1));
    expect(sentDraft().vm.spec?.dataVolumeTemplates?.[0]?.metadata?.name).toBe('web-volume');
    await waitFor(() => expect(location()).toHaveTextContent(`${DETAILS}web`));
  });

  it('shows a refusal inline and keeps the draft to try again', async () => {
    vi.mocked(createFromDraft).mockRejectedValueOnce(
      statusError(409, `VirtualMachine "${NAME}" already exists`, [
        { field: 'metadata.name', message: `VirtualMachine "${NAME}" already exists` },
      ]),
    );
    const id = open();
    await userEvent.click(screen.getByRole('checkbox', { name: /Start this VirtualMachine/ }));
    await userEvent.click(createButton());
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The VirtualMachine was not created')).toBeVisible();
    expect(within(alert).getAllByText(`VirtualMachine "${NAME}" already exists`)).not.toHaveLength(
      0,
    );
    expect(location()).toHaveTextContent(`/k8s/ns/${NS}/catalog/customize`);
    // The edit made before is still the draft, here and in storage.
    expect(screen.getByRole('checkbox', { name: /Start this VirtualMachine/ })).not.toBeChecked();
    expect(loadCustomizeDraft(id)?.vm.spec?.runStrategy).toBe('Halted');

    await userEvent.click(createButton());
    await waitFor(() => expect(createFromDraft).toHaveBeenCalledTimes(2));
    expect(sentDraft().vm.spec?.runStrategy).toBe('Halted');
    await waitFor(() => expect(location()).toHaveTextContent(`${DETAILS}${NAME}`));
    // Created: the draft is forgotten.
    expect(loadCustomizeDraft(id)).toBeUndefined();
  });

  it('goes back to the Catalog on Cancel when opened directly', async () => {
    open();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(location()).toHaveTextContent(`/k8s/ns/${NS}/catalog`));
    expect(createFromDraft).not.toHaveBeenCalled();
  });

  it('says when the draft is gone, with a way back to the Catalog', () => {
    renderAt(<CustomizeVmPage />, `/k8s/ns/${NS}/catalog/customize?draft=expired`);
    expect(screen.getByText('This VirtualMachine draft is no longer available')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Go to the Catalog' })).toHaveAttribute(
      'href',
      `/k8s/ns/${NS}/catalog`,
    );
    expect(screen.queryByRole('button', { name: 'Create VirtualMachine' })).toBeNull();
  });
});
