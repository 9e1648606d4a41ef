import { useMemo } from 'react';
import {
  DataVolumeModel,
  PersistentVolumeClaimModel,
  StorageClassModel,
} from '../../../../../api/models';
import type {
  DataVolume,
  PersistentVolumeClaim,
  StorageClass,
  VirtualMachine,
  VirtualMachineInstance,
} from '../../../../../api/types';
import { useK8sWatchList } from '../../../../../api/watch';
import { diskRows } from './diskRows';

/** The VM's disks joined with the project's claims and DataVolumes, all watched. */
export const useDiskRows = (vm: VirtualMachine, vmi?: VirtualMachineInstance) => {
  const namespace = vm.metadata?.namespace ?? '';
  const claims = useK8sWatchList<PersistentVolumeClaim>(PersistentVolumeClaimModel, { namespace });
  const dataVolumes = useK8sWatchList<DataVolume>(DataVolumeModel, { namespace });
  const storageClasses = useK8sWatchList<StorageClass>(StorageClassModel, {});
  const rows = useMemo(
    () => diskRows(vm, vmi, claims.data, dataVolumes.data),
    [vm, vmi, claims.data, dataVolumes.data],
  );
  return {
    rows,
    claims: claims.data,
    dataVolumes: dataVolumes.data,
    storageClasses: storageClasses.data,
    /** The table shows the VM's own disks at once; sizes and classes fill in as lists arrive. */
    loaded: claims.loaded && dataVolumes.loaded,
  };
};
