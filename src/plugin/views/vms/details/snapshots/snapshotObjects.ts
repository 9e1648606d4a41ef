import type { VirtualMachineClone, VirtualMachineRestore } from '../../../../api/types';

/** Restores the VM in place from one of its snapshots; KubeVirt waits until it is stopped. */
export const newRestore = (
  namespace: string,
  vmName: string,
  snapshotName: string,
): VirtualMachineRestore => ({
  apiVersion: 'snapshot.kubevirt.io/v1beta1',
  kind: 'VirtualMachineRestore',
  metadata: { generateName: `${vmName.slice(0, 40)}-restore-`, namespace },
  spec: {
    target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: vmName },
    virtualMachineSnapshotName: snapshotName,
  },
});

/**
 * A new VM from a snapshot, as KubeVirt's clone API does it (the embedded cluster too: a clone
 * from a `VirtualMachineSnapshot` source restores it into a new target, with new MACs).
 */
export const newCloneFromSnapshot = (
  namespace: string,
  snapshotName: string,
  targetName: string,
): VirtualMachineClone => ({
  apiVersion: 'clone.kubevirt.io/v1beta1',
  kind: 'VirtualMachineClone',
  metadata: { generateName: `${targetName.slice(0, 40)}-clone-`, namespace },
  spec: {
    source: {
      apiGroup: 'snapshot.kubevirt.io',
      kind: 'VirtualMachineSnapshot',
      name: snapshotName,
    },
    target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: targetName },
  },
});
