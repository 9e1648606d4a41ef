import { Checkbox, FileUpload, FormGroup, Radio, TextInput } from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useAccessReview } from '../../../../api/access';
import { errorMessage } from '../../../../api/bff';
import { SecretModel } from '../../../../api/models';
import type { Secret } from '../../../../api/types';
import { useK8sWatchList } from '../../../../api/watch';
import { usePluginTranslation } from '../../../../i18n';
import { FieldHelp } from '../../../vms/actions/modals/FieldHelp';
import { FormModal } from '../../../vms/details/configuration/editor/FormModal';
import { namesOf, NameSelect } from '../../../vms/details/configuration/editor/NameSelect';
import { generatedName } from '../../../vms/details/configuration/editor/randomText';
import {
  secretHoldsSshKey,
  sshPublicKeyError,
  validateSecretName,
} from '../../../vms/details/configuration/ssh/sshPublicKey';
import type { SshKeyChoice } from '../flow';

export interface SshKeyModalProps {
  namespace: string;
  /** For the generated Secret name: `<vm>-ssh-key-xxxxx`. */
  vmName: string;
  value: SshKeyChoice;
  /** Records the choice; the Secret of a new key is created with the VM, not here. */
  onSave(choice: SshKeyChoice): void;
  onClose(): void;
}

type Mode = 'existing' | 'new';

/**
 * Authorized SSH key for the VM being created: a Secret of the project, or a public key pasted or
 * uploaded here that the creation step stores in a new Secret. Nothing is sent from this dialog.
 */
export const SshKeyModal = ({ namespace, vmName, value, onSave, onClose }: SshKeyModalProps) => {
  const { t } = usePluginTranslation();
  const secrets = useK8sWatchList<Secret>(SecretModel, { namespace });
  const canCreate = useAccessReview({ verb: 'create', resource: 'secrets', namespace });
  const mayCreate = canCreate.allowed || canCreate.loading;

  const [mode, setMode] = useState<Mode>(
    value.kind === 'existing' || !mayCreate ? 'existing' : 'new',
  );
  const [existing, setExisting] = useState(value.kind === 'existing' ? value.secretName : '');
  const [publicKey, setPublicKey] = useState(value.kind === 'new' ? value.publicKey : '');
  const [filename, setFilename] = useState('');
  const [touchedKey, setTouchedKey] = useState(value.kind === 'new');
  const [secretName, setSecretName] = useState(() =>
    value.kind === 'new' ? value.secretName : generatedName(vmName, 'ssh-key'),
  );
  const [applyToProject, setApplyToProject] = useState(
    value.kind === 'new' && value.applyToProject,
  );

  const [keySecrets, otherSecrets] = useMemo(() => {
    const sorted = [...secrets.data].sort((a, b) =>
      (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
    );
    return [sorted.filter(secretHoldsSshKey), sorted.filter((item) => !secretHoldsSshKey(item))];
  }, [secrets.data]);

  const keyError = sshPublicKeyError(publicKey, t);
  const nameError = validateSecretName(secretName, namesOf(secrets.data), t);
  const chosenSecret = secrets.data.find((item) => item.metadata?.name === existing);
  const isValid = mode === 'existing' ? !!existing : mayCreate && !keyError && !nameError;

  const choice = (): SshKeyChoice =>
    mode === 'existing'
      ? { kind: 'existing', secretName: existing }
      : { kind: 'new', secretName, publicKey: publicKey.trim(), applyToProject };

  return (
    <FormModal
      title={t('Authorized SSH key')}
      description={t(
        'The key is kept in a Secret of the project; cloud-init adds it to the guest at first boot.',
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
            fieldId="virtualization-plugin-create-ssh-mode"
            label={t('Key source')}
          >
            <Radio
              id="virtualization-plugin-create-ssh-existing"
              name="virtualization-plugin-create-ssh-mode"
              label={t('Use existing')}
              isChecked={mode === 'existing'}
              onChange={() => setMode('existing')}
            />
            <Radio
              id="virtualization-plugin-create-ssh-new"
              name="virtualization-plugin-create-ssh-mode"
              label={t('Add new')}
              isChecked={mode === 'new'}
              isDisabled={!mayCreate}
              description={
                mayCreate
                  ? undefined
                  : t('You may not create Secrets in {{namespace}}.', { namespace })
              }
              onChange={() => setMode('new')}
            />
          </FormGroup>

          {mode === 'existing' && (
            <FormGroup
              label={t('Secret')}
              isRequired
              fieldId="virtualization-plugin-create-ssh-secret"
            >
              <NameSelect
                id="virtualization-plugin-create-ssh-secret"
                value={existing}
                onChange={setExisting}
                placeholder={t('Select a Secret')}
                groups={[
                  { label: t('Secrets holding an SSH key'), names: namesOf(keySecrets) },
                  { label: t('Other Secrets'), names: namesOf(otherSecrets) },
                ]}
              />
              <FieldHelp
                warning={
                  secrets.error
                    ? t('The Secrets of {{namespace}} cannot be listed: {{message}}', {
                        namespace,
                        message: errorMessage(secrets.error),
                      })
                    : chosenSecret && !secretHoldsSshKey(chosenSecret)
                      ? t(
                          'This Secret holds no SSH public key; KubeVirt adds each of its values as a key.',
                        )
                      : undefined
                }
              >
                {t('Each value of the Secret is added as a key.')}
              </FieldHelp>
            </FormGroup>
          )}

          {mode === 'new' && (
            <>
              <FormGroup
                label={t('Public key')}
                isRequired
                fieldId="virtualization-plugin-create-ssh-public-key"
              >
                <FileUpload
                  id="virtualization-plugin-create-ssh-public-key"
                  type="text"
                  aria-label={t('Public key')}
                  value={publicKey}
                  filename={filename}
                  filenamePlaceholder={t('Drag a .pub file here or upload one')}
                  browseButtonText={t('Upload')}
                  clearButtonText={t('Clear')}
                  allowEditingUploadedText
                  validated={touchedKey && keyError ? 'error' : 'default'}
                  onFileInputChange={(_, file) => setFilename(file.name)}
                  onDataChange={(_, data) => {
                    setPublicKey(data);
                    setTouchedKey(true);
                  }}
                  onTextChange={(_, text) => {
                    setPublicKey(text);
                    setTouchedKey(true);
                  }}
                  onClearClick={() => {
                    setPublicKey('');
                    setFilename('');
                  }}
                />
                <FieldHelp error={touchedKey ? keyError : undefined}>
                  {t(
                    'For example the content of ~/.ssh/id_ed25519.pub: ssh-ed25519 AAAA… user@host',
                  )}
                </FieldHelp>
              </FormGroup>
              <FormGroup
                label={t('Secret name')}
                isRequired
                fieldId="virtualization-plugin-create-ssh-secret-name"
              >
                <TextInput
                  id="virtualization-plugin-create-ssh-secret-name"
                  isRequired
                  value={secretName}
                  validated={nameError ? 'error' : 'default'}
                  onChange={(_, next) => setSecretName(next.trim())}
                />
                <FieldHelp error={nameError}>
                  {t('The Secret is created with the VirtualMachine.')}
                </FieldHelp>
              </FormGroup>
              <Checkbox
                id="virtualization-plugin-create-ssh-apply-to-project"
                label={t(
                  'Automatically apply this key to any new VirtualMachine you create in this project',
                )}
                description={t('Remembered for you in this browser.')}
                isChecked={applyToProject}
                onChange={(_, checked) => setApplyToProject(checked)}
              />
            </>
          )}
        </>
      )}
    </FormModal>
  );
};
