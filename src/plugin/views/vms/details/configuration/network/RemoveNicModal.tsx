import { Alert, Content } from '@patternfly/react-core';
import { usePluginTranslation } from '../../../../../i18n';
import { FormModal } from '../editor/FormModal';
import type { VmEditor } from '../editor/vmEditor';
import { removeNicOps, setNicStateOps } from './nicOps';
import { interfaceRows, type NicRow } from './nicRows';
import { RestartHint } from '../editor/RestartHint';

export interface RemoveNicModalProps {
  editor: VmEditor;
  row: NicRow;
  /** unplug: `state: absent`, KubeVirt detaches it live; delete: out of the VM's configuration. */
  mode: 'unplug' | 'delete';
  onClose(): void;
}

/** Confirms a hot unplug or a delete; removing the pod network interface is said out loud. */
export const RemoveNicModal = ({ editor, row, mode, onClose }: RemoveNicModalProps) => {
  const { t } = usePluginTranslation();
  const running = editor.live && !!editor.vmi;
  const lastPodNic =
    row.network.kind === 'pod' &&
    !interfaceRows(editor.vm).some((r) => r.name !== row.name && r.network.kind === 'pod');
  return (
    <FormModal
      title={
        mode === 'unplug' ? t('Hot unplug network interface?') : t('Delete network interface?')
      }
      submitLabel={mode === 'unplug' ? t('Hot unplug') : t('Delete')}
      isValid
      onSubmit={async () => {
        await editor.patch(
          mode === 'unplug'
            ? setNicStateOps(editor.vm, row.name, 'absent')
            : removeNicOps(editor.vm, row.name),
        );
      }}
      onClose={onClose}
    >
      {() => (
        <>
          <Content component="p">
            {mode === 'unplug'
              ? t(
                  'KubeVirt detaches {{name}} from the running VirtualMachine. Delete it afterwards to remove it from the configuration.',
                  { name: row.name },
                )
              : t('{{name}} and its network are removed from the VirtualMachine.', {
                  name: row.name,
                })}
          </Content>
          {mode === 'delete' && lastPodNic && (
            <Alert variant="warning" isInline title={t('This is the pod network interface')}>
              {t(
                'Without it the VirtualMachine cannot reach cluster services, and they cannot reach it, through the pod network.',
              )}
            </Alert>
          )}
          {mode === 'delete' && running && row.attached && <RestartHint />}
        </>
      )}
    </FormModal>
  );
};
