import {
  ExpandableSection,
  FileUpload,
  FormGroup,
  FormSelect,
  FormSelectOption,
  InputGroup,
  InputGroupItem,
  Stack,
  TextInput,
} from '@patternfly/react-core';
import { useState } from 'react';
import { formatByteCount } from '../../../../common/uploadProgress';
import { errorMessage } from '../../../api/bff';
import { PersistentVolumeClaimModel, StorageClassModel } from '../../../api/models';
import type { PersistentVolumeClaim, StorageClass } from '../../../api/types';
import { useK8sWatchList } from '../../../api/watch';
import { usePluginTranslation } from '../../../i18n';
import { FieldHelp } from '../../vms/actions/modals/FieldHelp';
import { namesOf } from '../../vms/details/configuration/editor/NameSelect';
import { SIZE_UNITS, type SizeUnit } from '../../vms/details/configuration/disks/diskValidation';
import { defaultStorageClassName } from '../../vms/details/configuration/disks/storageClasses';
import { diskSizeFields, diskSizeQuantity } from '../instanceTypes/details/diskSize';
import { diskSourceLabel, sourceProblemText } from './catalogTexts';
import {
  DISK_SOURCE_CHOICES,
  type DiskSourceChoice,
  type DrawerForm,
  type FormErrors,
} from './drawerForm';
import { ProjectSelect } from './ProjectSelect';
import type { CatalogEntry } from './templateFilters';
import { BootSourceText } from './TemplateSummary';

export interface StorageSectionProps {
  entry: CatalogEntry;
  form: DrawerForm;
  errors: FormErrors['fields'];
  isDisabled: boolean;
  onChange(change: Partial<DrawerForm>): void;
}

const ID = 'virtualization-plugin-template-storage';

const ClaimSelect = ({
  namespace,
  value,
  error,
  isDisabled,
  onChange,
}: {
  namespace: string;
  value: string;
  error?: string;
  isDisabled: boolean;
  onChange(name: string): void;
}) => {
  const { t } = usePluginTranslation();
  const claims = useK8sWatchList<PersistentVolumeClaim>(
    PersistentVolumeClaimModel,
    namespace ? { namespace } : null,
  );
  const names = namesOf(claims.data).sort();
  return (
    <FormGroup label={t('PersistentVolumeClaim')} isRequired fieldId={`${ID}-pvc`}>
      <FormSelect
        id={`${ID}-pvc`}
        value={value}
        isDisabled={isDisabled || !namespace}
        validated={error ? 'error' : 'default'}
        onChange={(_, next) => onChange(next)}
      >
        <FormSelectOption value="" label={t('Select a PersistentVolumeClaim')} isPlaceholder />
        {value && !names.includes(value) && <FormSelectOption value={value} label={value} />}
        {names.map((name) => (
          <FormSelectOption key={name} value={name} label={name} />
        ))}
      </FormSelect>
      <FieldHelp
        error={error}
        warning={
          claims.error
            ? t('The PersistentVolumeClaims of {{namespace}} cannot be listed: {{message}}', {
                namespace,
                message: errorMessage(claims.error),
              })
            : undefined
        }
      >
        {t('The claim is cloned into the disk of the new VirtualMachine.')}
      </FieldHelp>
    </FormGroup>
  );
};

/**
 * The boot disk (seed 5.1-5.4): keep the template's source or fill a new claim from a URL, a
 * registry, a clone of a PVC or an uploaded file; its storage class and size.
 */
export const StorageSection = ({
  entry,
  form,
  errors,
  isDisabled,
  onChange,
}: StorageSectionProps) => {
  const { t } = usePluginTranslation();
  // Opened by itself when the template needs a source, since that is where one is chosen.
  const [expanded, setExpanded] = useState(entry.source.availability !== 'available');
  const classes = useK8sWatchList<StorageClass>(StorageClassModel, {});
  const fallbackClass = entry.bootStorageClass || defaultStorageClassName(classes.data);
  const classNames = namesOf(classes.data);
  const shownClass = form.storageClass || fallbackClass || '';
  if (shownClass && !classNames.includes(shownClass)) classNames.unshift(shownClass);
  const size = diskSizeFields(form.diskSize || entry.bootDiskSize);
  const setSize = (value: string, unit: SizeUnit) =>
    onChange({ diskSize: diskSizeQuantity(value, unit) });
  const hasErrors = Object.keys(errors).some((field) =>
    ['url', 'image', 'pvcNamespace', 'pvcName', 'file', 'diskSize'].includes(field),
  );

  return (
    <ExpandableSection
      toggleText={t('Storage')}
      isExpanded={expanded || hasErrors}
      onToggle={(_, next) => setExpanded(next)}
    >
      <Stack hasGutter>
        <FormGroup label={t('Disk source')} fieldId={`${ID}-source`}>
          <FormSelect
            id={`${ID}-source`}
            value={form.diskSource}
            isDisabled={isDisabled}
            onChange={(_, next) => onChange({ diskSource: next as DiskSourceChoice })}
          >
            {DISK_SOURCE_CHOICES.map((choice) => (
              <FormSelectOption key={choice} value={choice} label={diskSourceLabel(t, choice)} />
            ))}
          </FormSelect>
          {form.diskSource === 'template' && (
            <FieldHelp
              warning={
                entry.source.availability === 'available'
                  ? undefined
                  : sourceProblemText(t, entry.source.problem)
              }
            >
              <BootSourceText entry={entry} />
            </FieldHelp>
          )}
        </FormGroup>
        {form.diskSource === 'url' && (
          <FormGroup label={t('Image URL')} isRequired fieldId={`${ID}-url`}>
            <TextInput
              id={`${ID}-url`}
              isRequired
              isDisabled={isDisabled}
              value={form.url}
              validated={errors.url ? 'error' : 'default'}
              onChange={(_, url) => onChange({ url })}
            />
            <FieldHelp error={errors.url}>
              {t('An http:// or https:// URL of a QCOW2, RAW or ISO image.')}
            </FieldHelp>
          </FormGroup>
        )}
        {form.diskSource === 'registry' && (
          <FormGroup label={t('Container image')} isRequired fieldId={`${ID}-image`}>
            <TextInput
              id={`${ID}-image`}
              isRequired
              isDisabled={isDisabled}
              value={form.image}
              validated={errors.image ? 'error' : 'default'}
              onChange={(_, image) => onChange({ image })}
            />
            <FieldHelp error={errors.image}>
              {t('For example quay.io/containerdisks/fedora:latest')}
            </FieldHelp>
          </FormGroup>
        )}
        {form.diskSource === 'pvc' && (
          <>
            <ProjectSelect
              id={`${ID}-pvc-project`}
              label={t('PVC project')}
              value={form.pvcNamespace}
              error={errors.pvcNamespace}
              isDisabled={isDisabled}
              onChange={(pvcNamespace) => onChange({ pvcNamespace, pvcName: '' })}
            />
            <ClaimSelect
              namespace={form.pvcNamespace}
              value={form.pvcName}
              error={errors.pvcName}
              isDisabled={isDisabled}
              onChange={(pvcName) => onChange({ pvcName })}
            />
          </>
        )}
        {form.diskSource === 'upload' && (
          <FormGroup label={t('Image file')} isRequired fieldId={`${ID}-file`}>
            <FileUpload
              id={`${ID}-file`}
              filename={form.file?.name ?? ''}
              filenamePlaceholder={t('Drag a file here or browse to upload')}
              browseButtonText={t('Browse…')}
              clearButtonText={t('Clear')}
              filenameAriaLabel={t('Image file name')}
              hideDefaultPreview
              isDisabled={isDisabled}
              validated={errors.file ? 'error' : 'default'}
              onFileInputChange={(_, file) => onChange({ file })}
              onClearClick={() => onChange({ file: undefined })}
            />
            <FieldHelp error={errors.file}>
              {form.file
                ? t('{{name}}, {{size}}; uploaded once the VirtualMachine is created.', {
                    name: form.file.name,
                    size: formatByteCount(form.file.size),
                  })
                : t('An IMG, ISO or QCOW2 image, optionally compressed with gzip or xz.')}
            </FieldHelp>
          </FormGroup>
        )}
        <FormGroup label={t('Storage class')} fieldId={`${ID}-class`}>
          <FormSelect
            id={`${ID}-class`}
            value={shownClass}
            isDisabled={isDisabled}
            onChange={(_, storageClass) => onChange({ storageClass })}
          >
            {!shownClass && (
              <FormSelectOption value="" label={t('Select a storage class')} isPlaceholder />
            )}
            {classNames.map((name) => (
              <FormSelectOption
                key={name}
                value={name}
                label={name === fallbackClass ? t('{{name}} (default)', { name }) : name}
              />
            ))}
          </FormSelect>
          <FieldHelp
            warning={
              classes.error
                ? t('The storage classes cannot be listed: {{message}}', {
                    message: errorMessage(classes.error),
                  })
                : undefined
            }
          />
        </FormGroup>
        <FormGroup label={t('Disk size')} fieldId={`${ID}-size`}>
          <InputGroup>
            <InputGroupItem isFill>
              <TextInput
                id={`${ID}-size`}
                inputMode="decimal"
                isDisabled={isDisabled}
                value={size.value}
                validated={errors.diskSize ? 'error' : 'default'}
                onChange={(_, next) => setSize(next.trim(), size.unit)}
              />
            </InputGroupItem>
            <InputGroupItem>
              <FormSelect
                aria-label={t('Disk size unit')}
                value={size.unit}
                isDisabled={isDisabled}
                onChange={(_, next) => setSize(size.value, next as SizeUnit)}
              >
                {SIZE_UNITS.map((unit) => (
                  <FormSelectOption key={unit} value={unit} label={unit} />
                ))}
              </FormSelect>
            </InputGroupItem>
          </InputGroup>
          <FieldHelp error={errors.diskSize}>
            {entry.bootDiskSize
              ? t('The template asks for {{size}}.', { size: entry.bootDiskSize })
              : undefined}
          </FieldHelp>
        </FormGroup>
      </Stack>
    </ExpandableSection>
  );
};
