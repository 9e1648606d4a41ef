import {
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalHeader,
  Progress,
  TextInput,
} from '@patternfly/react-core';
import { useState } from 'react';
import type { VirtualMachine } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { generatedCloneName, validateResourceName } from '../nameValidation';
import { cloneVm, type CloneProgress } from '../vmMutations';
import { ModalError } from './ModalError';
import { NameField } from './NameField';
import { SubmitFooter } from './SubmitFooter';

/** Clone: a VirtualMachineClone into the same project, optionally starting the copy when ready. */
export const CloneVmModal = ({ vm, close }: { vm: VirtualMachine; close: () => void }) => {
  const { t } = usePluginTranslation();
  const source = vm.metadata?.name ?? '';
  const namespace = vm.metadata?.namespace ?? '';
  const [name, setName] = useState(() => generatedCloneName(source));
  const [start, setStart] = useState(false);
  const [progress, setProgress] = useState<CloneProgress>();
  const [error, setError] = useState<unknown>();
  const nameError = validateResourceName(name, t);
  const busy = progress !== undefined && progress !== 'done';

  const submit = async () => {
    setError(undefined);
    try {
      await cloneVm({ namespace, name: source }, { name, start, onProgress: setProgress });
      close();
    } catch (failure) {
      setError(failure);
      setProgress(undefined);
    }
  };

  const progressText: Record<CloneProgress, string> = {
    creating: t('Creating the clone request…'),
    cloning: t('Copying the disks…'),
    starting: t('Starting {{name}}…', { name }),
    done: t('Done'),
  };

  return (
    <Modal
      isOpen
      variant="small"
      onClose={close}
      aria-labelledby="virtualization-plugin-clone-title"
    >
      <ModalHeader
        title={t('Clone {{name}}', { name: source })}
        labelId="virtualization-plugin-clone-title"
      />
      <ModalBody>
        <Form
          id="virtualization-plugin-clone-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!nameError && !busy) void submit();
          }}
        >
          <NameField
            id="virtualization-plugin-clone-name"
            label={t('Name')}
            value={name}
            error={nameError}
            onChange={setName}
          />
          <FormGroup label={t('Project')} fieldId="virtualization-plugin-clone-project">
            <TextInput
              id="virtualization-plugin-clone-project"
              value={namespace}
              readOnlyVariant="default"
            />
            <FormHelperText>
              <HelperText>
                <HelperTextItem>
                  {t('A VirtualMachineClone creates the copy in the project of the source VM.')}
                </HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <Checkbox
            id="virtualization-plugin-clone-start"
            label={t('Start VirtualMachine on clone')}
            isChecked={start}
            onChange={(_, checked) => setStart(checked)}
          />
          {busy && progress && (
            <Progress
              aria-label={t('Clone progress')}
              title={progressText[progress]}
              value={progress === 'creating' ? 10 : progress === 'cloning' ? 50 : 90}
              measureLocation="none"
            />
          )}
          <ModalError error={error} />
        </Form>
      </ModalBody>
      <SubmitFooter
        formId="virtualization-plugin-clone-form"
        label={t('Clone')}
        isDisabled={!!nameError || busy}
        busy={busy}
        onCancel={close}
        cancelLabel={busy ? t('Close') : t('Cancel')}
      />
    </Modal>
  );
};
