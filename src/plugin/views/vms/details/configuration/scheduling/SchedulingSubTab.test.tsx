// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { JsonPatchOp, Node, VirtualMachine } from '../../../../../api/types';
import { makeVm, makeVmi, renderAt, statusError, watchState } from '../../testSupport';
import type { VmEditor } from '../editor/vmEditor';
import { SchedulingSubTab } from './SchedulingSubTab';

vi.mock('../../../../../api/watch', async () => (await import('../../testSupport')).fakeWatch);
const nodesAccess = { allowed: true, loading: false };
vi.mock('../../../../../api/access', () => ({ useAccessReview: () => nodesAccess }));

const SPEC = '/spec/template/spec';
const patch = vi.fn<(ops: JsonPatchOp[]) => Promise<VirtualMachine>>();

const editorFor = (vm: VirtualMachine, running = false): VmEditor => ({
  vm,
  vmi: running ? makeVmi() : undefined,
  live: true,
  access: { allowed: true, loading: false },
  patch,
});

const node = (
  name: string,
  labels: Record<string, string>,
  taints: { key: string; value?: string; effect: string }[] = [],
) => ({ metadata: { name, labels }, spec: { taints } }) as Node;

const stopped = () => makeVm({ status: { printableStatus: 'Stopped' } });

const open = async (label: string) => {
  await userEvent.click(screen.getByRole('button', { name: `Edit ${label}` }));
  return screen.findByRole('dialog');
};

const sentOps = () => patch.mock.calls[0]?.[0];

beforeEach(() => {
  watchState.reset();
  nodesAccess.allowed = true;
  nodesAccess.loading = false;
  patch.mockReset();
  patch.mockResolvedValue(makeVm());
  watchState.lists.set('Node', {
    loaded: true,
    data: [
      node('worker-1', { zone: 'a', cpumanager: 'true' }),
      node('worker-2', { zone: 'b' }, [
        { key: 'virtualization', value: 'true', effect: 'NoSchedule' },
      ]),
      node('worker-3', { zone: 'b' }),
    ],
  });
});

describe('SchedulingSubTab', () => {
  it('shows what is set, and "Not set" / defaults for the rest', () => {
    const vm = stopped();
    const spec = vm.spec?.template?.spec;
    if (spec) {
      spec.nodeSelector = { zone: 'a' };
      spec.evictionStrategy = 'LiveMigrate';
    }
    renderAt(<SchedulingSubTab editor={editorFor(vm)} />);
    expect(screen.getByText('zone=a')).toBeVisible();
    expect(screen.getByText('LiveMigrate')).toBeVisible();
    expect(screen.getByText('No dedicated resources')).toBeVisible();
    expect(screen.getByText('Off')).toBeVisible();
    expect(screen.getAllByText('Not set')).toHaveLength(2); // tolerations, affinity
  });

  it('sets a node selector with a live preview of the matching nodes', async () => {
    renderAt(<SchedulingSubTab editor={editorFor(stopped())} />);
    const dialog = await open('Node selector');
    const preview = within(dialog).getByRole('status', { name: 'Node preview' });
    expect(within(preview).getByText('3 of 3 nodes match')).toBeVisible();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Key 1' }), 'zone');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Value 1' }), 'b');
    expect(within(preview).getByText('2 of 3 nodes match')).toBeVisible();
    expect(within(preview).getByText('worker-3')).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect(sentOps()).toEqual([{ op: 'add', path: `${SPEC}/nodeSelector`, value: { zone: 'b' } }]);
  });

  it('says when no node matches, and still lets the user save', async () => {
    renderAt(<SchedulingSubTab editor={editorFor(stopped())} />);
    const dialog = await open('Node selector');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Key 1' }), 'zone');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Value 1' }), 'nowhere');
    expect(
      within(dialog).getByText('No node matches: the VirtualMachine cannot be scheduled.'),
    ).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeEnabled();
  });

  it('refuses a bad label key before sending anything', async () => {
    renderAt(<SchedulingSubTab editor={editorFor(stopped())} />);
    const dialog = await open('Node selector');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Key 1' }), '-zone');
    expect(within(dialog).getByText(/must begin and end with a letter or digit/)).toBeVisible();
    const save = within(dialog).getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    await userEvent.click(save);
    expect(patch).not.toHaveBeenCalled();
  });

  it('keeps the rows and shows the server message at the field on refusal', async () => {
    patch.mockRejectedValue(
      statusError(422, 'VirtualMachine is invalid', [
        { field: 'spec.template.spec.nodeSelector', message: 'nodeSelector is not allowed here' },
      ]),
    );
    renderAt(<SchedulingSubTab editor={editorFor(stopped())} />);
    const dialog = await open('Node selector');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Key 1' }), 'zone');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add label' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Key 2' }), 'disk');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Value 2' }), 'ssd');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('nodeSelector is not allowed here')).toBeVisible();
    expect(within(dialog).getByRole('textbox', { name: 'Key 2' })).toHaveValue('disk');
  });

  it('says the preview is not available when the user may not list nodes', async () => {
    nodesAccess.allowed = false;
    renderAt(<SchedulingSubTab editor={editorFor(stopped())} />);
    const dialog = await open('Node selector');
    expect(
      within(dialog).getByText('You cannot list nodes; the preview is not available.'),
    ).toBeVisible();
  });

  it('adds a toleration and previews the nodes whose taints are tolerated', async () => {
    renderAt(<SchedulingSubTab editor={editorFor(stopped())} />);
    const dialog = await open('Tolerations');
    const preview = within(dialog).getByRole('status', { name: 'Node preview' });
    expect(within(preview).getByText('2 of 3 nodes match')).toBeVisible();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Key 1' }), 'virtualization');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Value 1' }), 'true');
    expect(within(preview).getByText('3 of 3 nodes match')).toBeVisible();
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Effect 1' }), '');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect(sentOps()).toEqual([
      {
        op: 'add',
        path: `${SPEC}/tolerations`,
        value: [{ key: 'virtualization', operator: 'Equal', value: 'true' }],
      },
    ]);
  });

  it('builds node affinity from a rule, with its preview', async () => {
    renderAt(<SchedulingSubTab editor={editorFor(stopped())} />);
    const dialog = await open('Affinity rules');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add affinity rule' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Rule 1 key 1' }), 'zone');
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Rule 1 operator 1' }),
      'NotIn',
    );
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Rule 1 values 1' }), 'b, c');
    const preview = within(dialog).getByRole('status', { name: 'Node preview' });
    expect(within(preview).getByText('1 of 3 nodes match')).toBeVisible();
    expect(within(preview).getByText('worker-1')).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect(sentOps()).toEqual([
      {
        op: 'add',
        path: `${SPEC}/affinity`,
        value: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['b', 'c'] }] },
              ],
            },
          },
        },
      },
    ]);
  });

  it('builds a preferred workload anti-affinity rule with weight and topology key', async () => {
    renderAt(<SchedulingSubTab editor={editorFor(stopped())} />);
    const dialog = await open('Affinity rules');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add affinity rule' }));
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Rule 1 type' }),
      'podAnti',
    );
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Rule 1 condition' }),
      'preferred',
    );
    const weight = within(dialog).getByRole('spinbutton', { name: 'Rule 1 weight' });
    await userEvent.clear(weight);
    await userEvent.type(weight, '101');
    expect(within(dialog).getByText('Enter a weight from 1 to 100.')).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.clear(weight);
    await userEvent.type(weight, '80');
    expect(within(dialog).getByRole('textbox', { name: 'Rule 1 topology key' })).toHaveValue(
      'kubernetes.io/hostname',
    );
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Rule 1 key 1' }), 'app');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Rule 1 values 1' }), 'web');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect(sentOps()?.[0]).toEqual({
      op: 'add',
      path: `${SPEC}/affinity`,
      value: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 80,
              podAffinityTerm: {
                labelSelector: {
                  matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }],
                },
                topologyKey: 'kubernetes.io/hostname',
              },
            },
          ],
        },
      },
    });
  });

  it('turns on dedicated resources, saying which nodes have the CPU manager; restart hint when running', async () => {
    renderAt(<SchedulingSubTab editor={editorFor(makeVm(), true)} />);
    const dialog = await open('Dedicated resources');
    expect(within(dialog).getByText('1 of 3 nodes match')).toBeVisible();
    expect(within(dialog).getByText('worker-1')).toBeVisible();
    expect(
      within(dialog).getByText('Takes effect after the VirtualMachine restarts'),
    ).toBeVisible();
    await userEvent.click(
      within(dialog).getByRole('checkbox', {
        name: /Schedule this workload with dedicated resources/,
      }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect(sentOps()).toEqual([
      { op: 'add', path: `${SPEC}/domain/cpu/dedicatedCpuPlacement`, value: true },
    ]);
  });

  it('says a VM waiting for a node is waiting, not running', () => {
    const waiting = makeVmi({ status: { phase: 'Scheduling' } });
    renderAt(<SchedulingSubTab editor={{ ...editorFor(makeVm()), vmi: waiting }} />);
    expect(screen.getByText(/is waiting for a node with the rules it started with/)).toBeVisible();
    expect(screen.queryByText(/is running/)).toBeNull();
  });

  it('disables dedicated resources when an instance type sets the CPUs', () => {
    renderAt(
      <SchedulingSubTab
        editor={editorFor(
          makeVm({ spec: { ...makeVm().spec, instancetype: { name: 'u1.medium' } } }),
        )}
      />,
    );
    expect(screen.getByRole('button', { name: 'Edit Dedicated resources' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });

  it('sets the eviction strategy, and back to the cluster default', async () => {
    renderAt(<SchedulingSubTab editor={editorFor(stopped())} />);
    const dialog = await open('Eviction strategy');
    expect(within(dialog).getByRole('radio', { name: 'Cluster default' })).toBeChecked();
    await userEvent.click(within(dialog).getByRole('radio', { name: 'LiveMigrateIfPossible' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect(sentOps()).toEqual([
      { op: 'add', path: `${SPEC}/evictionStrategy`, value: 'LiveMigrateIfPossible' },
    ]);
  });

  it('opts in to the descheduler with the template annotation', async () => {
    renderAt(<SchedulingSubTab editor={editorFor(stopped())} />);
    const dialog = await open('Descheduler');
    await userEvent.click(
      within(dialog).getByRole('switch', {
        name: 'Allow the descheduler to evict this VirtualMachine',
      }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect(sentOps()).toEqual([
      {
        op: 'add',
        path: '/spec/template/metadata/annotations',
        value: { 'descheduler.alpha.kubernetes.io/evict': 'true' },
      },
    ]);
  });
});
