import { useMemo } from 'react';
import {
  PodModel,
  VirtualMachineInstanceMigrationModel,
  VirtualMachineInstanceModel,
  VirtualMachineModel,
} from '../../../api/models';
import type {
  Pod,
  VirtualMachine,
  VirtualMachineInstance,
  VirtualMachineInstanceMigration,
} from '../../../api/types';
import { useK8sWatchList, useK8sWatchObject } from '../../../api/watch';

const FINISHED_MIGRATION = new Set(['Succeeded', 'Failed']);

export interface VmDetails {
  vm?: VirtualMachine;
  vmLoaded: boolean;
  vmError?: unknown;
  /** The running instance, if any (a missing VMI is not an error: the VM is stopped). */
  vmi?: VirtualMachineInstance;
  /** The virt-launcher pod of the current VMI. */
  pod?: Pod;
  /** A migration of the VMI that has not finished yet. */
  migration?: VirtualMachineInstanceMigration;
}

/** The VM, its VMI, the VMI's running migration and launcher pod, all live. */
export const useVmDetails = (namespace: string, name: string): VmDetails => {
  const ref = useMemo(() => (name ? { namespace, name } : null), [namespace, name]);
  const vm = useK8sWatchObject<VirtualMachine>(VirtualMachineModel, ref);
  const vmi = useK8sWatchObject<VirtualMachineInstance>(VirtualMachineInstanceModel, ref);
  const migrations = useK8sWatchList<VirtualMachineInstanceMigration>(
    VirtualMachineInstanceMigrationModel,
    vmi.data ? { namespace } : null,
  );
  const pods = useK8sWatchList<Pod>(
    PodModel,
    vmi.data
      ? { namespace, labelSelector: `kubevirt.io=virt-launcher,vm.kubevirt.io/name=${name}` }
      : null,
  );
  const vmiUid = vmi.data?.metadata?.uid;
  const pod = useMemo(
    () =>
      pods.data.find((p) => p.metadata?.labels?.['kubevirt.io/created-by'] === vmiUid) ??
      pods.data[0],
    [pods.data, vmiUid],
  );
  const migration = useMemo(
    () =>
      migrations.data.find(
        (m) => m.spec?.vmiName === name && !FINISHED_MIGRATION.has(m.status?.phase ?? ''),
      ),
    [migrations.data, name],
  );
  return {
    vm: vm.data,
    vmLoaded: vm.loaded,
    vmError: vm.error,
    vmi: vmi.data,
    pod: vmi.data ? pod : undefined,
    migration: vmi.data ? migration : undefined,
  };
};
