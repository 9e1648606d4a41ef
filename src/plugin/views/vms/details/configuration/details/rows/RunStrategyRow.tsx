import { Alert, FormGroup, Radio } from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../../i18n';
import { EditableRow } from '../../editor/EditableRow';
import { fieldErrorOf } from '../../editor/fieldErrors';
import { FormModal } from '../../editor/FormModal';
import type { VmEditor } from '../../editor/vmEditor';
import { FieldHelp } from '../../../../actions/modals/FieldHelp';
import { isRunning } from '../restartPending';
import {
  RUN_STRATEGIES,
  runStrategyLabel,
  runStrategyOf,
  runStrategyOps,
  usesRunningFlag,
  type RunStrategy,
} from '../runStrategies';

const RunStrategyModal = ({ editor, onClose }: { editor: VmEditor; onClose(): void }) => {
  const { t } = usePluginTranslation();
  const current = runStrategyOf(editor.vm);
  const [strategy, setStrategy] = useState<string>(current);
  const stops = strategy === 'Halted' && current !== 'Halted' && isRunning(editor);
  return (
    <FormModal
      title={t('Edit run strategy')}
      isValid={RUN_STRATEGIES.some((entry) => entry.id === strategy)}
      onSubmit={async () => {
        await editor.patch(runStrategyOps(editor.vm, strategy as RunStrategy));
      }}
      onClose={onClose}
    >
      {(error) => (
        <>
          {usesRunningFlag(editor.vm) && (
            <Alert
              isInline
              isPlain
              variant="info"
              title={t(
                'This VirtualMachine uses the older spec.running field; saving replaces it with spec.runStrategy.',
              )}
            />
          )}
          <FormGroup
            role="radiogroup"
            isStack
            label={t('Run strategy')}
            fieldId="virtualization-plugin-run-strategy"
          >
            {RUN_STRATEGIES.map((entry) => (
              <Radio
                key={entry.id}
                id={`virtualization-plugin-run-strategy-${entry.id}`}
                name="virtualization-plugin-run-strategy"
                label={entry.label(t)}
                description={entry.description(t)}
                isChecked={strategy === entry.id}
                onChange={() => setStrategy(entry.id)}
              />
            ))}
            <FieldHelp error={fieldErrorOf(error, 'spec.runStrategy', 'spec.running')} />
          </FormGroup>
          {stops && (
            <Alert
              isInline
              variant="warning"
              title={t('Saving Halted stops the running VirtualMachine now.')}
            />
          )}
        </>
      )}
    </FormModal>
  );
};

export const RunStrategyRow = ({ editor }: { editor: VmEditor }) => {
  const { t } = usePluginTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <EditableRow label={t('Run strategy')} editor={editor} onEdit={() => setOpen(true)}>
        {runStrategyLabel(runStrategyOf(editor.vm), t)}
      </EditableRow>
      {open && <RunStrategyModal editor={editor} onClose={() => setOpen(false)} />}
    </>
  );
};
