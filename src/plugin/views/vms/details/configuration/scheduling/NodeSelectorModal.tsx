import { useState } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import {
  mapOf,
  rowsOf,
  validateMetadataRows,
  type MetadataRow,
} from '../../../actions/metadataValidation';
import { KeyValueRows } from '../../../actions/modals/KeyValueRows';
import { fieldErrorOf } from '../editor/fieldErrors';
import { FormModal } from '../editor/FormModal';
import type { VmEditor } from '../editor/vmEditor';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
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
          <KeyValueRows
            rows={rows}
            setRows={setRows}
            errors={errors}
            trimValues
            removeLabel={(_, at) => t('Remove label {{index}}', { index: at + 1 })}
            empty={t('No labels: the VirtualMachine may run on any node.')}
            addLabel={t('Add label')}
          />
          <FieldHelp error={fieldErrorOf(error, 'spec.template.spec.nodeSelector')} />
          <NodePreview state={nodes} match={(list) => matchingNodes(list, selector)} />
          <RestartHint editor={editor} />
        </>
      )}
    </FormModal>
  );
};
