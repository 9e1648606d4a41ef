import { Button, Content, Grid, GridItem, TextInput } from '@patternfly/react-core';
import { MinusCircleIcon, PlusCircleIcon } from '@patternfly/react-icons';
import type { Dispatch, ReactNode, SetStateAction } from 'react';
import { usePluginTranslation } from '../../../../i18n';
import type { MetadataRow, RowErrors } from '../metadataValidation';
import { FieldHelp } from './FieldHelp';

export interface KeyValueRowsProps {
  rows: MetadataRow[];
  setRows: Dispatch<SetStateAction<MetadataRow[]>>;
  /** Per row, from `validateMetadataRows`. */
  errors: RowErrors[];
  /** Label values may not hold spaces; annotation values keep what was typed. */
  trimValues?: boolean;
  /** The accessible name of a row's remove button. */
  removeLabel(row: MetadataRow, at: number): string;
  /** Shown when there are no rows. */
  empty: ReactNode;
  addLabel: ReactNode;
}

/** Key/value rows (labels, annotations, a node selector): edit, remove, add. */
export const KeyValueRows = ({
  rows,
  setRows,
  errors,
  trimValues = false,
  removeLabel,
  empty,
  addLabel,
}: KeyValueRowsProps) => {
  const { t } = usePluginTranslation();
  const update = (at: number, change: Partial<MetadataRow>) =>
    setRows((current) => current.map((row, index) => (index === at ? { ...row, ...change } : row)));
  return (
    <>
      {rows.map((row, at) => (
        <Grid hasGutter key={at}>
          <GridItem span={5}>
            <TextInput
              aria-label={t('Key {{index}}', { index: at + 1 })}
              placeholder={t('Key')}
              value={row.key}
              validated={errors[at]?.key ? 'error' : 'default'}
              onChange={(_, key) => update(at, { key: key.trim() })}
            />
            <FieldHelp error={errors[at]?.key} />
          </GridItem>
          <GridItem span={6}>
            <TextInput
              aria-label={t('Value {{index}}', { index: at + 1 })}
              placeholder={t('Value')}
              value={row.value}
              validated={errors[at]?.value ? 'error' : 'default'}
              onChange={(_, value) => update(at, { value: trimValues ? value.trim() : value })}
            />
            <FieldHelp error={errors[at]?.value} />
          </GridItem>
          <GridItem span={1}>
            <Button
              variant="plain"
              aria-label={removeLabel(row, at)}
              icon={<MinusCircleIcon />}
              onClick={() => setRows((current) => current.filter((_, index) => index !== at))}
            />
          </GridItem>
        </Grid>
      ))}
      {rows.length === 0 && <Content component="p">{empty}</Content>}
      <div>
        <Button
          variant="link"
          icon={<PlusCircleIcon />}
          onClick={() => setRows((current) => [...current, { key: '', value: '' }])}
        >
          {addLabel}
        </Button>
      </div>
    </>
  );
};
