import { Alert, FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import type { PersistentVolumeClaim } from '../../../../../api/types';
import { usePluginTranslation } from '../../../../../i18n';
import { fieldErrorOf } from '../editor/fieldErrors';
import type { AddDiskFieldProps } from './addDiskFieldProps';
import { DISK_SOURCES, type DiskSourceType } from './diskForm';
import { sourceTypeLabel } from './diskLabels';
import { claimCapacity } from './diskRows';
import { ContainerImageField, ImageFileField, ImageUrlField } from './ImageSourceFields';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import type { AddDiskSources } from './useAddDiskSources';
import { quantityBytes } from '../../overview/formatQuantity';
import { sizeFields } from './diskValidation';

const ID = 'virtualization-plugin-add-disk';
const SOURCE_FIELDS = ['spec.source', 'spec.dataVolumeTemplates'];

const claimSize = (claim?: PersistentVolumeClaim) => quantityBytes(claimCapacity(claim));

/** Source and what the source needs: a URL, an image, a claim, a snapshot or a file. */
export const DiskSourceFields = ({
  form,
  update,
  errors,
  serverError,
  busy,
  sources,
  namespace,
  usedClaims,
  running,
  draft = false,
  onFile,
}: AddDiskFieldProps & {
  sources: AddDiskSources;
  namespace: string;
  /** Claims the VM uses already. */
  usedClaims: readonly string[];
  running: boolean;
  /** The VM is not created yet: nothing can be uploaded into it. */
  draft?: boolean;
  onFile(file?: File): void;
}) => {
  const { t } = usePluginTranslation();
  const serverSource = fieldErrorOf(serverError, ...SOURCE_FIELDS);
  /** A clone or snapshot sets the size to its source's. */
  const withSourceSize = (bytes: number | undefined) => (bytes ? sizeFields(bytes) : {});
  const pickClaim = (
    field: 'pvcName' | 'clonePvcName',
    name: string,
    claims: AddDiskSources['claims'],
  ) => {
    const claim = claims.find((c) => c.metadata?.name === name);
    update({
      [field]: name,
      ...(field === 'clonePvcName' ? withSourceSize(claimSize(claim)) : {}),
    });
  };
  return (
    <>
      <FormGroup label={t('Source')} isRequired fieldId={`${ID}-source`}>
        <FormSelect
          id={`${ID}-source`}
          value={form.source}
          isDisabled={busy}
          validated={errors.source ? 'error' : 'default'}
          onChange={(_, value) => update({ source: value as DiskSourceType })}
        >
          {DISK_SOURCES.filter((source) => !(draft && source === 'upload')).map((source) => (
            <FormSelectOption key={source} value={source} label={sourceTypeLabel(t, source)} />
          ))}
        </FormSelect>
        <FieldHelp error={errors.source}>
          {form.source === 'containerDisk'
            ? t(
                'Ephemeral: the disk starts from the image again at every start. For read-only media or throwaway VirtualMachines.',
              )
            : draft
              ? t(
                  'To upload an image file, add the disk once the VirtualMachine exists, or first add the image as a bootable volume in the Catalog.',
                )
              : undefined}
        </FieldHelp>
      </FormGroup>
      {form.source === 'containerDisk' && running && (
        <Alert variant="info" isInline title={t('Container disks cannot be hot-plugged')}>
          {t('The disk is added to the VirtualMachine and attached when it restarts.')}
        </Alert>
      )}
      {form.source === 'url' && (
        <ImageUrlField
          id={`${ID}-url`}
          label={t('URL')}
          value={form.url}
          error={errors.url ?? serverSource}
          isDisabled={busy}
          onChange={(url) => update({ url })}
        />
      )}
      {(form.source === 'registry' || form.source === 'containerDisk') && (
        <ContainerImageField
          id={`${ID}-image`}
          value={form.image}
          error={errors.image ?? serverSource}
          helper={t('For example quay.io/containerdisks/fedora:latest')}
          isDisabled={busy}
          onChange={(image) => update({ image })}
        />
      )}
      {form.source === 'pvc' && (
        <FormGroup label={t('PersistentVolumeClaim')} isRequired fieldId={`${ID}-pvc`}>
          <FormSelect
            id={`${ID}-pvc`}
            value={form.pvcName}
            isDisabled={busy}
            validated={errors.pvcName ? 'error' : 'default'}
            onChange={(_, name) => pickClaim('pvcName', name, sources.claims)}
          >
            <FormSelectOption value="" label={t('Select a PersistentVolumeClaim')} isPlaceholder />
            {sources.claims.map((claim) => {
              const name = claim.metadata?.name ?? '';
              const used = usedClaims.includes(name);
              return (
                <FormSelectOption
                  key={name}
                  value={name}
                  isDisabled={used}
                  label={used ? t('{{name}} (used by this VirtualMachine)', { name }) : name}
                />
              );
            })}
          </FormSelect>
          <FieldHelp error={errors.pvcName}>
            {t('The claim is attached as it is; its size and storage class stay.')}
          </FieldHelp>
        </FormGroup>
      )}
      {form.source === 'clone' && (
        <>
          <FormGroup label={t('Project')} isRequired fieldId={`${ID}-clone-project`}>
            {sources.namespaces ? (
              <FormSelect
                id={`${ID}-clone-project`}
                value={form.cloneNamespace}
                isDisabled={busy}
                onChange={(_, cloneNamespace) => update({ cloneNamespace, clonePvcName: '' })}
              >
                {!sources.namespaces.some((ns) => ns.metadata?.name === form.cloneNamespace) && (
                  <FormSelectOption value={form.cloneNamespace} label={form.cloneNamespace} />
                )}
                {sources.namespaces.map((ns) => (
                  <FormSelectOption
                    key={ns.metadata?.name}
                    value={ns.metadata?.name ?? ''}
                    label={ns.metadata?.name ?? ''}
                  />
                ))}
              </FormSelect>
            ) : (
              <TextInput
                id={`${ID}-clone-project`}
                isRequired
                isDisabled={busy}
                value={form.cloneNamespace}
                onChange={(_, cloneNamespace) => update({ cloneNamespace, clonePvcName: '' })}
              />
            )}
            <FieldHelp>
              {form.cloneNamespace !== namespace
                ? t('Cloning from another project needs permission to clone DataVolumes there.')
                : undefined}
            </FieldHelp>
          </FormGroup>
          <FormGroup label={t('PersistentVolumeClaim')} isRequired fieldId={`${ID}-clone-pvc`}>
            <FormSelect
              id={`${ID}-clone-pvc`}
              value={form.clonePvcName}
              isDisabled={busy}
              validated={errors.clonePvcName ? 'error' : 'default'}
              onChange={(_, name) => pickClaim('clonePvcName', name, sources.cloneClaims)}
            >
              <FormSelectOption
                value=""
                label={t('Select a PersistentVolumeClaim')}
                isPlaceholder
              />
              {sources.cloneClaims.map((claim) => (
                <FormSelectOption
                  key={claim.metadata?.name}
                  value={claim.metadata?.name ?? ''}
                  label={claim.metadata?.name ?? ''}
                />
              ))}
            </FormSelect>
            <FieldHelp
              error={
                errors.clonePvcName ??
                (sources.cloneClaimsError
                  ? t('The PersistentVolumeClaims of project {{project}} cannot be listed.', {
                      project: form.cloneNamespace,
                    })
                  : undefined)
              }
            />
          </FormGroup>
        </>
      )}
      {form.source === 'snapshot' && (
        <FormGroup label={t('VolumeSnapshot')} isRequired fieldId={`${ID}-snapshot`}>
          <FormSelect
            id={`${ID}-snapshot`}
            value={form.snapshotName}
            isDisabled={busy}
            validated={errors.snapshotName ? 'error' : 'default'}
            onChange={(_, name) => {
              const snapshot = sources.snapshots.find((s) => s.metadata?.name === name);
              update({
                snapshotName: name,
                ...withSourceSize(quantityBytes(snapshot?.status?.restoreSize)),
              });
            }}
          >
            <FormSelectOption value="" label={t('Select a VolumeSnapshot')} isPlaceholder />
            {sources.snapshots.map((snapshot) => {
              const name = snapshot.metadata?.name ?? '';
              const ready = snapshot.status?.readyToUse === true;
              return (
                <FormSelectOption
                  key={name}
                  value={name}
                  isDisabled={!ready}
                  label={ready ? name : t('{{name}} (not ready)', { name })}
                />
              );
            })}
          </FormSelect>
          <FieldHelp error={errors.snapshotName} />
        </FormGroup>
      )}
      {form.source === 'upload' && (
        <ImageFileField
          id={`${ID}-file`}
          file={form.file}
          error={errors.file}
          isDisabled={busy}
          onFile={onFile}
        />
      )}
    </>
  );
};
