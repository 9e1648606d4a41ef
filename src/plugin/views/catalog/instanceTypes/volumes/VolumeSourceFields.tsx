import { FormGroup, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { usePluginTranslation } from '../../../../i18n';
import { FieldHelp } from '../../../vms/actions/modals/FieldHelp';
import { sizeFields } from '../../../vms/details/configuration/disks/diskValidation';
import {
  ContainerImageField,
  ImageFileField,
  ImageUrlField,
} from '../../../vms/details/configuration/disks/ImageSourceFields';
import { fieldErrorOf } from '../../../vms/details/configuration/editor/fieldErrors';
import { namesOf } from '../../../vms/details/configuration/editor/NameSelect';
import { ProjectSelect } from '../../ProjectSelect';
import type { AddVolumeFieldProps } from './addVolumeFieldProps';
import { VOLUME_SOURCE_TYPES, volumeSourceLabel, type VolumeSourceType } from './addVolumeForm';
import { claimBytes, snapshotBytes } from './sourceFacts';

const ID = 'virtualization-plugin-add-volume';

/** The source type and what it needs: a file, a claim, a snapshot, an image or a URL. */
export const VolumeSourceFields = ({
  form,
  update,
  errors,
  serverError,
  busy,
  sources,
  onFile,
}: AddVolumeFieldProps & { onFile(file?: File): void }) => {
  const { t } = usePluginTranslation();
  const serverSource = fieldErrorOf(serverError, 'spec.source');
  /** Picking a claim or snapshot sets the size to its own. */
  const withSize = (bytes?: number) => {
    if (!bytes) return {};
    const { value, unit } = sizeFields(bytes);
    return { size: value, unit };
  };
  const pickProject = (sourceNamespace: string) =>
    update({ sourceNamespace, pvcName: '', snapshotName: '' });
  return (
    <>
      <FormGroup label={t('Source type')} isRequired fieldId={`${ID}-source`}>
        <FormSelect
          id={`${ID}-source`}
          value={form.sourceType}
          isDisabled={busy}
          onChange={(_, value) => update({ sourceType: value as VolumeSourceType })}
        >
          {VOLUME_SOURCE_TYPES.map((type) => (
            <FormSelectOption key={type} value={type} label={volumeSourceLabel(t, type)} />
          ))}
        </FormSelect>
      </FormGroup>
      {form.sourceType === 'upload' && (
        <ImageFileField
          id={`${ID}-file`}
          file={form.file}
          error={errors.file}
          isDisabled={busy}
          onFile={onFile}
        />
      )}
      {(form.sourceType === 'pvc' || form.sourceType === 'snapshot') && (
        <ProjectSelect
          id={`${ID}-source-project`}
          label={
            form.sourceType === 'pvc'
              ? t('PersistentVolumeClaim project')
              : t('VolumeSnapshot project')
          }
          value={form.sourceNamespace}
          names={sources.namespaces && namesOf(sources.namespaces)}
          error={errors.sourceNamespace}
          isDisabled={busy}
          onChange={pickProject}
        />
      )}
      {form.sourceType === 'pvc' && (
        <FormGroup label={t('PersistentVolumeClaim')} isRequired fieldId={`${ID}-pvc`}>
          <FormSelect
            id={`${ID}-pvc`}
            value={form.pvcName}
            isDisabled={busy}
            validated={errors.pvcName || serverSource ? 'error' : 'default'}
            onChange={(_, name) => {
              const claim = sources.sourceClaims.find((c) => c.metadata?.name === name);
              update({ pvcName: name, ...withSize(claimBytes(claim)) });
            }}
          >
            <FormSelectOption value="" label={t('Select a PersistentVolumeClaim')} isPlaceholder />
            {sources.sourceClaims.map((claim) => (
              <FormSelectOption
                key={claim.metadata?.name}
                value={claim.metadata?.name ?? ''}
                label={claim.metadata?.name ?? ''}
              />
            ))}
          </FormSelect>
          <FieldHelp
            error={
              errors.pvcName ??
              serverSource ??
              (sources.sourceClaimsError
                ? t('The PersistentVolumeClaims of project {{project}} cannot be listed.', {
                    project: form.sourceNamespace,
                  })
                : undefined)
            }
          >
            {t(
              'Used where it is when it is in the destination project; otherwise, or with another size or storage class, it is copied there.',
            )}
          </FieldHelp>
        </FormGroup>
      )}
      {form.sourceType === 'snapshot' && (
        <FormGroup label={t('VolumeSnapshot')} isRequired fieldId={`${ID}-snapshot`}>
          <FormSelect
            id={`${ID}-snapshot`}
            value={form.snapshotName}
            isDisabled={busy}
            validated={errors.snapshotName || serverSource ? 'error' : 'default'}
            onChange={(_, name) => {
              const snapshot = sources.sourceSnapshots.find((s) => s.metadata?.name === name);
              update({ snapshotName: name, ...withSize(snapshotBytes(snapshot)) });
            }}
          >
            <FormSelectOption value="" label={t('Select a VolumeSnapshot')} isPlaceholder />
            {sources.sourceSnapshots.map((snapshot) => {
              const name = snapshot.metadata?.name ?? '';
              const ready = snapshot.status?.readyToUse === true;
              return (
                <FormSelectOption
                  key={name}
                  value={name}
                  label={ready ? name : t('{{name}} (not ready)', { name })}
                />
              );
            })}
          </FormSelect>
          <FieldHelp
            error={
              errors.snapshotName ??
              serverSource ??
              (sources.sourceSnapshotsError
                ? t('The VolumeSnapshots of project {{project}} cannot be listed.', {
                    project: form.sourceNamespace,
                  })
                : undefined)
            }
          />
        </FormGroup>
      )}
      {form.sourceType === 'registry' && (
        <ContainerImageField
          id={`${ID}-image`}
          value={form.image}
          error={errors.image ?? serverSource}
          helper={t('A container disk, such as docker://quay.io/containerdisks/fedora:latest')}
          isDisabled={busy}
          onChange={(image) => update({ image })}
        />
      )}
      {form.sourceType === 'url' && (
        <ImageUrlField
          id={`${ID}-url`}
          label={t('Image URL')}
          value={form.url}
          error={errors.url ?? serverSource}
          isDisabled={busy}
          onChange={(url) => update({ url })}
        />
      )}
    </>
  );
};
