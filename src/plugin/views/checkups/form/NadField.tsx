import {
  Alert,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Skeleton,
  TextInput,
} from '@patternfly/react-core';
import { errorMessage } from '../../../api/bff';
import { NetworkAttachmentDefinitionModel } from '../../../api/models';
import { useK8sWatchList } from '../../../api/watch';
import { usePluginTranslation } from '../../../i18n';
import { FieldHelp } from '../../vms/actions/modals/FieldHelp';
import type { NetworkAttachmentDefinition } from '../model/types';

/**
 * The NetworkAttachmentDefinition the two VMs connect through: one of the project's, typed when
 * they cannot be listed; with none, what to do about it.
 */
export const NadField = ({
  namespace,
  value,
  error,
  onChange,
}: {
  namespace: string;
  value: string;
  error?: string;
  onChange(value: string): void;
}) => {
  const { t } = usePluginTranslation();
  const nads = useK8sWatchList<NetworkAttachmentDefinition>(NetworkAttachmentDefinitionModel, {
    namespace,
  });
  const names = nads.data.map((nad) => nad.metadata?.name ?? '').sort();
  const id = 'checkup-nad';
  const label = t('NetworkAttachmentDefinition');
  if (!nads.loaded)
    return (
      <FormGroup label={label} isRequired fieldId={id}>
        <Skeleton screenreaderText={t('Loading NetworkAttachmentDefinitions')} height="36px" />
      </FormGroup>
    );
  if (nads.error)
    return (
      <FormGroup label={label} isRequired fieldId={id}>
        <TextInput
          id={id}
          isRequired
          value={value}
          validated={error ? 'error' : 'default'}
          onChange={(_, next) => onChange(next.trim())}
        />
        <FieldHelp error={error}>
          {t('The NetworkAttachmentDefinitions could not be listed ({{message}}): type the name.', {
            message: errorMessage(nads.error),
          })}
        </FieldHelp>
      </FormGroup>
    );
  return (
    <FormGroup label={label} isRequired fieldId={id}>
      <FormSelect
        id={id}
        value={value}
        isDisabled={names.length === 0}
        validated={error ? 'error' : 'default'}
        onChange={(_, next) => onChange(next)}
      >
        <FormSelectOption
          value=""
          label={t('Select a NetworkAttachmentDefinition')}
          isPlaceholder
        />
        {names.map((name) => (
          <FormSelectOption key={name} value={name} label={name} />
        ))}
      </FormSelect>
      {names.length === 0 ? (
        <Alert
          variant="warning"
          isInline
          isPlain
          title={t('Project {{namespace}} has no NetworkAttachmentDefinition', { namespace })}
        >
          {t(
            'The checkup connects its two VirtualMachines through a secondary network. Create a NetworkAttachmentDefinition in this project first (Networking \u2192 NetworkAttachmentDefinitions, for example a Linux bridge that every node has), then run the checkup.',
          )}
        </Alert>
      ) : (
        <FieldHelp error={error} />
      )}
    </FormGroup>
  );
};
