import { FileUpload, FormGroup, Radio, TextInput } from '@patternfly/react-core';
import { useMemo, useState, type ReactNode } from 'react';
import { errorMessage } from '../../../../../api/bff';
import type { Secret } from '../../../../../api/types';
import { usePluginTranslation } from '../../../../../i18n';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import { namesOf, NameSelect } from '../editor/NameSelect';
import { secretHoldsSshKey } from './sshPublicKey';

export interface SshKeyFieldsValue {
  mode: 'existing' | 'new';
  /** The Secret chosen under "Use existing". */
  existing: string;
  /** "Add new": the public key pasted or uploaded, and the Secret to keep it in. */
  publicKey: string;
  /** The key was typed or uploaded: only then is its error shown. */
  touchedKey: boolean;
  secretName: string;
}

export interface SshKeyFieldsProps {
  /** Prefix of the fields' ids: `${idPrefix}-secret`, `${idPrefix}-public-key` … */
  idPrefix: string;
  namespace: string;
  /** The Secrets of the project, as watched by the modal. */
  secrets: { data: Secret[]; error?: unknown };
  mayCreate: boolean;
  value: SshKeyFieldsValue;
  onChange(value: SshKeyFieldsValue): void;
  keyError?: string;
  nameError?: string;
  /** The hint under Secret name. */
  secretNameHelp?: ReactNode;
}

/**
 * Key source of an authorized SSH key: "Use existing" (a Secret of the project) or "Add new" (a
 * public key pasted or uploaded, and the name of the Secret to create for it).
 */
export const SshKeyFields = ({
  idPrefix,
  namespace,
  secrets,
  mayCreate,
  value,
  onChange,
  keyError,
  nameError,
  secretNameHelp,
}: SshKeyFieldsProps) => {
  const { t } = usePluginTranslation();
  const [filename, setFilename] = useState('');
  const set = (patch: Partial<SshKeyFieldsValue>) => onChange({ ...value, ...patch });

  const [keySecrets, otherSecrets] = useMemo(() => {
    const sorted = [...secrets.data].sort((a, b) =>
      (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
    );
    return [
      sorted.filter(secretHoldsSshKey),
      sorted.filter((secret) => !secretHoldsSshKey(secret)),
    ];
  }, [secrets.data]);
  const chosenSecret = secrets.data.find((secret) => secret.metadata?.name === value.existing);

  return (
    <>
      <FormGroup role="radiogroup" isInline fieldId={`${idPrefix}-mode`} label={t('Key source')}>
        <Radio
          id={`${idPrefix}-existing`}
          name={`${idPrefix}-mode`}
          label={t('Use existing')}
          isChecked={value.mode === 'existing'}
          onChange={() => set({ mode: 'existing' })}
        />
        <Radio
          id={`${idPrefix}-new`}
          name={`${idPrefix}-mode`}
          label={t('Add new')}
          isChecked={value.mode === 'new'}
          isDisabled={!mayCreate}
          description={
            mayCreate ? undefined : t('You may not create Secrets in {{namespace}}.', { namespace })
          }
          onChange={() => set({ mode: 'new' })}
        />
      </FormGroup>

      {value.mode === 'existing' && (
        <FormGroup label={t('Secret')} isRequired fieldId={`${idPrefix}-secret`}>
          <NameSelect
            id={`${idPrefix}-secret`}
            value={value.existing}
            onChange={(existing) => set({ existing })}
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

      {value.mode === 'new' && (
        <>
          <FormGroup label={t('Public key')} isRequired fieldId={`${idPrefix}-public-key`}>
            <FileUpload
              id={`${idPrefix}-public-key`}
              type="text"
              aria-label={t('Public key')}
              value={value.publicKey}
              filename={filename}
              filenamePlaceholder={t('Drag a .pub file here or upload one')}
              browseButtonText={t('Upload')}
              clearButtonText={t('Clear')}
              allowEditingUploadedText
              validated={value.touchedKey && keyError ? 'error' : 'default'}
              onFileInputChange={(_, file) => setFilename(file.name)}
              onDataChange={(_, data) => set({ publicKey: data, touchedKey: true })}
              onTextChange={(_, text) => set({ publicKey: text, touchedKey: true })}
              onClearClick={() => {
                set({ publicKey: '' });
                setFilename('');
              }}
            />
            <FieldHelp error={value.touchedKey ? keyError : undefined}>
              {t('For example the content of ~/.ssh/id_ed25519.pub: ssh-ed25519 AAAA… user@host')}
            </FieldHelp>
          </FormGroup>
          <FormGroup label={t('Secret name')} isRequired fieldId={`${idPrefix}-secret-name`}>
            <TextInput
              id={`${idPrefix}-secret-name`}
              isRequired
              value={value.secretName}
              validated={nameError ? 'error' : 'default'}
              onChange={(_, next) => set({ secretName: next.trim() })}
            />
            <FieldHelp error={nameError}>{secretNameHelp}</FieldHelp>
          </FormGroup>
        </>
      )}
    </>
  );
};
