import { Form, Modal, ModalBody, ModalHeader } from '@patternfly/react-core';
import { useId, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../../../api/bff';
import { useAccessReview } from '../../../../api/access';
import { k8sCreate, k8sDelete } from '../../../../api/k8s';
import { ALL_NAMESPACES_KEY, DataSourceModel, DataVolumeModel } from '../../../../api/models';
import type { DataSource, VirtualMachineClusterPreference } from '../../../../api/types';
import {
  UploadInterrupted,
  UploadRefused,
  uploadImage,
  type UploadHandle,
} from '../../../../api/upload';
import { usePluginTranslation } from '../../../../i18n';
import { ModalError } from '../../../vms/actions/modals/ModalError';
import type { Translate } from '../../../vms/actions/vmActionModel';
import { NameField } from '../../../vms/actions/modals/NameField';
import { SubmitFooter } from '../../../vms/actions/modals/SubmitFooter';
import { fieldErrorOf } from '../../../vms/details/configuration/editor/fieldErrors';
import type { BootableVolume } from '../flow';
import {
  createsDataVolume,
  initialAddVolumeForm,
  suggestedVolumeName,
  validateAddVolume,
  type AddVolumeField,
  type AddVolumeForm,
} from './addVolumeForm';
import { planAddVolume, plannedVolume } from './addVolumePlan';
import type { UploadState } from '../../../vms/details/configuration/disks/UploadProgress';
import { AddVolumeProgress } from './AddVolumeProgress';
import { OS_IMAGES_NAMESPACE, osOfPreference } from './bootableVolumes';
import {
  discardHalfMade,
  runAddVolume,
  type AddVolumeStep,
  type AddVolumeSteps,
  type HalfMade,
} from './runAddVolume';
import { sourceFactsOf } from './sourceFacts';
import { useAddVolumeSources } from './useAddVolumeSources';
import { VolumeDetailsFields } from './VolumeDetailsFields';
import { VolumeSourceFields } from './VolumeSourceFields';

const CDI = 'cdi.kubevirt.io';

/** Fields whose errors wait until the user has been there (they start empty). */
const QUIET_UNTIL_TOUCHED: readonly AddVolumeField[] = [
  'name',
  'file',
  'pvcName',
  'snapshotName',
  'image',
  'url',
  'preference',
];

const isAlreadyExists = (error: unknown) =>
  (error as { code?: number } | null)?.code === 409 ||
  (error as { json?: { reason?: string } } | null)?.json?.reason === 'AlreadyExists';

/**
 * The preference an OS tile asked for, when the cluster has it, else the first of the cluster's
 * preferences for that OS; none without a tile.
 */
const startingPreference = (
  wanted: string | undefined,
  preferences: readonly VirtualMachineClusterPreference[],
): string => {
  if (!wanted) return '';
  const names = preferences.map((p) => p.metadata?.name ?? '').sort();
  if (names.includes(wanted)) return wanted;
  const os = osOfPreference(wanted);
  return names.find((name) => osOfPreference(name) === os) ?? '';
};

/** Why the user cannot add the volume in `project`, as a sentence; undefined when they can. */
const refusalOf = (
  t: Translate,
  project: string,
  may: { dataSource: boolean; dataVolume: boolean },
): string | undefined => {
  if (!may.dataSource)
    return project === OS_IMAGES_NAMESPACE
      ? t(
          'You may not create DataSources in {{project}}: ask an administrator for the os-images.kubevirt.io:edit role there, or choose a project of yours.',
          { project },
        )
      : t(
          'You may not create DataSources in project {{project}}: choose a project where you may.',
          {
            project,
          },
        );
  if (!may.dataVolume)
    return t(
      'You may not create DataVolumes in project {{project}}: choose a project where you may.',
      {
        project,
      },
    );
  return undefined;
};

export interface AddVolumeModalProps {
  /** The user's current project; undefined in all projects. */
  namespace: string | undefined;
  /** The preference to start with (from an OS tile's Add volume). */
  initialPreference?: string;
  onClose(): void;
  /** The DataSource exists: the flow selects it. */
  onCreated(volume: BootableVolume): void;
}

/**
 * Add volume: a DataVolume filled by upload, registry or URL (or an existing claim or snapshot,
 * copied only when it must be), and the labelled DataSource that makes it bootable. Nothing is
 * sent while the form is invalid; a refusal is shown at the fields it names and the form keeps
 * what was typed; a cancelled upload deletes its DataVolume.
 */
export const AddVolumeModal = ({
  namespace,
  initialPreference,
  onClose,
  onCreated,
}: AddVolumeModalProps) => {
  const { t } = usePluginTranslation();
  const formId = `virtualization-plugin-add-volume-${useId().replace(/:/g, '')}`;
  const current = namespace && namespace !== ALL_NAMESPACES_KEY ? namespace : '';
  const [form, setForm] = useState(() => initialAddVolumeForm(current));
  const [touched, setTouched] = useState<ReadonlySet<AddVolumeField>>(new Set());
  const [step, setStep] = useState<AddVolumeStep>();
  const [upload, setUpload] = useState<UploadState>();
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<unknown>();
  const file = useRef<File>(undefined);
  const uploadHandle = useRef<UploadHandle>(undefined);
  const halfMade = useRef<HalfMade>({ filled: false });
  const closed = useRef(false);

  // Those who may add boot sources for everyone start there; others in their project.
  const admin = useAccessReview({
    verb: 'create',
    group: CDI,
    resource: 'datasources',
    namespace: OS_IMAGES_NAMESPACE,
  });
  const destination = touched.has('namespace')
    ? form.namespace
    : admin.allowed
      ? OS_IMAGES_NAMESPACE
      : current;
  const located: AddVolumeForm = {
    ...form,
    namespace: destination,
    sourceNamespace: touched.has('sourceNamespace') ? form.sourceNamespace : current || destination,
  };
  const sources = useAddVolumeSources(located);
  const source = sourceFactsOf(located, sources.sourceClaims, sources.sourceSnapshots);
  const effective: AddVolumeForm = {
    ...located,
    name: touched.has('name') ? form.name : suggestedVolumeName(located),
    preference: touched.has('preference')
      ? form.preference
      : startingPreference(initialPreference, sources.preferences),
  };
  const copies = createsDataVolume(effective, source);

  const mayCreateSource = useAccessReview(
    destination
      ? { verb: 'create', group: CDI, resource: 'datasources', namespace: destination }
      : null,
  );
  const mayCreateVolume = useAccessReview(
    destination && copies
      ? { verb: 'create', group: CDI, resource: 'datavolumes', namespace: destination }
      : null,
  );
  const accessPending = mayCreateSource.loading || mayCreateVolume.loading;
  const accessProblem = accessPending
    ? undefined
    : refusalOf(t, destination, {
        dataSource: mayCreateSource.allowed,
        dataVolume: !copies || mayCreateVolume.allowed,
      });

  const allErrors = validateAddVolume(
    effective,
    {
      source,
      dataSourceNames: sources.dataSourceNames,
      claimNames: sources.claimNames,
      accessProblem,
    },
    t,
  );
  const errors = Object.fromEntries(
    Object.entries(allErrors).filter(
      ([field]) =>
        !QUIET_UNTIL_TOUCHED.includes(field as AddVolumeField) ||
        touched.has(field as AddVolumeField),
    ),
  );
  const isValid = Object.keys(allErrors).length === 0 && !accessPending;

  const update = (patch: Partial<AddVolumeForm>) => {
    setForm((before) => ({ ...before, ...patch }));
    setTouched((before) => new Set([...before, ...(Object.keys(patch) as AddVolumeField[])]));
  };
  const onFile = (chosen?: File) => {
    file.current = chosen;
    update({ file: chosen ? { name: chosen.name, size: chosen.size } : undefined });
  };

  const steps: AddVolumeSteps = useMemo(
    () => ({
      createDataVolume: (dataVolume) => k8sCreate(DataVolumeModel, dataVolume),
      upload: async (ns, name) => {
        const chosen = file.current;
        if (!chosen) throw new Error(t('Choose the image file to upload.'));
        if (closed.current) throw new UploadInterrupted('aborted');
        setUpload({ sent: 0, total: chosen.size });
        const handle = uploadImage(ns, name, chosen, (sent, total) => setUpload({ sent, total }));
        uploadHandle.current = handle;
        try {
          await handle.done;
        } finally {
          uploadHandle.current = undefined;
        }
      },
      deleteDataVolume: (ns, name) => k8sDelete(DataVolumeModel, { namespace: ns, name }),
      createDataSource: (dataSource) => k8sCreate<DataSource>(DataSourceModel, dataSource),
      onStep: setStep,
    }),
    [t],
  );

  /** The upload's failure, told with what happened to its DataVolume. */
  const explained = (error: unknown, name: string): unknown => {
    if (error instanceof UploadInterrupted)
      return new Error(
        error.kind === 'aborted'
          ? t(
              'The upload was cancelled and DataVolume {{name}} deleted. Save again to start over.',
              {
                name,
              },
            )
          : t(
              'The connection was lost during the upload, and DataVolume {{name}} was deleted. Save again to upload the file once more.',
              { name },
            ),
      );
    if (error instanceof UploadRefused)
      return new Error(
        t(
          'The upload was refused: {{message}} DataVolume {{name}} was deleted; save again to start over.',
          {
            message: errorMessage(error),
            name,
          },
        ),
      );
    return error;
  };

  const submit = async () => {
    if (!isValid || busy) return;
    setBusy(true);
    setServerError(undefined);
    const plan = planAddVolume(effective, source);
    try {
      const created = await runAddVolume(plan, steps, halfMade.current);
      onCreated(plannedVolume(plan, created, source));
      onClose();
    } catch (error) {
      setServerError(explained(error, effective.name));
      setBusy(false);
    } finally {
      setStep(undefined);
      setUpload(undefined);
    }
  };

  /** Giving up: stop the upload and delete the DataVolume no DataSource was made for. */
  const close = () => {
    closed.current = true;
    uploadHandle.current?.cancel();
    void discardHalfMade(halfMade.current, steps).catch(() => undefined);
    onClose();
  };

  const fieldProps = { form: effective, update, errors, serverError, busy, sources };
  return (
    <Modal isOpen variant="medium" onClose={close} aria-labelledby={`${formId}-title`}>
      <ModalHeader
        title={t('Add volume')}
        labelId={`${formId}-title`}
        description={t(
          'A volume VirtualMachines can boot from: a DataSource labelled with its preference, pointing at the image.',
        )}
      />
      <ModalBody>
        <Form
          id={formId}
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <VolumeSourceFields {...fieldProps} onFile={onFile} />
          <NameField
            id={`${formId}-name`}
            label={t('Volume name')}
            value={effective.name}
            error={
              errors.name ??
              fieldErrorOf(serverError, 'metadata.name') ??
              (isAlreadyExists(serverError) ? errorMessage(serverError) : undefined)
            }
            onChange={(name) => update({ name })}
          />
          <VolumeDetailsFields {...fieldProps} source={source} copies={copies} />
          {step && (
            <AddVolumeProgress
              step={step}
              upload={upload}
              onCancelUpload={() => uploadHandle.current?.cancel()}
            />
          )}
          <ModalError error={serverError} showCauses={false} />
        </Form>
      </ModalBody>
      <SubmitFooter
        formId={formId}
        label={t('Save')}
        isDisabled={!isValid || busy}
        busy={busy}
        onCancel={close}
      />
    </Modal>
  );
};
