import { FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { errorMessage } from '../../../../api/bff';
import { StorageClassModel } from '../../../../api/models';
import type { StorageClass } from '../../../../api/types';
import { useK8sWatchList } from '../../../../api/watch';
import { usePluginTranslation } from '../../../../i18n';
import { FieldHelp } from '../../../vms/actions/modals/FieldHelp';
import { sizeLabel } from '../../../vms/details/configuration/disks/diskValidation';
import type { BootableVolume, VmDetails } from '../flow';
import { DiskSizeField } from './DiskSizeField';
import { diskSizeBytes } from './diskSize';
import { defaultDiskStorageClass } from './storageDefaults';

export interface StorageFieldsProps {
  volume?: BootableVolume;
  storageClass: string;
  diskSize: string;
  errors?: { storageClass?: string; diskSize?: string };
  onChange(change: Partial<Pick<VmDetails, 'storageClass' | 'diskSize'>>): void;
}

const STORAGE_CLASS_ID = 'virtualization-plugin-create-vm-storage-class';
const DISK_SIZE_ID = 'virtualization-plugin-create-vm-disk-size';

/**
 * The boot disk: its storage class (empty in the details until one is picked: the volume's, else
 * the cluster's default for VMs) and its size (empty: the volume's).
 */
export const StorageFields = ({
  volume,
  storageClass,
  diskSize,
  errors,
  onChange,
}: StorageFieldsProps) => {
  const { t } = usePluginTranslation();
  const classes = useK8sWatchList<StorageClass>(StorageClassModel, {});
  const fallback = defaultDiskStorageClass(volume, classes.data);
  const shownClass = storageClass || fallback || '';
  const names = classes.data.map((item) => item.metadata?.name ?? '').filter(Boolean);
  if (shownClass && !names.includes(shownClass)) names.unshift(shownClass);

  const volumeBytes = volume?.size ? diskSizeBytes(volume.size) : undefined;

  return (
    <>
      <FormGroup label={t('Storage class')} fieldId={STORAGE_CLASS_ID}>
        {classes.error ? (
          <TextInput
            id={STORAGE_CLASS_ID}
            value={shownClass}
            validated={errors?.storageClass ? 'error' : 'default'}
            onChange={(_, next) => onChange({ storageClass: next.trim() })}
          />
        ) : (
          <FormSelect
            id={STORAGE_CLASS_ID}
            value={shownClass}
            validated={errors?.storageClass ? 'error' : 'default'}
            onChange={(_, next) => onChange({ storageClass: next })}
          >
            {!shownClass && (
              <FormSelectOption value="" label={t('Select a storage class')} isPlaceholder />
            )}
            {names.map((name) => (
              <FormSelectOption
                key={name}
                value={name}
                label={name === fallback ? t('{{name}} (default)', { name }) : name}
              />
            ))}
          </FormSelect>
        )}
        <FieldHelp
          error={errors?.storageClass}
          warning={
            classes.error
              ? t('The storage classes cannot be listed: {{message}}', {
                  message: errorMessage(classes.error),
                })
              : undefined
          }
        >
          {storageClass
            ? undefined
            : volume?.storageClass
              ? t('The storage class of the volume.')
              : t('The default storage class for VirtualMachines.')}
        </FieldHelp>
      </FormGroup>
      <DiskSizeField
        id={DISK_SIZE_ID}
        diskSize={diskSize}
        fallback={volume?.size}
        error={errors?.diskSize}
        helper={
          volumeBytes !== undefined
            ? t('At least {{size}}, the size of the volume.', { size: sizeLabel(volumeBytes) })
            : undefined
        }
        onChange={(next) => onChange({ diskSize: next })}
      />
    </>
  );
};
