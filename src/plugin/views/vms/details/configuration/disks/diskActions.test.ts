import { describe, expect, it } from 'vitest';
import { backingObject, detachPlan } from './detachPlan';
import { diskActions } from './diskActions';
import { diskRows } from './diskRows';
import { claim, diskVm, diskVmi, t } from './testFixtures';

const rowsOf = (running: boolean) => {
  const vm = diskVm({ running });
  return {
    vm,
    rows: diskRows(
      vm,
      running ? diskVmi(vm) : undefined,
      [claim('fedora-vm-rootdisk', '30Gi'), claim('scratch-pvc', '5Gi')],
      [],
    ),
  };
};
const ids = (actions: { id: string }[]) => actions.map((a) => a.id);

describe('diskActions', () => {
  it('lists Expand for claims, Eject for a CD-ROM with a medium, Make persistent for guest-only hot-plugs', () => {
    const { rows } = rowsOf(true);
    const [root, cloudInit, iso, scratch] = rows;
    expect(ids(diskActions(root!, {}, t))).toEqual(['edit', 'expand', 'detach']);
    expect(ids(diskActions(cloudInit!, {}, t))).toEqual(['edit', 'detach']);
    expect(ids(diskActions(iso!, {}, t))).toEqual(['edit', 'expand', 'eject', 'detach']);
    expect(ids(diskActions(scratch!, {}, t))).toEqual(['edit', 'persist', 'expand', 'detach']);
  });

  it('says why an action cannot run', () => {
    const { rows } = rowsOf(true);
    const [root, , iso, scratch] = rows;
    expect(diskActions(scratch!, {}, t)[0]?.disabledReason).toContain('Make the disk persistent');
    expect(diskActions(iso!, {}, t).find((a) => a.id === 'expand')?.disabledReason).toBe(
      'PVC fedora-vm-iso does not exist yet.',
    );
    const noGrow = diskActions(
      root!,
      { storageClass: { metadata: { name: 'standard' }, provisioner: 'x' } },
      t,
    );
    expect(noGrow.find((a) => a.id === 'expand')?.disabledReason).toBe(
      'Storage class standard does not allow volume expansion.',
    );
    const denied = diskActions(root!, { accessReason: 'No permission.' }, t);
    expect(denied.find((a) => a.id === 'detach')?.disabledReason).toBe('No permission.');
  });
});

describe('diskActions in a draft', () => {
  it('offers Expand for a disk its DataVolume template creates, not for a PVC it only names', () => {
    const vm = diskVm();
    // A claim of the template's name in the project (left by someone) changes nothing.
    const [root] = diskRows(vm, undefined, [claim('fedora-vm-rootdisk', '30Gi')], []);
    expect(diskActions(root!, { draft: true }, t).find((a) => a.id === 'expand')).toEqual({
      id: 'expand',
      disabledReason: undefined,
    });
    const existing = { ...root!, dataVolumeTemplate: undefined, claimName: 'scratch-pvc' };
    expect(
      diskActions(existing, { draft: true }, t).find((a) => a.id === 'expand')?.disabledReason,
    ).toBe('PVC scratch-pvc can be expanded once the VirtualMachine exists.');
  });
});

describe('detachPlan', () => {
  it('hot-unplugs from the guest only, or persisted, or patches the VM', () => {
    const { vm, rows } = rowsOf(true);
    const scratch = rows.find((r) => r.name === 'scratch')!;
    expect(detachPlan(vm, scratch, true)).toEqual({ kind: 'hotplug', persist: false });
    expect(detachPlan(vm, { ...scratch, hotplug: 'persistent' }, true)).toEqual({
      kind: 'hotplug',
      persist: true,
    });
    const root = rows[0]!;
    const plan = detachPlan(vm, root, true);
    expect(plan).toMatchObject({ kind: 'patch', restartBound: true });
    expect(detachPlan(vm, { ...scratch, hotplug: 'persistent' }, false)).toMatchObject({
      kind: 'patch',
      restartBound: false,
    });
  });

  it('deletes the DataVolume, else the PVC', () => {
    const { rows } = rowsOf(true);
    expect(backingObject(rows[0]!)).toEqual({ kind: 'DataVolume', name: 'fedora-vm-rootdisk' });
    expect(backingObject(rows.find((r) => r.name === 'scratch')!)).toEqual({
      kind: 'PersistentVolumeClaim',
      name: 'scratch-pvc',
    });
    expect(backingObject(rows[1]!)).toBeUndefined();
  });
});
