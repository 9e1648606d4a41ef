import { ExpandableSection, FormGroup, Stack, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../i18n';
import { FieldHelp } from '../../vms/actions/modals/FieldHelp';
import type { ParameterInfo } from './templateModel';

export interface ParameterFieldsProps {
  parameters: ParameterInfo[];
  values: Record<string, string>;
  /** Ours and the server's, by parameter name. */
  errors: Record<string, string>;
  isDisabled: boolean;
  onChange(name: string, value: string): void;
}

const ParameterField = ({
  parameter,
  value,
  error,
  isDisabled,
  onChange,
}: {
  parameter: ParameterInfo;
  value: string;
  error?: string;
  isDisabled: boolean;
  onChange(value: string): void;
}) => {
  const { t } = usePluginTranslation();
  const id = `virtualization-plugin-template-parameter-${parameter.name}`;
  const generated = parameter.generated !== undefined;
  return (
    <FormGroup
      label={parameter.displayName ?? parameter.name}
      isRequired={parameter.required && !generated}
      fieldId={id}
    >
      <TextInput
        id={id}
        isDisabled={isDisabled}
        value={value}
        placeholder={generated ? t('Generated if empty') : undefined}
        validated={error ? 'error' : 'default'}
        onChange={(_, next) => onChange(next)}
      />
      <FieldHelp error={error}>
        {parameter.description || generated ? (
          <>
            {parameter.description}
            {parameter.description && generated && <br />}
            {generated &&
              t('Left empty, the server generates a value from {{expression}}.', {
                expression: parameter.generated,
              })}
          </>
        ) : undefined}
      </FieldHelp>
    </FormGroup>
  );
};

const Fields = ({ parameters, values, errors, isDisabled, onChange }: ParameterFieldsProps) => (
  <Stack hasGutter>
    {parameters.map((parameter) => (
      <ParameterField
        key={parameter.name}
        parameter={parameter}
        value={values[parameter.name] ?? ''}
        error={errors[parameter.name]}
        isDisabled={isDisabled}
        onChange={(value) => onChange(parameter.name, value)}
      />
    ))}
  </Stack>
);

/** The template's required parameters, each a field. */
export const RequiredParameters = (props: ParameterFieldsProps) =>
  props.parameters.length ? <Fields {...props} /> : null;

/** "Optional parameters", folded; unfolded while one of them has an error. */
export const OptionalParameters = (props: ParameterFieldsProps) => {
  const { t } = usePluginTranslation();
  const [expanded, setExpanded] = useState(false);
  if (!props.parameters.length) return null;
  const hasError = props.parameters.some((parameter) => props.errors[parameter.name]);
  return (
    <ExpandableSection
      toggleText={t('Optional parameters')}
      isExpanded={expanded || hasError}
      onToggle={(_, next) => setExpanded(next)}
    >
      <Fields {...props} />
    </ExpandableSection>
  );
};
