import {
  Checkbox,
  FileUpload,
  FormGroup,
  HelperText,
  HelperTextItem,
  Radio,
  TextInput,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useAccessReview } from '../../../../../api/access';
import { errorMessage } from '../../../../../api/bff';
import { k8sPatch } from '../../../../../api/k8s';
import { SecretModel } from '../../../../../api/models';
import type { Secret } from '../../../../../api/types';
import { useK8sWatchList } from '../../../../../api/watch';
import { usePluginTranslation } from '../../../../../i18n';
import { fieldErrorOf } from '../editor/fieldErrors';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import { FormModal } from '../editor/FormModal';
import { namesOf, NameSelect } from '../editor/NameSelect';
import { createObjectFor, type VmEditor } from '../editor/vmEditor';
import { generatedName } from '../editor/randomText';
import { encodeBase64 } from '../initialRun/base64';
import { cloudInitOf } from '../initialRun/cloudInitVolume';
import { RestartHint } from '../editor/RestartHint';
import { setSshKeyOps, sshKeyOf } from './accessCredentials';
import { useProjectSshKey } from './projectSshKey';
import { secretHoldsSshKey, sshPublicKeyError, validateSecretName } from './sshPublicKey';

type Mode = 'existing' | 'new';

/**
 * Authorized SSH key: a Secret of the project (existing, or created here from a pasted or
 * uploaded public key) that KubeVirt gives the guest through cloud-init at first boot.
 */
export const AuthorizedKeyModal = ({ editor, onClose }: { editor: VmEditor; onClose(): void }) => {
  const { t } = usePluginTranslation();
  const namespace = editor.vm.metadata?.namespace ?? '';
  const vmName = editor.vm.metadata?.name ?? '';
  const current = sshKeyOf(editor.vm);
  const [storedKey, storeKey] = useProjectSshKey(namespace);
  // A draft remembers the project's key only once its VM is created.
  const projectKey = editor.projectSshKey?.secretName ?? storedKey;
  const setProjectKey = editor.projectSshKey?.set ?? storeKey;
  const secrets = useK8sWatchList<Secret>(SecretModel, { namespace });
  const canCreate = useAccessReview({ verb: 'create', resource: 'secrets', namespace });

  const [mode, setMode] = useState<Mode>(current ? 'existing' : 'new');
  const [existing, setExisting] = useState(current?.secretName ?? '');
  const [publicKey, setPublicKey] = useState('');
  const [filename, setFilename] = useState('');
  const [touchedKey, setTouchedKey] = useState(false);
  const [secretName, setSecretName] = useState(() => generatedName(vmName, 'ssh-key'));
  const [applyToProject, setApplyToProject] = useState(
    !!projectKey && projectKey === current?.secretName,
  );
  /** The Secret this dialog created already: a retry after a failed VM patch reuses it. */
  const [created, setCreated] = useState<{ name: string; key: string }>();

  const names = useMemo(
    () => secrets.data.map((secret) => secret.metadata?.name ?? '').filter(Boolean),
    [secrets.data],
  );
  const [keySecrets, otherSecrets] = useMemo(() => {
    const sorted = [...secrets.data].sort((a, b) =>
      (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
    );
    return [
      sorted.filter(secretHoldsSshKey),
      sorted.filter((secret) => !secretHoldsSshKey(secret)),
    ];
  }, [secrets.data]);

  const keyError = sshPublicKeyError(publicKey, t);
  const nameError =
    created?.name === secretName ? undefined : validateSecretName(secretName, names, t);
  const chosen = mode === 'existing' ? existing : secretName;
  const isValid = mode === 'existing' ? !!existing : !keyError && !nameError;
  const chosenSecret = secrets.data.find((secret) => secret.metadata?.name === existing);

  const submit = async () => {
    if (mode === 'new') {
      const key = publicKey.trim();
      // A draft replaces the Secret it holds; in the cluster, a Secret created by the last try
      // of this dialog is patched instead.
      if (editor.createObject || created?.name !== secretName)
        await createObjectFor<Secret>(editor, SecretModel, {
          metadata: { name: secretName, namespace },
          type: 'Opaque',
          data: { key: encodeBase64(key) },
        });
      else if (created.key !== key)
        // Created by the last try of this dialog: it follows the key typed since.
        await k8sPatch(
          SecretModel,
          { namespace, name: secretName },
          {
            data: { key: encodeBase64(key) },
          },
        );
      setCreated({ name: secretName, key });
    }
    await editor.patch(setSshKeyOps(editor.vm, chosen));
    if (applyToProject) setProjectKey(chosen);
    else if (projectKey === chosen) setProjectKey(undefined);
  };

  return (
    <FormModal
      title={t('Authorized SSH key')}
      description={t(
        'The key is kept in a Secret of the project; cloud-init adds it to the guest at first boot.',
      )}
      isValid={isValid}
      onSubmit={submit}
      onClose={onClose}
    >
      {(error) => {
        const conflict = (error as { code?: number } | undefined)?.code === 409 && mode === 'new';
        const serverNameError = conflict
          ? errorMessage(error)
          : fieldErrorOf(error, 'metadata.name');
        return (
          <>
            <FormGroup
              role="radiogroup"
              isInline
              fieldId="virtualization-plugin-ssh-key-mode"
              label={t('Key source')}
            >
              <Radio
                id="virtualization-plugin-ssh-key-existing"
                name="virtualization-plugin-ssh-key-mode"
                label={t('Use existing')}
                isChecked={mode === 'existing'}
                onChange={() => setMode('existing')}
              />
              <Radio
                id="virtualization-plugin-ssh-key-new"
                name="virtualization-plugin-ssh-key-mode"
                label={t('Add new')}
                isChecked={mode === 'new'}
                isDisabled={!canCreate.allowed && !canCreate.loading}
                description={
                  !canCreate.allowed && !canCreate.loading
                    ? t('You may not create Secrets in {{namespace}}.', { namespace })
                    : undefined
                }
                onChange={() => setMode('new')}
              />
            </FormGroup>

            {mode === 'existing' && (
              <FormGroup label={t('Secret')} isRequired fieldId="virtualization-plugin-ssh-secret">
                <NameSelect
                  id="virtualization-plugin-ssh-secret"
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
                  fieldId="virtualization-plugin-ssh-public-key"
                >
                  <FileUpload
                    id="virtualization-plugin-ssh-public-key"
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
                  fieldId="virtualization-plugin-ssh-secret-name"
                >
                  <TextInput
                    id="virtualization-plugin-ssh-secret-name"
                    isRequired
                    value={secretName}
                    validated={nameError || serverNameError ? 'error' : 'default'}
                    onChange={(_, value) => setSecretName(value.trim())}
                  />
                  <FieldHelp error={nameError ?? serverNameError} />
                </FormGroup>
              </>
            )}

            <Checkbox
              id="virtualization-plugin-ssh-apply-to-project"
              label={t('Apply this key to all new VirtualMachines in this project')}
              description={t(
                'Remembered for you in this browser; VirtualMachines you create in {{namespace}} get the key.',
                { namespace },
              )}
              isChecked={applyToProject}
              onChange={(_, checked) => setApplyToProject(checked)}
            />
            {!cloudInitOf(editor.vm) && (
              <HelperText>
                <HelperTextItem>
                  {t(
                    'The VirtualMachine has no cloud-init disk: one is added (cloudinitdisk), creating the user cloud-user.',
                  )}
                </HelperTextItem>
              </HelperText>
            )}
            <FieldHelp error={fieldErrorOf(error, 'spec.template.spec.accessCredentials')} />
            <RestartHint editor={editor} />
          </>
        );
      }}
    </FormModal>
  );
};
