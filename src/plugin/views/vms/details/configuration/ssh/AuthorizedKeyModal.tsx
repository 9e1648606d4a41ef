import { Checkbox, HelperText, HelperTextItem } from '@patternfly/react-core';
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
import { createObjectFor, type VmEditor } from '../editor/vmEditor';
import { generatedName } from '../editor/randomText';
import { encodeBase64 } from '../initialRun/base64';
import { cloudInitOf } from '../initialRun/cloudInitVolume';
import { RestartHint } from '../editor/RestartHint';
import { setSshKeyOps, sshKeyOf } from './accessCredentials';
import { useProjectSshKey } from './projectSshKey';
import { SshKeyFields, type SshKeyFieldsValue } from './SshKeyFields';
import { sshPublicKeyError, validateSecretName } from './sshPublicKey';

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

  const [fields, setFields] = useState<SshKeyFieldsValue>(() => ({
    mode: current ? 'existing' : 'new',
    existing: current?.secretName ?? '',
    publicKey: '',
    touchedKey: false,
    secretName: generatedName(vmName, 'ssh-key'),
  }));
  const { mode, existing, publicKey, secretName } = fields;
  const [applyToProject, setApplyToProject] = useState(
    !!projectKey && projectKey === current?.secretName,
  );
  /** The Secret this dialog created already: a retry after a failed VM patch reuses it. */
  const [created, setCreated] = useState<{ name: string; key: string }>();

  const names = useMemo(
    () => secrets.data.map((secret) => secret.metadata?.name ?? '').filter(Boolean),
    [secrets.data],
  );

  const keyError = sshPublicKeyError(publicKey, t);
  const nameError =
    created?.name === secretName ? undefined : validateSecretName(secretName, names, t);
  const chosen = mode === 'existing' ? existing : secretName;
  const isValid = mode === 'existing' ? !!existing : !keyError && !nameError;

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
            <SshKeyFields
              idPrefix="virtualization-plugin-ssh"
              namespace={namespace}
              secrets={secrets}
              mayCreate={canCreate.allowed || canCreate.loading}
              value={fields}
              onChange={setFields}
              keyError={keyError}
              nameError={nameError ?? serverNameError}
            />

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
