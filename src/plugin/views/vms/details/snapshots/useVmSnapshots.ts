import { useMemo } from 'react';
import { VirtualMachineRestoreModel, VirtualMachineSnapshotModel } from '../../../../api/models';
import type { VirtualMachineRestore, VirtualMachineSnapshot } from '../../../../api/types';
import { useK8sWatchList } from '../../../../api/watch';

const created = (o: { metadata?: { creationTimestamp?: unknown } }) =>
  String(o.metadata?.creationTimestamp ?? '');

/** Newest first. */
const byCreation = <T extends { metadata?: { creationTimestamp?: unknown } }>(a: T, b: T) =>
  created(b).localeCompare(created(a));

/** The VM's snapshots, newest first, live. */
export const useVmSnapshots = (namespace: string, name: string) => {
  const list = useK8sWatchList<VirtualMachineSnapshot>(VirtualMachineSnapshotModel, { namespace });
  const snapshots = useMemo(
    () =>
      list.data
        .filter((s) => s.spec?.source?.kind === 'VirtualMachine' && s.spec.source.name === name)
        .sort(byCreation),
    [list.data, name],
  );
  return { snapshots, loaded: list.loaded, error: list.error };
};

/** The restores that target the VM, newest first, live. */
export const useVmRestores = (namespace: string, name: string) => {
  const list = useK8sWatchList<VirtualMachineRestore>(VirtualMachineRestoreModel, { namespace });
  const restores = useMemo(
    () =>
      list.data
        .filter((r) => r.spec?.target?.kind === 'VirtualMachine' && r.spec.target.name === name)
        .sort(byCreation),
    [list.data, name],
  );
  return { restores, loaded: list.loaded, error: list.error };
};
