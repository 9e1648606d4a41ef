import { FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { usePluginTranslation } from '../../i18n';
import { FieldHelp } from '../vms/actions/modals/FieldHelp';

export interface ProjectSelectProps {
  id: string;
  label: string;
  value: string;
  /** The projects to pick from; undefined when they cannot be listed: the project is typed. */
  names: readonly string[] | undefined;
  error?: string;
  warning?: ReactNode;
  helper?: ReactNode;
  isDisabled?: boolean;
  onChange(namespace: string): void;
}

/** A project picked from those the user can see, or typed when they cannot be listed. */
export const ProjectSelect = ({
  id,
  label,
  value,
  names,
  error,
  warning,
  helper,
  isDisabled,
  onChange,
}: ProjectSelectProps) => {
  const { t } = usePluginTranslation();
  return (
    <FormGroup label={label} isRequired fieldId={id}>
      {names ? (
        <FormSelect
          id={id}
          value={value}
          isDisabled={isDisabled}
          validated={error ? 'error' : 'default'}
          onChange={(_, next) => onChange(next)}
        >
          <FormSelectOption value="" label={t('Select a project')} isPlaceholder />
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
      <FieldHelp error={error} warning={warning}>
        {helper}
      </FieldHelp>
    </FormGroup>
  );
};
