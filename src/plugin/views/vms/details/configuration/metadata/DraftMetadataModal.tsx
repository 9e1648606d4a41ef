import { Button, Content, FormGroup, Grid, GridItem, TextInput } from '@patternfly/react-core';
import { MinusCircleIcon, PlusCircleIcon } from '@patternfly/react-icons';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import {
  mapOf,
  rowsOf,
  validateMetadataRows,
  type MetadataRow,
} from '../../../actions/metadataValidation';
import { FieldMessage } from '../details/FieldMessage';
import { fieldErrorOf } from '../editor/fieldErrors';
import { FormModal } from '../editor/FormModal';
import type { VmEditor } from '../editor/vmEditor';
import { metadataOps, type MetadataField } from './metadataOps';

/**
 * Key/value rows for the labels or annotations of a VM that is not in the cluster yet (the
 * creation flow's draft): saved through the editor, so the draft changes in memory.
 */
export const DraftMetadataModal = ({
  editor,
  field,
  onClose,
}: {
  editor: VmEditor;
  field: MetadataField;
  onClose(): void;
}) => {
  const { t } = usePluginTranslation();
  const [rows, setRows] = useState<MetadataRow[]>(() => {
    const initial = rowsOf(editor.vm.metadata?.[field]);
    return initial.length ? initial : [{ key: '', value: '' }];
  });
  const errors = validateMetadataRows(rows, field, t);
  const invalid = errors.some((row) => row.key || row.value);
  const update = (at: number, change: Partial<MetadataRow>) =>
    setRows((current) => current.map((row, index) => (index === at ? { ...row, ...change } : row)));

  return (
    <FormModal
      title={field === 'labels' ? t('Edit labels') : t('Edit annotations')}
      isValid={!invalid}
      onSubmit={async () => {
        await editor.patch(metadataOps(editor.vm, field, mapOf(rows)));
      }}
      onClose={onClose}
    >
      {(error) => (
        <>
          {rows.map((row, at) => (
            <Grid hasGutter key={at}>
              <GridItem span={5}>
                <FormGroup>
                  <TextInput
                    aria-label={t('Key {{index}}', { index: at + 1 })}
                    placeholder={t('Key')}
                    value={row.key}
                    validated={errors[at]?.key ? 'error' : 'default'}
                    onChange={(_, key) => update(at, { key: key.trim() })}
                  />
                  <FieldMessage error={errors[at]?.key} />
                </FormGroup>
              </GridItem>
              <GridItem span={6}>
                <FormGroup>
                  <TextInput
                    aria-label={t('Value {{index}}', { index: at + 1 })}
                    placeholder={t('Value')}
                    value={row.value}
                    validated={errors[at]?.value ? 'error' : 'default'}
                    onChange={(_, value) => update(at, { value })}
                  />
                  <FieldMessage error={errors[at]?.value} />
                </FormGroup>
              </GridItem>
              <GridItem span={1}>
                <Button
                  variant="plain"
                  aria-label={t('Remove {{key}}', {
                    key: row.key || t('row {{index}}', { index: at + 1 }),
                  })}
                  icon={<MinusCircleIcon />}
                  onClick={() => setRows((current) => current.filter((_, index) => index !== at))}
                />
              </GridItem>
            </Grid>
          ))}
          {rows.length === 0 && (
            <Content component="p">
              {field === 'labels' ? t('No labels.') : t('No annotations.')}
            </Content>
          )}
          <div>
            <Button
              variant="link"
              icon={<PlusCircleIcon />}
              onClick={() => setRows((current) => [...current, { key: '', value: '' }])}
            >
              {field === 'labels' ? t('Add label') : t('Add annotation')}
            </Button>
          </div>
          <FieldMessage error={fieldErrorOf(error, `metadata.${field}`)} />
        </>
      )}
    </FormModal>
  );
};
