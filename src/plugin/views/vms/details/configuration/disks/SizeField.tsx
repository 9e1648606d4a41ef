import {
  FormGroup,
  FormSelect,
  FormSelectOption,
  InputGroup,
  InputGroupItem,
  TextInput,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import { SIZE_UNITS, type SizeUnit } from './diskValidation';

/** A size and its unit (GiB, MiB), with its error or help under it. */
export const SizeField = ({
  id,
  value,
  unit,
  error,
  helper,
  onChange,
}: {
  id: string;
  value: string;
  unit: SizeUnit;
  error?: string;
  helper?: ReactNode;
  onChange(value: string, unit: SizeUnit): void;
}) => {
  const { t } = usePluginTranslation();
  return (
    <FormGroup label={t('Size')} isRequired fieldId={id}>
      <InputGroup>
        <InputGroupItem isFill>
          <TextInput
            id={id}
            isRequired
            inputMode="decimal"
            value={value}
            validated={error ? 'error' : 'default'}
            onChange={(_, next) => onChange(next, unit)}
          />
        </InputGroupItem>
        <InputGroupItem>
          <FormSelect
            aria-label={t('Size unit')}
            value={unit}
            onChange={(_, next) => onChange(value, next as SizeUnit)}
          >
            {SIZE_UNITS.map((option) => (
              <FormSelectOption key={option} value={option} label={option} />
            ))}
          </FormSelect>
        </InputGroupItem>
      </InputGroup>
      <FieldHelp error={error}>{helper}</FieldHelp>
    </FormGroup>
  );
};
