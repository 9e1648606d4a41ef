import { validateResourceName } from '../../../vms/actions/nameValidation';
import type { Translate } from '../../../vms/actions/vmActionModel';
import { sizeLabel } from '../../../vms/details/configuration/disks/diskValidation';
import type { BootableVolume, VmDetails } from '../flow';
import { diskSizeBytes } from './diskSize';

export type DetailsField = 'name' | 'namespace' | 'diskSize' | 'storageClass';
export type DetailsErrors = Partial<Record<DetailsField, string>>;

export interface DetailsContext {
  volume?: BootableVolume;
  /** The project's VM names, when listed: the name must be new there. */
  existingVmNames?: readonly string[];
  /** The cluster's storage classes, when listed: a chosen one must be among them. */
  storageClasses?: readonly string[];
}

const validateDiskSize = (
  diskSize: string,
  volume: BootableVolume | undefined,
  t: Translate,
): string | undefined => {
  // Empty: the volume's own size.
  if (!diskSize) return undefined;
  if (/^(Gi|Mi)?$/.test(diskSize.trim())) return t('Enter a disk size.');
  const bytes = diskSizeBytes(diskSize.trim());
  if (bytes === undefined) return t('Enter the disk size as a number above 0, such as 30.');
  const minimum = volume?.size ? diskSizeBytes(volume.size) : undefined;
  if (minimum !== undefined && bytes < minimum)
    return t('The disk size must be at least {{size}}, the size of the volume.', {
      size: sizeLabel(minimum),
    });
  return undefined;
};

/** What stops the VM from being created with these details, by field (none: an empty object). */
export const validateDetails = (
  details: VmDetails,
  { volume, existingVmNames, storageClasses }: DetailsContext,
  t: Translate,
): DetailsErrors => {
  const errors: DetailsErrors = {};
  const nameError =
    validateResourceName(details.name, t) ??
    (details.namespace && existingVmNames?.includes(details.name)
      ? t('A VirtualMachine named {{name}} already exists in {{namespace}}.', {
          name: details.name,
          namespace: details.namespace,
        })
      : undefined);
  if (nameError) errors.name = nameError;
  if (!details.namespace) errors.namespace = t('Select a project.');
  const diskSizeError = validateDiskSize(details.diskSize, volume, t);
  if (diskSizeError) errors.diskSize = diskSizeError;
  if (details.storageClass && storageClasses && !storageClasses.includes(details.storageClass))
    errors.storageClass = t('There is no storage class named {{name}}.', {
      name: details.storageClass,
    });
  return errors;
};
