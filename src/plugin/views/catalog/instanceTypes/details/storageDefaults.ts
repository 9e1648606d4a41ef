import type { StorageClass } from '../../../../api/types';
import { defaultStorageClassName } from '../../../vms/details/configuration/disks/storageClasses';
import type { BootableVolume } from '../flow';

/**
 * The storage class the disk gets when the form names none: the volume's, else the cluster's
 * default for VMs (the virt default before the cluster default).
 */
export const defaultDiskStorageClass = (
  volume: BootableVolume | undefined,
  classes: StorageClass[],
): string | undefined => volume?.storageClass || defaultStorageClassName(classes);
