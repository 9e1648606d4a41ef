import { FormGroup, Radio } from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../../i18n';
import { EditableRow } from '../../editor/EditableRow';
import { fieldErrorOf } from '../../editor/fieldErrors';
import { FormModal } from '../../editor/FormModal';
import type { VmEditor } from '../../editor/vmEditor';
import { BOOT_MODES, bootModeLabel, bootModeOf, bootModeOps, type BootMode } from '../bootMode';
import { FieldHelp } from '../../../../actions/modals/FieldHelp';
import { isRestartPending } from '../restartPending';
import { RestartHint } from '../../editor/RestartHint';
import { PendingValue } from '../RestartPending';

const BootModeModal = ({ editor, onClose }: { editor: VmEditor; onClose(): void }) => {
  const { t } = usePluginTranslation();
  const [mode, setMode] = useState<BootMode>(() => bootModeOf(editor.vm));
  return (
    <FormModal
      title={t('Edit boot mode')}
      isValid
      onSubmit={async () => {
        await editor.patch(bootModeOps(editor.vm, mode));
      }}
      onClose={onClose}
    >
      {(error) => (
        <>
          <FormGroup
            role="radiogroup"
            isStack
            label={t('Boot mode')}
            fieldId="virtualization-plugin-boot-mode"
          >
            {BOOT_MODES.map((entry) => (
              <Radio
                key={entry.id}
                id={`virtualization-plugin-boot-mode-${entry.id}`}
                name="virtualization-plugin-boot-mode"
                label={entry.label(t)}
                description={entry.description(t)}
                isChecked={mode === entry.id}
                onChange={() => setMode(entry.id)}
              />
            ))}
            <FieldHelp
              error={fieldErrorOf(
                error,
                'spec.template.spec.domain.firmware',
                'spec.template.spec.domain.features',
              )}
            />
          </FormGroup>
          <RestartHint editor={editor} />
        </>
      )}
    </FormModal>
  );
};

export const BootModeRow = ({ editor }: { editor: VmEditor }) => {
  const { t } = usePluginTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <EditableRow label={t('Boot mode')} editor={editor} onEdit={() => setOpen(true)}>
        <PendingValue pending={isRestartPending('bootMode', editor.vm, editor.vmi)}>
          {bootModeLabel(bootModeOf(editor.vm), t)}
        </PendingValue>
      </EditableRow>
      {open && <BootModeModal editor={editor} onClose={() => setOpen(false)} />}
    </>
  );
};
