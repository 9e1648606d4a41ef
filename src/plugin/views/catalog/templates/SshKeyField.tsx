import { Button, FormGroup, Split, SplitItem } from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../i18n';
import { FieldHelp } from '../../vms/actions/modals/FieldHelp';
import { SshKeyModal } from '../instanceTypes/details/SshKeyModal';
import type { SshKeyChoice } from '../instanceTypes/flow';

export interface SshKeyFieldProps {
  namespace: string;
  vmName: string;
  value: SshKeyChoice;
  isDisabled: boolean;
  onChange(choice: SshKeyChoice): void;
}

const summary = (t: ReturnType<typeof usePluginTranslation>['t'], value: SshKeyChoice) => {
  switch (value.kind) {
    case 'existing':
      return t('Secret {{name}}', { name: value.secretName });
    case 'new':
      return t('New Secret {{name}}, created with the VirtualMachine', { name: value.secretName });
    default:
      return t('Not configured');
  }
};

/**
 * Authorized SSH key: an existing Secret of the project or a new public key. Only recorded here;
 * a new key's Secret is created with the VM (the draft's prerequisites).
 */
export const SshKeyField = ({
  namespace,
  vmName,
  value,
  isDisabled,
  onChange,
}: SshKeyFieldProps) => {
  const { t } = usePluginTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <FormGroup label={t('Authorized SSH key')} fieldId="virtualization-plugin-template-ssh-key">
      <Split hasGutter>
        <SplitItem isFilled id="virtualization-plugin-template-ssh-key">
          {summary(t, value)}
        </SplitItem>
        <SplitItem>
          <Button
            variant="link"
            isInline
            isDisabled={isDisabled || !namespace}
            aria-label={t('Edit Authorized SSH key')}
            onClick={() => setEditing(true)}
          >
            {t('Edit')}
          </Button>
        </SplitItem>
        {value.kind !== 'none' && (
          <SplitItem>
            <Button
              variant="link"
              isInline
              isDisabled={isDisabled}
              aria-label={t('Remove authorized SSH key')}
              onClick={() => onChange({ kind: 'none' })}
            >
              {t('Remove')}
            </Button>
          </SplitItem>
        )}
      </Split>
      <FieldHelp>
        {namespace
          ? t('cloud-init adds the key to the guest at first boot.')
          : t('Select a project first.')}
      </FieldHelp>
      {editing && (
        <SshKeyModal
          namespace={namespace}
          vmName={vmName}
          value={value}
          onSave={onChange}
          onClose={() => setEditing(false)}
        />
      )}
    </FormGroup>
  );
};
