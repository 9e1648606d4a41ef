import {
  Button,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  TextInput,
} from '@patternfly/react-core';
import { MinusCircleIcon } from '@patternfly/react-icons';
import { usePluginTranslation } from '../../../../../i18n';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import type { EnvironmentKind, EnvironmentRow, EnvironmentRowErrors } from './environmentDisks';

export interface ResourceChoices {
  names: string[];
  loaded: boolean;
  /** Why the list could not be read (permission), shown instead of names. */
  error?: string;
}

/** One environment disk: kind, resource, serial, remove. */
export const EnvironmentRowFields = ({
  row,
  number,
  choices,
  kindLabels,
  serviceAccountTaken,
  errors,
  isDisabled,
  onChange,
  onRemove,
}: {
  row: EnvironmentRow;
  number: number;
  choices: Record<EnvironmentKind, ResourceChoices>;
  kindLabels: Record<EnvironmentKind, string>;
  /** Another row is the VM's one ServiceAccount disk. */
  serviceAccountTaken: boolean;
  errors: EnvironmentRowErrors;
  isDisabled: boolean;
  onChange(row: EnvironmentRow): void;
  onRemove(): void;
}) => {
  const { t } = usePluginTranslation();
  const id = `virtualization-plugin-environment-${row.key}`;
  const available = choices[row.kind];
  const names =
    row.resource && !available.names.includes(row.resource)
      ? [row.resource, ...available.names]
      : available.names;
  return (
    <div role="group" aria-label={t('Environment disk {{number}}', { number })}>
      <Grid hasGutter>
        <GridItem md={3}>
          <FormGroup label={t('Resource kind')} fieldId={`${id}-kind`}>
            <FormSelect
              id={`${id}-kind`}
              value={row.kind}
              isDisabled={isDisabled}
              onChange={(_, kind) =>
                onChange({ ...row, kind: kind as EnvironmentKind, resource: '' })
              }
            >
              {(Object.keys(kindLabels) as EnvironmentKind[]).map((kind) => (
                <FormSelectOption
                  key={kind}
                  value={kind}
                  label={kindLabels[kind]}
                  isDisabled={kind === 'serviceAccount' && serviceAccountTaken && row.kind !== kind}
                />
              ))}
            </FormSelect>
          </FormGroup>
        </GridItem>
        <GridItem md={4}>
          <FormGroup label={t('Resource')} isRequired fieldId={`${id}-resource`}>
            <FormSelect
              id={`${id}-resource`}
              value={row.resource}
              isDisabled={isDisabled}
              validated={errors.resource ? 'error' : 'default'}
              onChange={(_, resource) => onChange({ ...row, resource })}
            >
              <FormSelectOption
                value=""
                isPlaceholder
                label={available.loaded ? t('Select a resource') : t('Loading…')}
              />
              {names.map((name) => (
                <FormSelectOption key={name} value={name} label={name} />
              ))}
            </FormSelect>
            <FieldHelp error={errors.resource} />
            <FieldHelp warning={available.error} />
          </FormGroup>
        </GridItem>
        <GridItem md={4}>
          <FormGroup label={t('Serial number')} isRequired fieldId={`${id}-serial`}>
            <TextInput
              id={`${id}-serial`}
              value={row.serial}
              isDisabled={isDisabled}
              validated={errors.serial ? 'error' : 'default'}
              onChange={(_, serial) => onChange({ ...row, serial: serial.trim() })}
            />
            <FieldHelp error={errors.serial} />
          </FormGroup>
        </GridItem>
        <GridItem md={1}>
          <Button
            variant="plain"
            aria-label={t('Remove environment disk {{number}}', { number })}
            icon={<MinusCircleIcon />}
            isDisabled={isDisabled}
            onClick={onRemove}
          />
        </GridItem>
      </Grid>
    </div>
  );
};
