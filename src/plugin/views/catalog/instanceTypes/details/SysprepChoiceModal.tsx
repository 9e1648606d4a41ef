import { FormGroup, Radio } from '@patternfly/react-core';
import { useState } from 'react';
import { useAccessReview } from '../../../../api/access';
import { usePluginTranslation } from '../../../../i18n';
import { FieldHelp } from '../../../vms/actions/modals/FieldHelp';
import { FormModal } from '../../../vms/details/configuration/editor/FormModal';
import {
  SYSPREP_FILES,
  type SysprepFile,
  type SysprepFiles,
} from '../../../vms/details/configuration/initialRun/sysprep';
import {
  AnswerFileField,
  SysprepConfigMapField,
  useAnswerFileErrors,
} from '../../../vms/details/configuration/initialRun/SysprepFields';
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

  const fileErrors = useAnswerFileErrors(files);
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
                <AnswerFileField
                  key={file}
                  id={`virtualization-plugin-create-sysprep-${FILE_KEYS[file]}`}
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
            <SysprepConfigMapField
              id="virtualization-plugin-create-sysprep-configmap"
              label={t('Existing sysprep')}
              namespace={namespace}
              value={existing}
              onChange={setExisting}
            />
          )}
        </>
      )}
    </FormModal>
  );
};
