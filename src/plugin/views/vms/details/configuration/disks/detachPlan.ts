import type { JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import type { DiskRow } from './diskRows';
import { removeDiskOps } from './diskOps';

export type DetachPlan =
  | { kind: 'hotplug'; persist: boolean }
  | { kind: 'patch'; ops: JsonPatchOp[]; restartBound: boolean };

/**
 * How a disk leaves: hot-unplugged from the guest only (`removevolume` on the VMI), hot-unplugged
 * and removed from the VM (`removevolume` persisted), or removed from the VM by a patch, which a
 * running guest sees after its restart.
 */
export const detachPlan = (vm: VirtualMachine, row: DiskRow, running: boolean): DetachPlan => {
  if (row.hotplug === 'vmi-only') return { kind: 'hotplug', persist: false };
  if (row.hotplug === 'persistent' && running) return { kind: 'hotplug', persist: true };
  return { kind: 'patch', ops: removeDiskOps(vm, row.name), restartBound: running };
};

/** What "Also delete" removes: the DataVolume (its claim goes with it), else the PVC. */
export const backingObject = (
  row: DiskRow,
): { kind: 'DataVolume' | 'PersistentVolumeClaim'; name: string } | undefined => {
  if (row.dataVolumeName) return { kind: 'DataVolume', name: row.dataVolumeName };
  if (row.volume?.persistentVolumeClaim)
    return { kind: 'PersistentVolumeClaim', name: row.volume.persistentVolumeClaim.claimName };
  return undefined;
};
