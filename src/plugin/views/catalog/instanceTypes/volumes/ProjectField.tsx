import { FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import type { Namespace } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { FieldHelp } from '../../../vms/actions/modals/FieldHelp';

/** A project: picked from the list, or typed when the user may not list projects. */
export const ProjectField = ({
  id,
  label,
  value,
  namespaces,
  error,
  helper,
  isDisabled,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  /** Undefined: the projects cannot be listed. */
  namespaces?: readonly Namespace[];
  error?: string;
  helper?: ReactNode;
  isDisabled: boolean;
  onChange(namespace: string): void;
}) => {
  const { t } = usePluginTranslation();
  const names = (namespaces ?? []).map((ns) => ns.metadata?.name ?? '').filter(Boolean);
  return (
    <FormGroup label={label} isRequired fieldId={id}>
      {namespaces ? (
        <FormSelect
          id={id}
          value={value}
          isDisabled={isDisabled}
          validated={error ? 'error' : 'default'}
          onChange={(_, next) => onChange(next)}
        >
          {!value && <FormSelectOption value="" label={t('Select a project')} isPlaceholder />}
          {value && !names.includes(value) && <FormSelectOption value={value} label={value} />}
          {names.map((name) => (
            <FormSelectOption key={name} value={name} label={name} />
          ))}
        </FormSelect>
      ) : (
        <TextInput
          id={id}
          isRequired
          isDisabled={isDisabled}
          value={value}
          validated={error ? 'error' : 'default'}
          onChange={(_, next) => onChange(next.trim())}
        />
      )}
      <FieldHelp error={error}>{helper}</FieldHelp>
    </FormGroup>
  );
};
