import {
  ActionList,
  ActionListGroup,
  ActionListItem,
  Alert,
  AlertActionLink,
  Button,
  Checkbox,
  Content,
  Form,
  FormGroup,
  Grid,
  GridItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Progress,
  Stack,
  StackItem,
  TextInput,
  Title,
  Tooltip,
} from '@patternfly/react-core';
import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../api/bff';
import type { VirtualMachine } from '../../../api/types';
import { usePluginTranslation } from '../../../i18n';
import { NameField } from '../../vms/actions/modals/NameField';
import { fieldErrorOf } from '../../vms/details/configuration/editor/fieldErrors';
import { projectSshKeyOf } from '../../vms/details/configuration/ssh/projectSshKey';
import { vmTabPath } from '../../vms/details/detailsPaths';
import { createFromDraft, type CreationStep } from '../draft/createFromDraft';
import type { VmDraft } from '../draft/vmDraft';
import { QuotaAlert } from '../quota/QuotaAlert';
import { templateQuotaDraft } from '../quota/templateQuotaDraft';
import type { SshKeyChoice } from '../instanceTypes/flow';
import {
  hasErrors,
  initialForm,
  isOpenShiftProject,
  overridesOf,
  parameterValuesOf,
  quickCreateBlocker,
  validateForm,
  type DrawerForm,
} from './drawerForm';
import { OptionalParameters, RequiredParameters } from './ParameterFields';
import { parameterErrorsOf, templateDraft } from './processTemplate';
import { ProjectSelect } from '../ProjectSelect';
import { useProjectNames } from '../useProjectNames';
import { SshKeyField } from './SshKeyField';
import { StorageSection } from './StorageSection';
import type { CatalogEntry } from './templateFilters';
import { optionalParameters, requiredParameters } from './templateModel';
import { TemplateSummary } from './TemplateSummary';
import { uploadBootDisk, type PendingUpload } from './uploadBootDisk';

export interface TemplateDrawerProps {
  entry: CatalogEntry;
  /** The current project; undefined in all projects (the drawer then asks for one). */
  namespace: string | undefined;
  onClose(): void;
  /** Customize VirtualMachine: hands the processed draft on. No button without it. */
  onCustomize?(draft: VmDraft, upload?: PendingUpload): void;
}

type Phase = 'processing' | 'creating' | 'uploading';

const projectKey = (namespace: string): SshKeyChoice => {
  const secretName = namespace ? projectSshKeyOf(namespace) : undefined;
  return secretName ? { kind: 'existing', secretName } : { kind: 'none' };
};

const ID = 'virtualization-plugin-template-drawer';

/**
 * A template's details and the VirtualMachine to create from it (seed 3.1, 5.1-5.4): name,
 * project, parameters, storage, SSH key, start, Windows drivers; Quick create (processes the
 * template, creates the VM and its prerequisites, uploads a chosen file, opens the VM) or
 * Customize (hands the draft on). Nothing is sent while the form has errors; what was typed
 * stays when the server refuses.
 */
export const TemplateDrawer = ({ entry, namespace, onClose, onCustomize }: TemplateDrawerProps) => {
  const { t } = usePluginTranslation();
  const projects = useProjectNames();
  const navigate = useNavigate();
  // In an `openshift*` project (no VMs there, says the seed) the drawer asks for another one.
  const fixedProject = namespace && !isOpenShiftProject(namespace) ? namespace : undefined;
  const [form, setForm] = useState<DrawerForm>(() =>
    initialForm(entry, fixedProject ?? '', projectKey(fixedProject ?? '')),
  );
  const [showErrors, setShowErrors] = useState(false);
  const [phase, setPhase] = useState<Phase>();
  const [step, setStep] = useState<CreationStep>();
  const [progress, setProgress] = useState<{ sent: number; total: number }>();
  const [serverError, setServerError] = useState<unknown>();
  const [serverParameterErrors, setServerParameterErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<VirtualMachine>();
  const abort = useRef<AbortController>(undefined);

  const errors = useMemo(() => validateForm(form, entry, t), [form, entry, t]);
  const blocker = quickCreateBlocker(entry, form, t);
  const quotaDraft = useMemo(
    () => templateQuotaDraft(entry.template, form.namespace, form.startAfterCreation),
    [entry.template, form.namespace, form.startAfterCreation],
  );
  const busy = phase !== undefined;
  const required = requiredParameters(entry);
  const optional = optionalParameters(entry);
  const shownFields = showErrors ? errors.fields : { name: errors.fields.name };
  const nameError =
    (showErrors || form.name ? errors.fields.name : undefined) ??
    fieldErrorOf(serverError, 'metadata.name');
  const parameterErrors = { ...(showErrors ? errors.parameters : {}), ...serverParameterErrors };

  const update = (change: Partial<DrawerForm>) => {
    setForm((current) => ({ ...current, ...change }));
    if (change.parameters) setServerParameterErrors({});
  };
  const setParameter = (name: string, value: string) =>
    update({ parameters: { ...form.parameters, [name]: value } });
  const setProject = (next: string) =>
    update({
      namespace: next,
      pvcNamespace: form.pvcNamespace || next,
      sshKey: projectKey(next),
    });

  const run = async (mode: 'create' | 'customize') => {
    setShowErrors(true);
    if (busy || hasErrors(errors) || (mode === 'create' && blocker)) return;
    setServerError(undefined);
    setServerParameterErrors({});
    setPhase('processing');
    let draft;
    try {
      draft = await templateDraft(
        entry.template,
        parameterValuesOf(form),
        overridesOf(form, entry),
      );
    } catch (error) {
      setServerError(error);
      setServerParameterErrors(parameterErrorsOf(error, entry.template));
      setPhase(undefined);
      return;
    }
    const { uploadDataVolume, ...vmDraft } = draft;
    const upload: PendingUpload | undefined =
      uploadDataVolume && form.file
        ? { namespace: form.namespace, dataVolumeName: uploadDataVolume, file: form.file }
        : undefined;
    if (mode === 'customize') {
      setPhase(undefined);
      onCustomize?.(vmDraft, upload);
      return;
    }
    setPhase('creating');
    let vm: VirtualMachine;
    try {
      vm = await createFromDraft(vmDraft, { onStep: setStep });
    } catch (error) {
      setServerError(error);
      setPhase(undefined);
      setStep(undefined);
      return;
    }
    setStep(undefined);
    if (upload) {
      setPhase('uploading');
      abort.current = new AbortController();
      try {
        await uploadBootDisk(upload, {
          signal: abort.current.signal,
          onProgress: (sent, total) => setProgress({ sent, total }),
        });
      } catch (error) {
        setCreated(vm);
        setServerError(error);
        setPhase(undefined);
        return;
      }
    }
    await navigate(vmTabPath(form.namespace, vm.metadata?.name ?? form.name));
  };

  const stepText = () => {
    if (phase === 'processing') return t('Processing the template…');
    if (phase === 'uploading') return t('Uploading {{name}}…', { name: form.file?.name ?? '' });
    if (step?.step === 'check-name')
      return t('Checking that the name {{name}} is free…', { name: step.name });
    if (step?.step === 'create')
      return t('Creating {{kind}} {{name}}…', { kind: step.kind, name: step.name });
    if (step?.step === 'link')
      return t('Linking the created objects to {{name}}…', { name: step.name });
    return '';
  };

  const quickCreate = (
    <Button
      variant="primary"
      isAriaDisabled={!!blocker || busy || !!created}
      isLoading={busy && phase !== 'uploading'}
      aria-describedby={blocker ? `${ID}-blocker` : undefined}
      onClick={() => void run('create')}
    >
      {t('Quick create VirtualMachine')}
    </Button>
  );

  return (
    <Modal
      isOpen
      variant="large"
      onClose={busy ? undefined : onClose}
      onEscapePress={() => {
        // Escape in the SSH key dialog opened from here closes that one, not the drawer.
        if (!busy && document.querySelectorAll('[role="dialog"]').length <= 1) onClose();
      }}
      aria-labelledby={`${ID}-title`}
    >
      <ModalHeader
        title={entry.displayName}
        labelId={`${ID}-title`}
        description={
          entry.provider ? t('Provided by {{provider}}', { provider: entry.provider }) : undefined
        }
      />
      <ModalBody>
        <Grid hasGutter>
          <GridItem md={5}>
            <TemplateSummary entry={entry} />
          </GridItem>
          <GridItem md={7}>
            <Form
              id={`${ID}-form`}
              onSubmit={(event) => {
                event.preventDefault();
                // A dialog's form opened from here (the SSH key) submits through React's tree too.
                if (event.target === event.currentTarget) void run('create');
              }}
            >
              <Title headingLevel="h2" size="md">
                {t('VirtualMachine')}
              </Title>
              <NameField
                id={`${ID}-name`}
                label={t('VirtualMachine name')}
                value={form.name}
                error={nameError}
                onChange={(name) => update({ name })}
              />
              {fixedProject ? (
                <FormGroup label={t('Project')} fieldId={`${ID}-project`}>
                  <TextInput id={`${ID}-project`} value={fixedProject} readOnlyVariant="default" />
                </FormGroup>
              ) : (
                <ProjectSelect
                  id={`${ID}-project`}
                  label={t('Project')}
                  value={form.namespace}
                  names={projects.isError ? undefined : (projects.data ?? [])}
                  error={shownFields.namespace}
                  isDisabled={busy}
                  onChange={setProject}
                />
              )}
              <RequiredParameters
                parameters={required}
                values={form.parameters}
                errors={parameterErrors}
                isDisabled={busy}
                onChange={setParameter}
              />
              <OptionalParameters
                parameters={optional}
                values={form.parameters}
                errors={parameterErrors}
                isDisabled={busy}
                onChange={setParameter}
              />
              <StorageSection
                entry={entry}
                form={form}
                errors={shownFields}
                isDisabled={busy}
                onChange={update}
              />
              {!entry.windows && (
                <SshKeyField
                  namespace={form.namespace}
                  vmName={form.name}
                  value={form.sshKey}
                  isDisabled={busy}
                  onChange={(sshKey) => update({ sshKey })}
                />
              )}
              <Checkbox
                id={`${ID}-start`}
                label={t('Start this VirtualMachine after creation')}
                isChecked={form.startAfterCreation}
                isDisabled={busy}
                onChange={(_, startAfterCreation) => update({ startAfterCreation })}
              />
              {entry.windows && (
                <Checkbox
                  id={`${ID}-drivers`}
                  label={t('Mount Windows drivers disk')}
                  description={t(
                    'Attaches the VirtIO drivers as a SATA CD-ROM, for installing Windows on VirtIO disks and NICs.',
                  )}
                  isChecked={form.windowsDrivers}
                  isDisabled={busy}
                  onChange={(_, windowsDrivers) => update({ windowsDrivers })}
                />
              )}
            </Form>
          </GridItem>
        </Grid>
      </ModalBody>
      <ModalFooter>
        <Stack hasGutter>
          {serverError !== undefined && (
            <StackItem>
              <Alert
                variant="danger"
                isInline
                title={
                  created
                    ? t(
                        'The VirtualMachine {{name}} was created, but its disk image was not uploaded',
                        {
                          name: created.metadata?.name ?? form.name,
                        },
                      )
                    : t('The VirtualMachine was not created')
                }
                actionLinks={
                  created ? (
                    <AlertActionLink
                      onClick={() =>
                        void navigate(
                          vmTabPath(form.namespace, created.metadata?.name ?? form.name),
                        )
                      }
                    >
                      {t('Go to VirtualMachine')}
                    </AlertActionLink>
                  ) : undefined
                }
              >
                {errorMessage(serverError)}
              </Alert>
            </StackItem>
          )}
          <StackItem>
            <QuotaAlert draft={quotaDraft} />
          </StackItem>
          {showErrors && hasErrors(errors) && (
            <StackItem>
              <Alert
                variant="warning"
                isInline
                isPlain
                title={t('Correct the fields marked in red.')}
              />
            </StackItem>
          )}
          {phase === 'uploading' && (
            <StackItem>
              <Progress
                title={t('Uploading {{name}}', { name: form.file?.name ?? '' })}
                value={progress && progress.total ? (progress.sent / progress.total) * 100 : 0}
              />
            </StackItem>
          )}
          <StackItem>
            <ActionList>
              <ActionListGroup>
                <ActionListItem>
                  {blocker ? <Tooltip content={blocker}>{quickCreate}</Tooltip> : quickCreate}
                </ActionListItem>
                {onCustomize && (
                  <ActionListItem>
                    {/* The customize page creates the VM without uploading: an upload is Quick create's. */}
                    <Tooltip
                      content={t(
                        'Uploading a disk image is done with Quick create: the file is sent once the VirtualMachine exists.',
                      )}
                      trigger={form.diskSource === 'upload' ? undefined : 'manual'}
                      isVisible={form.diskSource === 'upload' ? undefined : false}
                    >
                      <Button
                        variant="secondary"
                        isAriaDisabled={busy || !!created || form.diskSource === 'upload'}
                        onClick={() => void run('customize')}
                      >
                        {t('Customize VirtualMachine')}
                      </Button>
                    </Tooltip>
                  </ActionListItem>
                )}
                <ActionListItem>
                  {phase === 'uploading' ? (
                    <Button variant="link" onClick={() => abort.current?.abort()}>
                      {t('Cancel upload')}
                    </Button>
                  ) : (
                    <Button variant="link" isAriaDisabled={busy} onClick={onClose}>
                      {t('Cancel')}
                    </Button>
                  )}
                </ActionListItem>
                <ActionListItem>
                  <Content component="small" aria-live="polite">
                    {stepText()}
                  </Content>
                </ActionListItem>
              </ActionListGroup>
            </ActionList>
          </StackItem>
          {blocker && (
            <StackItem>
              <Content component="small" id={`${ID}-blocker`}>
                {blocker}
              </Content>
            </StackItem>
          )}
        </Stack>
      </ModalFooter>
    </Modal>
  );
};
