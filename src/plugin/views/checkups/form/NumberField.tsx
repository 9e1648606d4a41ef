import { FormGroup, TextInput } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { FieldHelp } from '../../vms/actions/modals/FieldHelp';

/** A whole-number input kept as typed (so a wrong value can be named), with its message. */
export const NumberField = ({
  id,
  label,
  value,
  error,
  helper,
  isRequired,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error?: string;
  helper?: ReactNode;
  isRequired?: boolean;
  onChange(value: string): void;
}) => (
  <FormGroup label={label} isRequired={isRequired} fieldId={id}>
    <TextInput
      id={id}
      inputMode="numeric"
      isRequired={isRequired}
      value={value}
      validated={error ? 'error' : 'default'}
      onChange={(_, next) => onChange(next)}
    />
    <FieldHelp error={error}>{helper}</FieldHelp>
  </FormGroup>
);
