import {
  FormGroup,
  FormSelect,
  FormSelectOption,
  InputGroup,
  InputGroupItem,
  TextInput,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { usePluginTranslation } from '../../../../i18n';
import { FieldHelp } from '../../../vms/actions/modals/FieldHelp';
import { SIZE_UNITS, type SizeUnit } from '../../../vms/details/configuration/disks/diskValidation';
import { diskSizeFields, diskSizeQuantity } from './diskSize';

/** The boot disk's size as a number and a unit; empty `diskSize` shows `fallback`. */
export const DiskSizeField = ({
  id,
  diskSize,
  fallback,
  error,
  helper,
  isDisabled,
  onChange,
}: {
  id: string;
  diskSize: string;
  /** The size shown while none is typed (the volume's, the template's). */
  fallback?: string;
  error?: string;
  helper?: ReactNode;
  isDisabled?: boolean;
  onChange(diskSize: string): void;
}) => {
  const { t } = usePluginTranslation();
  const size = diskSizeFields(diskSize || fallback);
  const setSize = (value: string, unit: SizeUnit) => onChange(diskSizeQuantity(value, unit));
  return (
    <FormGroup label={t('Disk size')} fieldId={id}>
      <InputGroup>
        <InputGroupItem isFill>
          <TextInput
            id={id}
            inputMode="decimal"
            isDisabled={isDisabled}
            value={size.value}
            validated={error ? 'error' : 'default'}
            onChange={(_, next) => setSize(next.trim(), size.unit)}
          />
        </InputGroupItem>
        <InputGroupItem>
          <FormSelect
            aria-label={t('Disk size unit')}
            value={size.unit}
            isDisabled={isDisabled}
            onChange={(_, next) => setSize(size.value, next as SizeUnit)}
          >
            {SIZE_UNITS.map((unit) => (
              <FormSelectOption key={unit} value={unit} label={unit} />
            ))}
          </FormSelect>
        </InputGroupItem>
      </InputGroup>
      <FieldHelp error={error}>{helper}</FieldHelp>
    </FormGroup>
  );
};
