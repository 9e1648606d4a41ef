// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as K8s from '../../../api/k8s';
import { k8sCreate } from '../../../api/k8s';
import type { VirtualMachine } from '../../../api/types';
import { renderAt, statusError } from '../../vms/details/testSupport';
import CreateVmYamlPage from './CreateVmYamlPage';

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
vi.mock('../../../api/k8s', async (original) => ({
  ...(await original<typeof K8s>()),
  k8sCreate: vi.fn(),
}));

const PATH = '/k8s/ns/dev/catalog/yaml';
const editor = () =>
  screen.findByRole('textbox', { name: 'VirtualMachine YAML' }) as Promise<HTMLTextAreaElement>;

beforeEach(() => vi.mocked(k8sCreate).mockReset());

describe('CreateVmYamlPage', () => {
  it('creates the default VM in the page’s project and opens its details', async () => {
    vi.mocked(k8sCreate).mockImplementation(async (_model, object) => object);
    renderAt(<CreateVmYamlPage />, PATH);
    expect((await editor()).value).toContain('namespace: dev');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(k8sCreate).toHaveBeenCalledTimes(1));
    const sent = vi.mocked(k8sCreate).mock.calls[0]![1] as VirtualMachine;
    expect(sent.metadata).toEqual({ name: 'example', namespace: 'dev' });
    expect(await screen.findByTestId('location')).toHaveTextContent(
      '/k8s/ns/dev/kubevirt.io~v1~VirtualMachine/example',
    );
  });

  it('refuses broken YAML with its line, sends nothing and keeps the text', async () => {
    renderAt(<CreateVmYamlPage />, PATH);
    const box = await editor();
    fireEvent.change(box, { target: { value: 'kind: VirtualMachine\nmetadata:\n  name: [x\n' } });
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText(/^Line \d+, column \d+:/)).toBeVisible();
    expect(k8sCreate).not.toHaveBeenCalled();
    expect(box.value).toContain('name: [x');
  });

  it('shows the server’s refusal with its causes and keeps the text', async () => {
    vi.mocked(k8sCreate).mockRejectedValueOnce(
      statusError(409, 'virtualmachines.kubevirt.io "example" already exists'),
    );
    renderAt(<CreateVmYamlPage />, PATH);
    const before = (await editor()).value;
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('The VirtualMachine could not be created')).toBeVisible();
    expect(screen.getByText(/already exists/)).toBeVisible();
    expect((await editor()).value).toBe(before);
  });
});
