// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { k8sUpdate } from '../../../../api/k8s';
import type { VirtualMachine } from '../../../../api/types';
import { makeVm, NAME, NS, renderAt, statusError } from '../testSupport';
import YamlTab from './YamlTab';
import { vmToYaml } from './vmYaml';

// CodeMirror itself is not what these tests are about: a textarea stands in for it.
vi.mock('./YamlEditor', () => ({
  default: (props: {
    value: string;
    onChange(v: string): void;
    ariaLabel: string;
    readOnly?: boolean;
  }) => (
    <textarea
      aria-label={props.ariaLabel}
      value={props.value}
      readOnly={props.readOnly}
      onChange={(e) => props.onChange(e.target.value)}
    />
  ),
}));
const access = { allowed: true, loading: false };
vi.mock('../../../../api/access', () => ({ useAccessReview: () => access }));
vi.mock('../../../../api/k8s', () => ({ k8sUpdate: vi.fn() }));

const tab = (vm: VirtualMachine) => <YamlTab namespace={NS} name={NAME} vm={vm} rest={[]} />;
const editor = () => screen.findByRole('textbox', { name: 'VirtualMachine YAML' });
const editorText = async () => ((await editor()) as HTMLTextAreaElement).value;
const edit = async (transform: (text: string) => string) => {
  const box = await editor();
  fireEvent.change(box, { target: { value: transform((box as HTMLTextAreaElement).value) } });
};

beforeEach(() => {
  access.allowed = true;
  vi.mocked(k8sUpdate).mockReset();
});

describe('YamlTab', () => {
  it('saves the edited VM with PUT and shows the new version', async () => {
    const vm = makeVm();
    vi.mocked(k8sUpdate).mockImplementation(async (_model, object) => ({
      ...(object as VirtualMachine),
      metadata: { ...(object as VirtualMachine).metadata, resourceVersion: '11' },
    }));
    renderAt(tab(vm));
    expect(await editor()).toHaveValue(vmToYaml(vm));
    await edit((text) => text.replace('runStrategy: Always', 'runStrategy: Halted'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(k8sUpdate).toHaveBeenCalledTimes(1));
    const sent = vi.mocked(k8sUpdate).mock.calls[0]![1] as VirtualMachine;
    expect(sent.spec?.runStrategy).toBe('Halted');
    expect(sent.metadata?.resourceVersion).toBe('10');
    expect(await screen.findByText('VirtualMachine fedora-vm is now at version 11.')).toBeVisible();
  });

  it('keeps the edits and explains a 409 conflict', async () => {
    vi.mocked(k8sUpdate).mockRejectedValue(
      statusError(
        409,
        'Operation cannot be fulfilled on virtualmachines.kubevirt.io "fedora-vm": the object has been modified',
      ),
    );
    renderAt(tab(makeVm()));
    await edit((text) => text.replace('cores: 2', 'cores: 8'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(
      await screen.findByText('This object has been updated since you started editing'),
    ).toBeVisible();
    expect(screen.getByText(/the object has been modified/)).toBeVisible();
    expect(await editorText()).toContain('cores: 8');
  });

  it("lists the server's validation causes with their fields", async () => {
    vi.mocked(k8sUpdate).mockRejectedValue(
      statusError(422, 'VirtualMachine.kubevirt.io "fedora-vm" is invalid', [
        { field: 'spec.runStrategy', message: 'Unsupported value: "Sometimes"' },
        { field: 'spec.template.spec.domain.memory.guest', message: 'must be at least 1Mi' },
      ]),
    );
    renderAt(tab(makeVm()));
    await edit((text) => text.replace('runStrategy: Always', 'runStrategy: Sometimes'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('The server refused the VirtualMachine')).toBeVisible();
    expect(screen.getByText('spec.runStrategy')).toBeVisible();
    expect(screen.getByText(/Unsupported value: "Sometimes"/)).toBeVisible();
    expect(screen.getByText('spec.template.spec.domain.memory.guest')).toBeVisible();
    expect(await editorText()).toContain('Sometimes');
  });

  it('reports a YAML syntax error with its line and sends nothing', async () => {
    renderAt(tab(makeVm()));
    await edit((text) => `${text}\nbroken: [unclosed\n`);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The YAML does not parse')).toBeVisible();
    expect(screen.getByText(/^Line \d+:/)).toBeVisible();
    expect(k8sUpdate).not.toHaveBeenCalled();
  });

  it('follows the live object until edited, then offers Reload when it moves', async () => {
    const vm = makeVm();
    const { rerender } = renderAt(tab(vm));
    const moved = makeVm({
      metadata: { ...vm.metadata, resourceVersion: '12', labels: { moved: 'yes' } },
    });
    rerender(tab(moved));
    expect(await editorText()).toContain('moved: yes');

    await edit((text) => text.replace('cores: 2', 'cores: 6'));
    const again = makeVm({
      metadata: { ...vm.metadata, resourceVersion: '13', labels: { again: 'yes' } },
    });
    rerender(tab(again));
    const alert = (await screen.findByText('This object has been updated')).closest(
      '.pf-v6-c-alert',
    );
    expect(alert).toBeVisible();
    expect(await editorText()).toContain('cores: 6');

    await userEvent.click(within(alert as HTMLElement).getByRole('button', { name: 'Reload' }));
    expect(await editorText()).toContain('again: yes');
    expect(screen.queryByText('This object has been updated')).toBeNull();
  });

  it('is read only for users who may not update the VM', async () => {
    access.allowed = false;
    renderAt(tab(makeVm()));
    expect(
      await screen.findByText('You may view this VirtualMachine but not change it.'),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(await editor()).toHaveAttribute('readonly');
  });
});
