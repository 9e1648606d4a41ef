import {
  Button,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Switch,
} from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../i18n';
import { FieldHelp } from '../../../vms/actions/modals/FieldHelp';
import type { SshKeyChoice } from '../flow';
import { ChoiceRow } from './ChoiceRow';
import { SshKeyModal } from './SshKeyModal';

export interface SshKeyRowsProps {
  namespace: string;
  vmName: string;
  sshKey: SshKeyChoice;
  dynamicKeyInjection: boolean;
  /** The project's remembered key Secret, if any. */
  projectKey?: string;
  onChange(change: { sshKey?: SshKeyChoice; dynamicKeyInjection?: boolean }): void;
}

const KeySummary = ({ sshKey, projectKey }: { sshKey: SshKeyChoice; projectKey?: string }) => {
  const { t } = usePluginTranslation();
  switch (sshKey.kind) {
    case 'existing':
      return (
        <>
          {sshKey.secretName === projectKey
            ? t('Secret {{name}} (applied to new VirtualMachines in this project)', {
                name: sshKey.secretName,
              })
            : t('Secret {{name}}', { name: sshKey.secretName })}
        </>
      );
    case 'new':
      return (
        <>
          {sshKey.applyToProject
            ? t(
                'New Secret {{name}}, created with the VirtualMachine and applied to new VirtualMachines in this project',
                { name: sshKey.secretName },
              )
            : t('New Secret {{name}}, created with the VirtualMachine', {
                name: sshKey.secretName,
              })}
        </>
      );
    default:
      return <>{t('Not configured')}</>;
  }
};

/** Authorized SSH key (a choice recorded for the creation step) and dynamic key injection. */
export const SshKeyRows = ({
  namespace,
  vmName,
  sshKey,
  dynamicKeyInjection,
  projectKey,
  onChange,
}: SshKeyRowsProps) => {
  const { t } = usePluginTranslation();
  const [editing, setEditing] = useState(false);
  const hasKey = sshKey.kind !== 'none';
  return (
    <>
      <ChoiceRow
        label={t('Authorized SSH key')}
        isDisabled={!namespace}
        onEdit={() => setEditing(true)}
      >
        <KeySummary sshKey={sshKey} projectKey={projectKey} />
        {hasKey && (
          <>
            {' '}
            <Button
              variant="link"
              isInline
              aria-label={t('Remove authorized SSH key')}
              onClick={() => onChange({ sshKey: { kind: 'none' }, dynamicKeyInjection: false })}
            >
              {t('Remove')}
            </Button>
          </>
        )}
      </ChoiceRow>
      <DescriptionListGroup>
        <DescriptionListTerm>{t('Dynamic SSH key injection')}</DescriptionListTerm>
        <DescriptionListDescription>
          <Switch
            id="virtualization-plugin-create-vm-dynamic-ssh"
            aria-label={t('Dynamic SSH key injection')}
            isChecked={hasKey && dynamicKeyInjection}
            isDisabled={!hasKey}
            onChange={(_, checked) => onChange({ dynamicKeyInjection: checked })}
          />
          <FieldHelp>
            {hasKey
              ? t(
                  'The QEMU guest agent adds the key while the VirtualMachine runs, and keeps it current when the Secret changes. Needs the guest agent; supported on RHEL 9.',
                )
              : t('Choose an authorized SSH key first.')}
          </FieldHelp>
        </DescriptionListDescription>
      </DescriptionListGroup>
      {editing && (
        <SshKeyModal
          namespace={namespace}
          vmName={vmName}
          value={sshKey}
          onSave={(choice) => onChange({ sshKey: choice })}
          onClose={() => setEditing(false)}
        />
      )}
    </>
  );
};
