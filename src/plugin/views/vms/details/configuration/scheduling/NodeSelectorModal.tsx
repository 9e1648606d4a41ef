import { Button, Content, Grid, GridItem, TextInput } from '@patternfly/react-core';
import { MinusCircleIcon, PlusCircleIcon } from '@patternfly/react-icons';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import {
  mapOf,
  rowsOf,
  validateMetadataRows,
  type MetadataRow,
} from '../../../actions/metadataValidation';
import { fieldErrorOf } from '../editor/fieldErrors';
import { FormModal } from '../editor/FormModal';
import type { VmEditor } from '../editor/vmEditor';
import { FieldError } from './FieldError';
import { matchingNodes } from './matchingNodes';
import { NodePreview } from './NodePreview';
import { RestartHint } from '../editor/RestartHint';
import { nodeSelectorOf, nodeSelectorOps } from './schedulingOps';
import { useNodes } from './useNodes';

/** Node labels the VM's node must all have, with a live count of the nodes that do. */
export const NodeSelectorModal = ({ editor, onClose }: { editor: VmEditor; onClose(): void }) => {
  const { t } = usePluginTranslation();
  const nodes = useNodes();
  const [rows, setRows] = useState<MetadataRow[]>(() => {
    const initial = rowsOf(nodeSelectorOf(editor.vm));
    return initial.length ? initial : [{ key: '', value: '' }];
  });
  const errors = validateMetadataRows(rows, 'labels', t);
  const invalid = errors.some((row) => row.key || row.value);
  const selector = mapOf(rows);
  const update = (at: number, change: Partial<MetadataRow>) =>
    setRows((current) => current.map((row, index) => (index === at ? { ...row, ...change } : row)));
  return (
    <FormModal
      title={t('Node selector')}
      description={t('The VirtualMachine runs only on nodes that have all of these labels.')}
      isValid={!invalid}
      onSubmit={async () => {
        await editor.patch(nodeSelectorOps(editor.vm, selector));
      }}
      onClose={onClose}
    >
      {(error) => (
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
                <FieldError message={errors[at]?.key} />
              </GridItem>
              <GridItem span={6}>
                <TextInput
                  aria-label={t('Value {{index}}', { index: at + 1 })}
                  placeholder={t('Value')}
                  value={row.value}
                  validated={errors[at]?.value ? 'error' : 'default'}
                  onChange={(_, value) => update(at, { value: value.trim() })}
                />
                <FieldError message={errors[at]?.value} />
              </GridItem>
              <GridItem span={1}>
                <Button
                  variant="plain"
                  aria-label={t('Remove label {{index}}', { index: at + 1 })}
                  icon={<MinusCircleIcon />}
                  onClick={() => setRows((current) => current.filter((_, index) => index !== at))}
                />
              </GridItem>
            </Grid>
          ))}
          {rows.length === 0 && (
            <Content component="p">
              {t('No labels: the VirtualMachine may run on any node.')}
            </Content>
          )}
          <div>
            <Button
              variant="link"
              icon={<PlusCircleIcon />}
              onClick={() => setRows((current) => [...current, { key: '', value: '' }])}
            >
              {t('Add label')}
            </Button>
          </div>
          <FieldError message={fieldErrorOf(error, 'spec.template.spec.nodeSelector')} />
          <NodePreview state={nodes} match={(list) => matchingNodes(list, selector)} />
          <RestartHint editor={editor} />
        </>
      )}
    </FormModal>
  );
};
