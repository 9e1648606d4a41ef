import { usePluginTranslation } from '../../../i18n';
import { NumberField } from './NumberField';
import type { FormErrors, StorageFormValues } from './runForm';

/** The storage checkup's one setting besides its name. */
export const StorageFields = ({
  values,
  errors,
  onChange,
}: {
  values: StorageFormValues;
  errors: FormErrors<StorageFormValues>;
  onChange(patch: Partial<StorageFormValues>): void;
}) => {
  const { t } = usePluginTranslation();
  return (
    <NumberField
      id="checkup-timeout"
      label={t('Timeout (minutes)')}
      isRequired
      value={values.timeout}
      error={errors.timeout}
      helper={t('The checkup stops and fails after this long.')}
      onChange={(timeout) => onChange({ timeout })}
    />
  );
};
