import { Checkbox } from '@patternfly/react-core';
import { useCallback, useMemo, useRef, useState } from 'react';
import { hotplugVolume, k8sCreate } from '../../../../../api/k8s';
import { DataVolumeModel } from '../../../../../api/models';
import { usePluginTranslation } from '../../../../../i18n';
import { NameField } from '../../../actions/modals/NameField';
import { quantityBytes } from '../../overview/formatQuantity';
import { fieldErrorOf } from '../editor/fieldErrors';
import { FormModal } from '../editor/FormModal';
import type { VmEditor } from '../editor/vmEditor';
import { AddDiskProgress } from './AddDiskProgress';
import type { UploadState } from './UploadProgress';
import { planAddDisk } from './addDiskPlan';
import { DiskDeviceFields } from './DiskDeviceFields';
import {
  createsDataVolume,
  defaultDiskName,
  initialDiskForm,
  isHotplug,
  validateDiskForm,
  withValidDevice,
  type DiskFormContext,
  type DiskFormField,
  type DiskFormState,
} from './diskForm';
import { claimCapacity } from './diskRows';
import { DiskSourceFields } from './DiskSourceFields';
import { DiskStorageFields } from './DiskStorageFields';
import { dataVolumeNameFor, sizeLabel } from './diskValidation';
import { guestRuns, vmRef } from './guestRuns';
import { RestartHint } from '../editor/RestartHint';
import { runAddDisk, type AddDiskStep } from './runAddDisk';
import { SizeField } from './SizeField';
import { defaultStorageClassName } from './storageClasses';
import { UploadInterrupted, uploadImage, type UploadHandle } from '../../../../../api/upload';
import { useAddDiskSources } from './useAddDiskSources';
import { useVolumeWait } from './useVolumeWait';
import type { Readiness } from './volumeReadiness';

const ID = 'virtualization-plugin-add-disk';

/** Fields empty at first: their errors wait until the user has been there. */
const QUIET_UNTIL_TOUCHED: readonly DiskFormField[] = [
  'url',
  'image',
  'pvcName',
  'clonePvcName',
  'snapshotName',
  'file',
];

const touchedBy = (patch: Partial<DiskFormState>): DiskFormField[] =>
  QUIET_UNTIL_TOUCHED.filter((field) => field in patch).concat('name' in patch ? ['name'] : []);

/**
 * Add disk: every source of seed 3.2. A stopped VM (or a draft) gets one patch; a running one a
 * DataVolume, awaited, then hot-plugged on the SCSI bus. Upload fills the DataVolume first, so a
 * draft (no VM yet to own it) does not offer it.
 */
export const AddDiskModal = ({
  editor,
  takenNames,
  onClose,
  volumeWaitMs,
}: {
  editor: VmEditor;
  /** The names of the disks of the VM and of its running guest. */
  takenNames: readonly string[];
  onClose(): void;
  /** How long a new DataVolume may take to be ready for the hot-plug (tests shorten it). */
  volumeWaitMs?: number;
}) => {
  const { t } = usePluginTranslation();
  const vm = editor.vm;
  const namespace = vm.metadata?.namespace ?? '';
  const vmName = vm.metadata?.name ?? '';
  const running = guestRuns(editor);
  const [form, setForm] = useState(() =>
    withValidDevice(initialDiskForm(takenNames, '', namespace), { running }),
  );
  const [touched, setTouched] = useState<ReadonlySet<DiskFormField>>(new Set());
  const [step, setStep] = useState<AddDiskStep>();
  const [upload, setUpload] = useState<UploadState>();
  const file = useRef<File>(undefined);
  const uploadHandle = useRef<UploadHandle>(undefined);
  const done = useRef(new Set<string>());
  /** DataVolumes this dialog created: theirs is not a name "taken by something else". */
  const [created, setCreated] = useState<ReadonlySet<string>>(new Set());
  const sources = useAddDiskSources(namespace, form.source, form.cloneNamespace);

  const timeoutMessage = useCallback(
    (name: string, readiness?: Readiness) =>
      t(
        'DataVolume {{name}} was not ready in time (phase: {{phase}}). It stays in the project: once it is ready, add it with the source "Use an existing PVC", or delete it.',
        {
          name,
          phase: (readiness?.state === 'waiting' && readiness.phase) || t('unknown'),
        },
      ),
    [t],
  );
  const volumeWait = useVolumeWait(namespace, timeoutMessage, volumeWaitMs);

  // The storage class shown is the one sent: the chosen one, else the default, else the first.
  const defaultClass = defaultStorageClassName(sources.storageClasses);
  // Until the user names the disk, the default skips names whose DataVolume exists already
  // (left by a disk detached earlier).
  const existing = [...sources.dataVolumes, ...sources.claims]
    .map((o) => o.metadata?.name ?? '')
    .filter((name) => !created.has(name));
  const leftBehind = existing.flatMap((name) =>
    name.startsWith(`${vmName}-`) ? [name.slice(vmName.length + 1)] : [],
  );
  const effective: DiskFormState = withValidDevice(
    {
      ...form,
      name: touched.has('name') ? form.name : defaultDiskName([...takenNames, ...leftBehind]),
      storageClass:
        form.storageClass || defaultClass || sources.storageClasses[0]?.metadata?.name || '',
    },
    { running },
  );
  const hotplug = isHotplug(form.source, { running });

  const usedClaims = useMemo(
    () =>
      (vm.spec?.template?.spec?.volumes ?? []).flatMap((v) => {
        const claim = v.persistentVolumeClaim?.claimName ?? v.dataVolume?.name;
        return claim ? [claim] : [];
      }),
    [vm],
  );
  const sourceSize = (() => {
    const bytes =
      form.source === 'clone'
        ? quantityBytes(
            claimCapacity(sources.cloneClaims.find((c) => c.metadata?.name === form.clonePvcName)),
          )
        : form.source === 'snapshot'
          ? quantityBytes(
              sources.snapshots.find((s) => s.metadata?.name === form.snapshotName)?.status
                ?.restoreSize,
            )
          : undefined;
    return bytes ? { bytes, label: sizeLabel(bytes) } : undefined;
  })();
  const ctx: DiskFormContext = { vmName, live: editor.live, running, takenNames, sourceSize };
  const allErrors = validateDiskForm(effective, ctx, t);
  // A volume of that name in the project already would make the DataVolume's creation fail.
  const dvName = dataVolumeNameFor(vmName, effective.name);
  if (!allErrors.name && createsDataVolume(form.source) && existing.includes(dvName))
    allErrors.name = t(
      'A DataVolume or PVC named {{name}} exists in this project already: choose another disk name.',
      { name: dvName },
    );
  const errors = Object.fromEntries(
    Object.entries(allErrors).filter(
      ([field]) =>
        !QUIET_UNTIL_TOUCHED.includes(field as DiskFormField) ||
        touched.has(field as DiskFormField),
    ),
  );
  const isValid = Object.keys(allErrors).length === 0;

  const update = (patch: Partial<DiskFormState>) => {
    setForm((current) => withValidDevice({ ...current, ...patch }, { running }));
    setTouched((current) => new Set([...current, ...touchedBy(patch)]));
  };
  const onFile = (chosen?: File) => {
    file.current = chosen;
    update({ file: chosen ? { name: chosen.name, size: chosen.size } : undefined });
  };

  const submit = async () => {
    const plan = planAddDisk(vm, effective, ctx);
    try {
      await runAddDisk(
        plan,
        {
          createDataVolume: async (dataVolume) => {
            await k8sCreate(DataVolumeModel, dataVolume, { namespace });
            const name = dataVolume.metadata?.name ?? '';
            setCreated((current) => new Set([...current, name]));
          },
          upload: async (name) => {
            const chosen = file.current;
            if (!chosen) throw new Error(t('Choose the image file to upload.'));
            setUpload({ sent: 0, total: chosen.size });
            const handle = uploadImage(namespace, name, chosen, (sent, total) =>
              setUpload({ sent, total }),
            );
            uploadHandle.current = handle;
            try {
              await handle.done;
            } finally {
              uploadHandle.current = undefined;
            }
          },
          waitFor: (name) => volumeWait.waitFor(name),
          patch: (ops) => editor.patch(ops),
          hotplug: (body, persist) => hotplugVolume(vmRef(editor), 'addvolume', body, { persist }),
          onStep: setStep,
        },
        done.current,
      );
    } catch (error) {
      if (error instanceof UploadInterrupted)
        throw new Error(
          error.kind === 'aborted'
            ? t(
                'The upload was cancelled. DataVolume {{name}} waits for the file: submit again to upload it.',
                { name: dvName },
              )
            : t(
                'The connection was lost during the upload. Submit again to upload the file once more.',
              ),
        );
      throw error;
    } finally {
      setStep(undefined);
    }
  };

  const close = () => {
    uploadHandle.current?.cancel();
    volumeWait.stop();
    onClose();
  };

  const templateIndex = vm.spec?.dataVolumeTemplates?.length ?? 0;
  const busy = step !== undefined;
  const fieldProps = { form: effective, update, errors, busy };
  return (
    <FormModal
      title={running ? t('Add disk (hot plugged)') : t('Add disk')}
      submitLabel={running ? t('Save') : t('Add')}
      isValid={isValid && !busy}
      onSubmit={submit}
      onClose={close}
    >
      {(serverError) => (
        <>
          <DiskSourceFields
            {...fieldProps}
            serverError={serverError}
            sources={sources}
            namespace={namespace}
            usedClaims={usedClaims}
            running={running}
            draft={!editor.live}
            onFile={onFile}
          />
          <NameField
            id={`${ID}-name`}
            label={t('Name')}
            value={effective.name}
            error={
              errors.name ??
              fieldErrorOf(
                serverError,
                'spec.template.spec.domain.devices.disks',
                'spec.template.spec.volumes',
                'metadata.name',
              )
            }
            onChange={(name) => update({ name })}
          />
          {createsDataVolume(form.source) && (
            <SizeField
              id={`${ID}-size`}
              value={form.size}
              unit={form.unit}
              error={
                errors.size ??
                fieldErrorOf(
                  serverError,
                  'spec.storage.resources',
                  'spec.pvc.resources',
                  `spec.dataVolumeTemplates[${templateIndex}].spec.storage.resources`,
                )
              }
              helper={
                sourceSize
                  ? t('At least {{size}}, the size of the source.', { size: sourceSize.label })
                  : undefined
              }
              onChange={(size, unit) => update({ size, unit })}
            />
          )}
          <DiskDeviceFields {...fieldProps} serverError={serverError} hotplug={hotplug} />
          {createsDataVolume(form.source) && (
            <DiskStorageFields
              {...fieldProps}
              serverError={serverError}
              sources={sources}
              templateIndex={templateIndex}
            />
          )}
          {hotplug && (
            <Checkbox
              id={`${ID}-persist`}
              label={t('Make this disk persistent')}
              description={t(
                'Kept in the VirtualMachine and attached again after a restart. Cleared, the disk is attached until the guest stops.',
              )}
              isChecked={form.persist}
              isDisabled={busy}
              onChange={(_, persist) => update({ persist })}
            />
          )}
          {running && !hotplug && <RestartHint />}
          {step && (
            <AddDiskProgress
              step={step}
              upload={upload}
              readiness={volumeWait.readiness}
              onCancelUpload={() => uploadHandle.current?.cancel()}
            />
          )}
        </>
      )}
    </FormModal>
  );
};
