import { FormGroup, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../../i18n';
import { EditableRow } from '../../editor/EditableRow';
import { fieldErrorOf } from '../../editor/fieldErrors';
import { FormModal } from '../../editor/FormModal';
import type { VmEditor } from '../../editor/vmEditor';
import { hostnameOf, hostnameOps, validateHostname } from '../detailsOps';
import { FieldHelp } from '../../../../actions/modals/FieldHelp';
import { isRestartPending } from '../restartPending';
import { RestartHint } from '../../editor/RestartHint';
import { PendingValue } from '../RestartPending';

const HostnameModal = ({ editor, onClose }: { editor: VmEditor; onClose(): void }) => {
  const { t } = usePluginTranslation();
  const [hostname, setHostname] = useState(() => hostnameOf(editor.vm));
  const invalid = validateHostname(hostname, t);
  return (
    <FormModal
      title={t('Edit hostname')}
      isValid={!invalid}
      onSubmit={async () => {
        await editor.patch(hostnameOps(editor.vm, hostname));
      }}
      onClose={onClose}
    >
      {(error) => {
        const message = invalid ?? fieldErrorOf(error, 'spec.template.spec.hostname');
        return (
          <>
            <FormGroup label={t('Hostname')} fieldId="virtualization-plugin-hostname">
              <TextInput
                id="virtualization-plugin-hostname"
                value={hostname}
                placeholder={editor.vm.metadata?.name}
                onChange={(_, value) => setHostname(value)}
                validated={message ? 'error' : 'default'}
              />
              <FieldHelp error={message}>
                {t('Leave empty to use the VirtualMachine name.')}
              </FieldHelp>
            </FormGroup>
            <RestartHint editor={editor} />
          </>
        );
      }}
    </FormModal>
  );
};

export const HostnameRow = ({ editor }: { editor: VmEditor }) => {
  const { t } = usePluginTranslation();
  const [open, setOpen] = useState(false);
  const hostname = hostnameOf(editor.vm);
  return (
    <>
      <EditableRow label={t('Hostname')} editor={editor} onEdit={() => setOpen(true)}>
        <PendingValue pending={isRestartPending('hostname', editor.vm, editor.vmi)}>
          {hostname ||
            t('{{name}} (the VirtualMachine name)', { name: editor.vm.metadata?.name ?? '' })}
        </PendingValue>
      </EditableRow>
      {open && <HostnameModal editor={editor} onClose={() => setOpen(false)} />}
    </>
  );
};
