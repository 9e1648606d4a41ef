import { Checkbox, FormGroup, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { usePluginTranslation } from '../../../../../i18n';
import { fieldErrorOf } from '../editor/fieldErrors';
import type { AddDiskFieldProps } from './addDiskFieldProps';
import { ACCESS_MODES, VOLUME_MODES, type AccessMode, type VolumeMode } from './diskForm';
import { accessModeLabel, volumeModeLabel } from './diskLabels';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import { defaultStorageClassName, profileClaimProperties } from './storageClasses';
import type { AddDiskSources } from './useAddDiskSources';

const ID = 'virtualization-plugin-add-disk';

/** Storage class, the StorageProfile's modes (or chosen ones) and preallocation. */
export const DiskStorageFields = ({
  form,
  update,
  serverError,
  busy,
  sources,
  templateIndex,
}: AddDiskFieldProps & {
  sources: AddDiskSources;
  /** Where the new `dataVolumeTemplates` entry goes, for the server's causes. */
  templateIndex: number;
}) => {
  const { t } = usePluginTranslation();
  const defaultClass = defaultStorageClassName(sources.storageClasses);
  const className = form.storageClass || defaultClass;
  const profile = sources.profiles.find((p) => p.metadata?.name === className);
  const claim = profileClaimProperties(profile);
  const classError = fieldErrorOf(
    serverError,
    'spec.storage.storageClassName',
    `spec.dataVolumeTemplates[${templateIndex}].spec.storage.storageClassName`,
  );
  const profileText = !className
    ? t('No storage class is marked default: choose one.')
    : claim
      ? t(
          'The StorageProfile of {{class}} picks volume mode {{volumeMode}} and access mode {{accessModes}}.',
          {
            class: className,
            volumeMode: claim.volumeMode ?? t('Filesystem'),
            accessModes: claim.accessModes.join(', ') || t('none'),
          },
        )
      : t(
          'The StorageProfile of {{class}} names no volume or access mode, so CDI cannot create the PVC from it: clear this option and choose them.',
          { class: className },
        );
  return (
    <>
      <FormGroup label={t('Storage class')} fieldId={`${ID}-storage-class`}>
        <FormSelect
          id={`${ID}-storage-class`}
          value={form.storageClass}
          isDisabled={busy}
          validated={classError ? 'error' : 'default'}
          onChange={(_, storageClass) => update({ storageClass })}
        >
          {!sources.storageClasses.length && (
            <FormSelectOption value="" label={t('The cluster default')} />
          )}
          {sources.storageClasses.map((sc) => {
            const name = sc.metadata?.name ?? '';
            return (
              <FormSelectOption
                key={name}
                value={name}
                label={name === defaultClass ? t('{{name}} (default)', { name }) : name}
              />
            );
          })}
        </FormSelect>
        <FieldHelp error={classError} />
      </FormGroup>
      <Checkbox
        id={`${ID}-optimized`}
        label={t('Apply optimized StorageProfile settings')}
        description={form.optimized ? profileText : undefined}
        isChecked={form.optimized}
        isDisabled={busy}
        onChange={(_, optimized) => update({ optimized })}
      />
      {!form.optimized && (
        <>
          <FormGroup label={t('Volume mode')} fieldId={`${ID}-volume-mode`}>
            <FormSelect
              id={`${ID}-volume-mode`}
              value={form.volumeMode}
              isDisabled={busy}
              onChange={(_, value) => update({ volumeMode: value as VolumeMode })}
            >
              {VOLUME_MODES.map((mode) => (
                <FormSelectOption key={mode} value={mode} label={volumeModeLabel(t, mode)} />
              ))}
            </FormSelect>
            <FieldHelp>{t('Block only when the storage supports it.')}</FieldHelp>
          </FormGroup>
          <FormGroup label={t('Access mode')} fieldId={`${ID}-access-mode`}>
            <FormSelect
              id={`${ID}-access-mode`}
              value={form.accessMode}
              isDisabled={busy}
              onChange={(_, value) => update({ accessMode: value as AccessMode })}
            >
              {ACCESS_MODES.map((mode) => (
                <FormSelectOption key={mode} value={mode} label={accessModeLabel(t, mode)} />
              ))}
            </FormSelect>
            <FieldHelp>{t('Live migration needs shared access (RWX).')}</FieldHelp>
          </FormGroup>
        </>
      )}
      <Checkbox
        id={`${ID}-preallocation`}
        label={t('Enable preallocation')}
        description={t('Allocates the whole disk at once, for the best write performance.')}
        isChecked={form.preallocation}
        isDisabled={busy}
        onChange={(_, preallocation) => update({ preallocation })}
      />
    </>
  );
};
