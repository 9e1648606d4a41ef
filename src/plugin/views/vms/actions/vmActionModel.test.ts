import { beforeEach, describe, expect, it, vi } from 'vitest';
import { k8sDelete, vmAction } from '../../../api/k8s';
import type { VirtualMachine, VirtualMachineInstance } from '../../../api/types';
import { ADMIN, DEVELOPER, VIEWER, migration, t, vm, vmi } from './fixtures';
import type { VmActionAccess } from './vmActionAccess';
import { offeredIds, vmActions, type VmActionId, type VmActionItem } from './vmActionModel';

vi.mock('../../../api/k8s', () => ({
  vmAction: vi.fn(() => Promise.resolve()),
  k8sDelete: vi.fn(() => Promise.resolve()),
  k8sCreate: vi.fn(),
  k8sGet: vi.fn(),
  k8sPatch: vi.fn(),
}));

beforeEach(() => {
  vi.mocked(vmAction).mockClear();
  vi.mocked(k8sDelete).mockClear();
});

type State = () => [VirtualMachine, VirtualMachineInstance | undefined];

const STATES: Record<string, State> = {
  stopped: () => [vm('a'), undefined],
  running: () => [vm('a', { runStrategy: 'Always' }), vmi('a', 'Running')],
  paused: () => [vm('a', { runStrategy: 'Always' }), vmi('a', 'Running', { paused: true })],
  starting: () => [vm('a', { runStrategy: 'Always' }), vmi('a', 'Scheduling')],
  stopping: () => [vm('a', { runStrategy: 'Halted' }), vmi('a', 'Running')],
  crashLoop: () => [vm('a', { runStrategy: 'Always' }), undefined],
  manualStopped: () => [vm('a', { runStrategy: 'Manual' }), vmi('a', 'Succeeded')],
  legacyRunning: () => [vm('a', { runStrategy: undefined, running: true }), vmi('a', 'Running')],
};

const ids = (state: string, access: VmActionAccess, extras = {}) => {
  const make = STATES[state];
  if (!make) throw new Error(`no state ${state}`);
  const [machine, instance] = make();
  return offeredIds(vmActions(machine, instance, access, t, extras));
};

const find = (actions: VmActionItem[], id: VmActionId) => {
  const action = actions.find((item) => item.id === id);
  if (!action) throw new Error(`${id} is not offered`);
  return action;
};

describe('vmActions: what is offered (state × permission)', () => {
  it.each<[string, VmActionAccess, VmActionId[]]>([
    [
      'stopped',
      ADMIN,
      [
        'start',
        'restart',
        'pause',
        'migrate',
        'clone',
        'snapshot',
        'copy-ssh',
        'edit-labels',
        'edit-annotations',
        'delete',
      ],
    ],
    [
      'running',
      ADMIN,
      [
        'stop',
        'force-stop',
        'restart',
        'pause',
        'migrate',
        'clone',
        'snapshot',
        'copy-ssh',
        'edit-labels',
        'edit-annotations',
        'delete',
      ],
    ],
    [
      'paused',
      ADMIN,
      [
        'stop',
        'force-stop',
        'restart',
        'unpause',
        'migrate',
        'clone',
        'snapshot',
        'copy-ssh',
        'edit-labels',
        'edit-annotations',
        'delete',
      ],
    ],
    [
      'running',
      DEVELOPER,
      [
        'stop',
        'force-stop',
        'restart',
        'pause',
        'clone',
        'snapshot',
        'copy-ssh',
        'edit-labels',
        'edit-annotations',
        'delete',
      ],
    ],
    ['running', VIEWER, ['copy-ssh']],
    ['stopped', VIEWER, ['copy-ssh']],
    ['running', { ...VIEWER, stop: true }, ['stop', 'force-stop', 'copy-ssh']],
    ['stopped', { ...VIEWER, start: true, delete: true }, ['start', 'copy-ssh', 'delete']],
    // A VM that wants to run but has no guest yet: stop is the way out, not start.
    [
      'starting',
      ADMIN,
      [
        'stop',
        'force-stop',
        'restart',
        'pause',
        'migrate',
        'clone',
        'snapshot',
        'copy-ssh',
        'edit-labels',
        'edit-annotations',
        'delete',
      ],
    ],
    ['crashLoop', { ...VIEWER, start: true, stop: true }, ['stop', 'copy-ssh']],
    ['stopping', { ...VIEWER, start: true, stop: true }, ['start', 'force-stop', 'copy-ssh']],
    ['manualStopped', { ...VIEWER, start: true, stop: true }, ['start', 'copy-ssh']],
    ['legacyRunning', { ...VIEWER, start: true, stop: true }, ['stop', 'force-stop', 'copy-ssh']],
  ])('%s with %o offers %o', (state, access, expected) => {
    expect(ids(state, access)).toEqual(expected);
  });

  it('offers Cancel migration instead of Migrate while a migration runs', () => {
    const actions = vmActions(
      vm('a', { runStrategy: 'Always' }),
      vmi('a', 'Running', { migrating: true }),
      ADMIN,
      t,
      { migration: migration('a') },
    );
    expect(offeredIds(actions)).toContain('cancel-migration');
    expect(offeredIds(actions)).not.toContain('migrate');
    expect(find(actions, 'pause').disabledReason).toBe('The VM is migrating');
  });

  it('does not offer Cancel migration to a user who may not delete migrations', () => {
    const actions = vmActions(
      vm('a', { runStrategy: 'Always' }),
      vmi('a', 'Running', { migrating: true }),
      DEVELOPER,
      t,
      {
        migration: migration('a'),
      },
    );
    expect(offeredIds(actions)).not.toContain('cancel-migration');
  });

  it('offers a standalone VMI only what applies to a VMI', () => {
    expect(offeredIds(vmActions(undefined, vmi('solo', 'Running'), ADMIN, t))).toEqual([
      'pause',
      'migrate',
      'copy-ssh',
      'edit-labels',
      'edit-annotations',
      'delete',
    ]);
    expect(
      offeredIds(
        vmActions(
          undefined,
          vmi('solo', 'Running'),
          { ...ADMIN, updateVmi: false, deleteVmi: false },
          t,
        ),
      ),
    ).toEqual(['pause', 'migrate', 'copy-ssh']);
  });
});

describe('vmActions: enabled, with the reason when not', () => {
  const reasons = (machine: ReturnType<typeof vm>, instance: ReturnType<typeof vmi> | undefined) =>
    Object.fromEntries(
      vmActions(machine, instance, ADMIN, t).map((action) => [action.id, action.disabledReason]),
    );

  it('a stopped VM can start; what needs a guest says the VM is not running', () => {
    const why = reasons(vm('a'), undefined);
    expect(why.start).toBeUndefined();
    expect(why.restart).toBe('The VM is not running');
    expect(why.pause).toBe('The VM is not running');
    expect(why.migrate).toBe('The VM is not running');
    expect(why['copy-ssh']).toBe('The VM is not running');
    expect(why.clone).toBeUndefined();
    expect(why.snapshot).toBeUndefined();
    expect(why.delete).toBeUndefined();
  });

  it('a running VM can do everything', () => {
    const why = reasons(vm('a', { runStrategy: 'Always' }), vmi('a', 'Running'));
    expect(Object.values(why).every((reason) => reason === undefined)).toBe(true);
  });

  it('a paused VM cannot migrate', () => {
    expect(
      reasons(vm('a', { runStrategy: 'Always' }), vmi('a', 'Running', { paused: true })).migrate,
    ).toBe('The VM is paused');
  });

  it('a VM that cannot live-migrate says why, from its condition', () => {
    expect(
      reasons(
        vm('a', { runStrategy: 'Always' }),
        vmi('a', 'Running', { liveMigratable: 'PVC root is not shared' }),
      ).migrate,
    ).toBe('The VM cannot be live-migrated: PVC root is not shared');
  });

  it('a stopping VM cannot start yet', () => {
    expect(reasons(vm('a', { runStrategy: 'Halted' }), vmi('a', 'Running')).start).toBe(
      'The VM is stopping',
    );
  });

  it('a VM being deleted can do nothing but force stop', () => {
    const why = reasons(
      vm('a', { runStrategy: 'Always' }, { deleting: true }),
      vmi('a', 'Running'),
    );
    expect(why.stop).toBe('The VM is being deleted');
    expect(why.delete).toBe('The VM is being deleted');
    expect(why.clone).toBe('The VM is being deleted');
    expect(why['edit-labels']).toBe('The VM is being deleted');
    expect(why['force-stop']).toBeUndefined();
  });

  it('snapshots wait for the one in progress', () => {
    expect(
      reasons(vm('a', {}, { status: { snapshotInProgress: 'snap-1' } }), undefined).snapshot,
    ).toBe('A snapshot is in progress');
  });

  it('a VM under deletion protection cannot be deleted', () => {
    expect(
      reasons(vm('a', {}, { labels: { 'kubevirt.io/vm-delete-protection': 'True' } }), undefined)
        .delete,
    ).toBe('Deletion protection is on: remove the label kubevirt.io/vm-delete-protection first');
  });
});

describe('vmActions: confirmations and what runs', () => {
  const running = () =>
    vmActions(vm('a', { runStrategy: 'Always' }), vmi('a', 'Running'), ADMIN, t);

  it('asks before actions that lose work, and only those', () => {
    const confirmed = running()
      .filter((action) => action.confirm)
      .map((action) => action.id);
    expect(confirmed).toEqual(['stop', 'force-stop', 'restart']);
    expect(find(running(), 'force-stop').confirm).toMatchObject({
      danger: true,
      title: 'Force stop a?',
    });
    // Delete asks in its own dialog (grace period, disks).
    expect(find(running(), 'delete').modal).toBe('delete');
  });

  it('runs the subresource actions on the VM', async () => {
    await find(running(), 'stop').run?.();
    await find(running(), 'force-stop').run?.();
    await find(running(), 'restart').run?.();
    await find(running(), 'pause').run?.();
    await find(vmActions(vm('a'), undefined, ADMIN, t), 'start').run?.();
    await find(
      vmActions(
        vm('a', { runStrategy: 'Always' }),
        vmi('a', 'Running', { paused: true }),
        ADMIN,
        t,
      ),
      'unpause',
    ).run?.();
    const ref = { namespace: 'ns', name: 'a' };
    expect(vi.mocked(vmAction).mock.calls).toEqual([
      [ref, 'stop', undefined],
      [ref, 'stop', { gracePeriod: 0 }],
      [ref, 'restart'],
      [ref, 'pause'],
      [ref, 'start'],
      [ref, 'unpause'],
    ]);
  });

  it('cancels a migration by deleting it', async () => {
    const actions = vmActions(
      vm('a', { runStrategy: 'Always' }),
      vmi('a', 'Running', { migrating: true }),
      ADMIN,
      t,
      {
        migration: migration('a'),
      },
    );
    await find(actions, 'cancel-migration').run?.();
    expect(vi.mocked(k8sDelete)).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'VirtualMachineInstanceMigration' }),
      { namespace: 'ns', name: 'a-migration-abcde' },
    );
  });

  it('carries the access review that decides each action', () => {
    expect(find(running(), 'stop').accessReview).toEqual({
      verb: 'update',
      group: 'subresources.kubevirt.io',
      resource: 'virtualmachines',
      subresource: 'stop',
      namespace: 'ns',
    });
    expect(find(running(), 'migrate').accessReview).toMatchObject({
      verb: 'create',
      resource: 'virtualmachineinstancemigrations',
    });
  });
});
