import { FormGroup, FormSelect, FormSelectOption, TextArea } from '@patternfly/react-core';
import { errorMessage } from '../../../../api/bff';
import { usePluginTranslation } from '../../../../i18n';
import { FieldHelp } from '../../../vms/actions/modals/FieldHelp';
import { SizeField } from '../../../vms/details/configuration/disks/SizeField';
import { defaultStorageClassName } from '../../../vms/details/configuration/disks/storageClasses';
import { fieldErrorOf } from '../../../vms/details/configuration/editor/fieldErrors';
import { namesOf } from '../../../vms/details/configuration/editor/NameSelect';
import { ProjectSelect } from '../../ProjectSelect';
import type { AddVolumeFieldProps } from './addVolumeFieldProps';
import { minimumSize, type SourceFacts } from './addVolumeForm';
import { DISPLAY_NAME_ANNOTATION } from './bootableVolumes';

const ID = 'virtualization-plugin-add-volume';

const byName = <T extends { metadata?: { name?: string } }>(items: readonly T[]) =>
  [...items].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));

/**
 * Where the volume goes and what VMs booted from it get: destination project, storage class,
 * size, preference, default instance type and description.
 */
export const VolumeDetailsFields = ({
  form,
  update,
  errors,
  serverError,
  busy,
  sources,
  source,
  copies,
}: AddVolumeFieldProps & {
  /** The claim or snapshot used. */
  source?: SourceFacts;
  /** A DataVolume is made (else size and class are the source's own). */
  copies: boolean;
}) => {
  const { t } = usePluginTranslation();
  const existing = form.sourceType === 'pvc' || form.sourceType === 'snapshot';
  const defaultClass = defaultStorageClassName([...sources.storageClasses]);
  const min = minimumSize(form, source);
  // A refusal to create in the project is about the project.
  const forbidden =
    (serverError as { code?: number } | null)?.code === 403 ? errorMessage(serverError) : undefined;
  return (
    <>
      <ProjectSelect
        id={`${ID}-project`}
        label={t('Destination project')}
        value={form.namespace}
        names={sources.namespaces && namesOf(sources.namespaces)}
        error={errors.namespace ?? forbidden}
        helper={t(
          'The DataSource is created here; VirtualMachines in any project may boot from it.',
        )}
        isDisabled={busy}
        onChange={(namespace) => update({ namespace })}
      />
      <FormGroup label={t('Storage class')} fieldId={`${ID}-storage-class`}>
        <FormSelect
          id={`${ID}-storage-class`}
          value={form.storageClass}
          isDisabled={busy}
          onChange={(_, storageClass) => update({ storageClass })}
        >
          <FormSelectOption
            value=""
            label={
              existing
                ? t("The source's ({{name}})", { name: source?.storageClass ?? t('unknown') })
                : defaultClass
                  ? t('Default ({{name}})', { name: defaultClass })
                  : t('Cluster default')
            }
          />
          {byName(sources.storageClasses).map((sc) => (
            <FormSelectOption
              key={sc.metadata?.name}
              value={sc.metadata?.name ?? ''}
              label={sc.metadata?.name ?? ''}
            />
          ))}
        </FormSelect>
        <FieldHelp error={fieldErrorOf(serverError, 'spec.storage.storageClassName')}>
          {existing && !copies
            ? t('Used where it is: choosing another class copies it.')
            : undefined}
        </FieldHelp>
      </FormGroup>
      <SizeField
        id={`${ID}-size`}
        value={form.size}
        unit={form.unit}
        error={errors.size ?? fieldErrorOf(serverError, 'spec.storage', 'spec.pvc')}
        helper={
          min
            ? t('At least {{size}}, the size of the source.', { size: min.label })
            : t('Large enough for the uncompressed image.')
        }
        onChange={(size, unit) => update({ size, unit })}
      />
      <FormGroup label={t('Preference')} isRequired fieldId={`${ID}-preference`}>
        <FormSelect
          id={`${ID}-preference`}
          value={form.preference}
          isDisabled={busy}
          validated={errors.preference ? 'error' : 'default'}
          onChange={(_, preference) => update({ preference })}
        >
          <FormSelectOption value="" label={t('Select a preference')} isPlaceholder />
          {form.preference &&
            !sources.preferences.some((p) => p.metadata?.name === form.preference) && (
              <FormSelectOption value={form.preference} label={form.preference} />
            )}
          {byName(sources.preferences).map((preference) => {
            const name = preference.metadata?.name ?? '';
            const display = preference.metadata?.annotations?.[DISPLAY_NAME_ANNOTATION];
            return (
              <FormSelectOption
                key={name}
                value={name}
                label={display ? t('{{display}} ({{name}})', { display, name }) : name}
              />
            );
          })}
        </FormSelect>
        <FieldHelp error={errors.preference ?? fieldErrorOf(serverError, 'metadata.labels')}>
          {t('The operating system and device settings of VirtualMachines booted from it.')}
        </FieldHelp>
      </FormGroup>
      <FormGroup label={t('Default InstanceType')} fieldId={`${ID}-instancetype`}>
        <FormSelect
          id={`${ID}-instancetype`}
          value={form.instancetype}
          isDisabled={busy}
          onChange={(_, instancetype) => update({ instancetype })}
        >
          <FormSelectOption value="" label={t('None')} />
          {byName(sources.instancetypes).map((instancetype) => (
            <FormSelectOption
              key={instancetype.metadata?.name}
              value={instancetype.metadata?.name ?? ''}
              label={instancetype.metadata?.name ?? ''}
            />
          ))}
        </FormSelect>
        <FieldHelp>{t('Pre-selected when this volume is chosen.')}</FieldHelp>
      </FormGroup>
      <FormGroup label={t('Description')} fieldId={`${ID}-description`}>
        <TextArea
          id={`${ID}-description`}
          value={form.description}
          isDisabled={busy}
          resizeOrientation="vertical"
          onChange={(_, description) => update({ description })}
        />
      </FormGroup>
    </>
  );
};
