import { FileUpload, FormGroup, Radio } from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useAccessReview } from '../../../../api/access';
import { errorMessage } from '../../../../api/bff';
import { ConfigMapModel } from '../../../../api/models';
import type { ConfigMap } from '../../../../api/types';
import { useK8sWatchList } from '../../../../api/watch';
import { usePluginTranslation } from '../../../../i18n';
import { FieldHelp } from '../../../vms/actions/modals/FieldHelp';
import { FormModal } from '../../../vms/details/configuration/editor/FormModal';
import { namesOf, NameSelect } from '../../../vms/details/configuration/editor/NameSelect';
import {
  holdsAnswerFile,
  SYSPREP_FILES,
  xmlProblem,
  type SysprepFile,
  type SysprepFiles,
} from '../../../vms/details/configuration/initialRun/sysprep';
import type { SysprepChoice } from '../flow';

export interface SysprepChoiceModalProps {
  namespace: string;
  value: SysprepChoice;
  /** Records the choice; a ConfigMap for new answer files is created with the VM, not here. */
  onSave(choice: SysprepChoice): void;
  onClose(): void;
}

type Mode = 'new' | 'existing';

const FILE_KEYS: Record<SysprepFile, 'autounattend' | 'unattend'> = {
  'Autounattend.xml': 'autounattend',
  'Unattend.xml': 'unattend',
};

/** One answer file: pasted or uploaded, checked as XML. */
const AnswerFile = ({
  file,
  value,
  error,
  onChange,
}: {
  file: SysprepFile;
  value: string;
  error?: string;
  onChange(value: string): void;
}) => {
  const { t } = usePluginTranslation();
  const [filename, setFilename] = useState('');
  const id = `virtualization-plugin-create-sysprep-${FILE_KEYS[file]}`;
  return (
    <FormGroup label={file} fieldId={id}>
      <FileUpload
        id={id}
        type="text"
        aria-label={file}
        value={value}
        filename={filename}
        filenamePlaceholder={t('Drag a file here or upload one')}
        browseButtonText={t('Upload')}
        clearButtonText={t('Clear')}
        allowEditingUploadedText
        validated={error ? 'error' : 'default'}
        onFileInputChange={(_, picked) => setFilename(picked.name)}
        onDataChange={(_, data) => onChange(data)}
        onTextChange={(_, text) => onChange(text)}
        onClearClick={() => {
          setFilename('');
          onChange('');
        }}
      />
      <FieldHelp error={error}>
        {file === 'Autounattend.xml'
          ? t('Read by Windows setup when it installs the system.')
          : t('Read when a generalized image first starts (specialize and OOBE).')}
      </FieldHelp>
    </FormGroup>
  );
};

/**
 * Sysprep for a Windows VM being created: Autounattend.xml / Unattend.xml typed or uploaded here
 * (kept in a ConfigMap the creation step makes), or an existing sysprep ConfigMap of the project.
 */
export const SysprepChoiceModal = ({
  namespace,
  value,
  onSave,
  onClose,
}: SysprepChoiceModalProps) => {
  const { t } = usePluginTranslation();
  const configMaps = useK8sWatchList<ConfigMap>(ConfigMapModel, { namespace });
  const canCreate = useAccessReview({ verb: 'create', resource: 'configmaps', namespace });
  const mayCreate = canCreate.allowed || canCreate.loading;
  const [mode, setMode] = useState<Mode>(
    value.kind === 'existing' || !mayCreate ? 'existing' : 'new',
  );
  const [existing, setExisting] = useState(value.kind === 'existing' ? value.configMapName : '');
  const [files, setFiles] = useState<SysprepFiles>({
    'Autounattend.xml': value.kind === 'new' ? (value.autounattend ?? '') : '',
    'Unattend.xml': value.kind === 'new' ? (value.unattend ?? '') : '',
  });

  const [withAnswers, others] = useMemo(() => {
    const sorted = [...configMaps.data].sort((a, b) =>
      (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
    );
    return [sorted.filter(holdsAnswerFile), sorted.filter((item) => !holdsAnswerFile(item))];
  }, [configMaps.data]);

  const fileErrors = Object.fromEntries(
    SYSPREP_FILES.map((file) => {
      const problem = files[file].trim() ? xmlProblem(files[file]) : undefined;
      return [file, problem && t('Not well-formed XML: {{problem}}', { problem })];
    }),
  ) as Partial<Record<SysprepFile, string>>;
  const anyFile = SYSPREP_FILES.some((file) => files[file].trim());
  const isValid =
    mode === 'existing'
      ? !!existing
      : mayCreate && anyFile && SYSPREP_FILES.every((file) => !fileErrors[file]);

  const choice = (): SysprepChoice => {
    if (mode === 'existing') return { kind: 'existing', configMapName: existing };
    const text = (file: SysprepFile) => (files[file].trim() ? files[file] : undefined);
    return {
      kind: 'new',
      autounattend: text('Autounattend.xml'),
      unattend: text('Unattend.xml'),
    };
  };

  return (
    <FormModal
      title={t('Sysprep')}
      description={t(
        'Windows answer files, kept in a ConfigMap and attached to the VirtualMachine as a CD-ROM.',
      )}
      isValid={isValid}
      onSubmit={async () => onSave(choice())}
      onClose={onClose}
    >
      {() => (
        <>
          <FormGroup
            role="radiogroup"
            isInline
            fieldId="virtualization-plugin-create-sysprep-mode"
            label={t('Answer files')}
          >
            <Radio
              id="virtualization-plugin-create-sysprep-new"
              name="virtualization-plugin-create-sysprep-mode"
              label={t('Add answer files')}
              isChecked={mode === 'new'}
              isDisabled={!mayCreate}
              description={
                mayCreate
                  ? undefined
                  : t('You may not create ConfigMaps in {{namespace}}.', { namespace })
              }
              onChange={() => setMode('new')}
            />
            <Radio
              id="virtualization-plugin-create-sysprep-existing"
              name="virtualization-plugin-create-sysprep-mode"
              label={t('Attach existing sysprep')}
              isChecked={mode === 'existing'}
              onChange={() => setMode('existing')}
            />
          </FormGroup>
          {mode === 'new' ? (
            <>
              {SYSPREP_FILES.map((file) => (
                <AnswerFile
                  key={file}
                  file={file}
                  value={files[file]}
                  error={fileErrors[file]}
                  onChange={(next) => setFiles((all) => ({ ...all, [file]: next }))}
                />
              ))}
              <FieldHelp>
                {t('The answer files are saved in a ConfigMap created with the VirtualMachine.')}
              </FieldHelp>
            </>
          ) : (
            <FormGroup
              label={t('Existing sysprep')}
              isRequired
              fieldId="virtualization-plugin-create-sysprep-configmap"
            >
              <NameSelect
                id="virtualization-plugin-create-sysprep-configmap"
                value={existing}
                onChange={setExisting}
                placeholder={t('Select a ConfigMap')}
                groups={[
                  { label: t('ConfigMaps with answer files'), names: namesOf(withAnswers) },
                  { label: t('Other ConfigMaps'), names: namesOf(others) },
                ]}
              />
              <FieldHelp
                warning={
                  configMaps.error
                    ? t('The ConfigMaps of {{namespace}} cannot be listed: {{message}}', {
                        namespace,
                        message: errorMessage(configMaps.error),
                      })
                    : undefined
                }
              >
                {t('Its Autounattend.xml and Unattend.xml keys become files on the CD-ROM.')}
              </FieldHelp>
            </FormGroup>
          )}
        </>
      )}
    </FormModal>
  );
};
