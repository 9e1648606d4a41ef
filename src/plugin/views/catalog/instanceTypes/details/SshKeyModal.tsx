import { Checkbox } from '@patternfly/react-core';
import { useState } from 'react';
import { useAccessReview } from '../../../../api/access';
import { SecretModel } from '../../../../api/models';
import type { Secret } from '../../../../api/types';
import { useK8sWatchList } from '../../../../api/watch';
import { usePluginTranslation } from '../../../../i18n';
import { FormModal } from '../../../vms/details/configuration/editor/FormModal';
import { namesOf } from '../../../vms/details/configuration/editor/NameSelect';
import { generatedName } from '../../../vms/details/configuration/editor/randomText';
import {
  SshKeyFields,
  type SshKeyFieldsValue,
} from '../../../vms/details/configuration/ssh/SshKeyFields';
import {
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

/**
 * Authorized SSH key for the VM being created: a Secret of the project, or a public key pasted or
 * uploaded here that the creation step stores in a new Secret. Nothing is sent from this dialog.
 */
export const SshKeyModal = ({ namespace, vmName, value, onSave, onClose }: SshKeyModalProps) => {
  const { t } = usePluginTranslation();
  const secrets = useK8sWatchList<Secret>(SecretModel, { namespace });
  const canCreate = useAccessReview({ verb: 'create', resource: 'secrets', namespace });
  const mayCreate = canCreate.allowed || canCreate.loading;

  const [fields, setFields] = useState<SshKeyFieldsValue>(() => ({
    mode: value.kind === 'existing' || !mayCreate ? 'existing' : 'new',
    existing: value.kind === 'existing' ? value.secretName : '',
    publicKey: value.kind === 'new' ? value.publicKey : '',
    touchedKey: value.kind === 'new',
    secretName: value.kind === 'new' ? value.secretName : generatedName(vmName, 'ssh-key'),
  }));
  const [applyToProject, setApplyToProject] = useState(
    value.kind === 'new' && value.applyToProject,
  );
  const { mode, existing, publicKey, secretName } = fields;

  const keyError = sshPublicKeyError(publicKey, t);
  const nameError = validateSecretName(secretName, namesOf(secrets.data), t);
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
          <SshKeyFields
            idPrefix="virtualization-plugin-create-ssh"
            namespace={namespace}
            secrets={secrets}
            mayCreate={mayCreate}
            value={fields}
            onChange={setFields}
            keyError={keyError}
            nameError={nameError}
            secretNameHelp={t('The Secret is created with the VirtualMachine.')}
          />
          {mode === 'new' && (
            <Checkbox
              id="virtualization-plugin-create-ssh-apply-to-project"
              label={t(
                'Automatically apply this key to any new VirtualMachine you create in this project',
              )}
              description={t('Remembered for you in this browser.')}
              isChecked={applyToProject}
              onChange={(_, checked) => setApplyToProject(checked)}
            />
          )}
        </>
      )}
    </FormModal>
  );
};
