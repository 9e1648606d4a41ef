import {
  ExpandableSection,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Stack,
  TextInput,
} from '@patternfly/react-core';
import { useState } from 'react';
import { errorMessage } from '../../../api/bff';
import { PersistentVolumeClaimModel, StorageClassModel } from '../../../api/models';
import type { PersistentVolumeClaim, StorageClass } from '../../../api/types';
import { useK8sWatchList } from '../../../api/watch';
import { usePluginTranslation } from '../../../i18n';
import { FieldHelp } from '../../vms/actions/modals/FieldHelp';
import { namesOf } from '../../vms/details/configuration/editor/NameSelect';
import {
  ContainerImageField,
  ImageFileField,
} from '../../vms/details/configuration/disks/ImageSourceFields';
import { defaultStorageClassName } from '../../vms/details/configuration/disks/storageClasses';
import { DiskSizeField } from '../instanceTypes/details/DiskSizeField';
import { diskSourceLabel, sourceProblemText } from './catalogTexts';
import {
  DISK_SOURCE_CHOICES,
  type DiskSourceChoice,
  type DrawerForm,
  type FormErrors,
} from './drawerForm';
import { ProjectSelect } from '../ProjectSelect';
import { useProjectNames } from '../useProjectNames';
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
  const projects = useProjectNames();
  // Opened by itself when the template needs a source, since that is where one is chosen.
  const [expanded, setExpanded] = useState(entry.source.availability !== 'available');
  const classes = useK8sWatchList<StorageClass>(StorageClassModel, {});
  const fallbackClass = entry.bootStorageClass || defaultStorageClassName(classes.data);
  const classNames = namesOf(classes.data);
  const shownClass = form.storageClass || fallbackClass || '';
  if (shownClass && !classNames.includes(shownClass)) classNames.unshift(shownClass);
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
          <ContainerImageField
            id={`${ID}-image`}
            value={form.image}
            error={errors.image}
            helper={t('For example quay.io/containerdisks/fedora:latest')}
            isDisabled={isDisabled}
            onChange={(image) => onChange({ image })}
          />
        )}
        {form.diskSource === 'pvc' && (
          <>
            <ProjectSelect
              id={`${ID}-pvc-project`}
              label={t('PVC project')}
              value={form.pvcNamespace}
              names={projects.isError ? undefined : (projects.data ?? [])}
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
          <ImageFileField
            id={`${ID}-file`}
            file={form.file}
            error={errors.file}
            isDisabled={isDisabled}
            uploadedLater
            onFile={(file) => onChange({ file })}
          />
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
        <DiskSizeField
          id={`${ID}-size`}
          diskSize={form.diskSize}
          fallback={entry.bootDiskSize}
          error={errors.diskSize}
          helper={
            entry.bootDiskSize
              ? t('The template asks for {{size}}.', { size: entry.bootDiskSize })
              : undefined
          }
          isDisabled={isDisabled}
          onChange={(diskSize) => onChange({ diskSize })}
        />
      </Stack>
    </ExpandableSection>
  );
};
