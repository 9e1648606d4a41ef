import { Content } from '@patternfly/react-core';
import { hotplugVolume } from '../../../../../api/k8s';
import { usePluginTranslation } from '../../../../../i18n';
import { FormModal } from '../editor/FormModal';
import type { VmEditor } from '../editor/vmEditor';
import { persistBody } from './diskOps';
import type { DiskRow } from './diskRows';
import { vmRef } from './guestRuns';

/** Keep a disk hot-plugged into the guest only in the VM too (`addvolume` persisted). */
export const MakePersistentModal = ({
  editor,
  row,
  onClose,
}: {
  editor: VmEditor;
  row: DiskRow;
  onClose(): void;
}) => {
  const { t } = usePluginTranslation();
  const volume = row.volume;
  return (
    <FormModal
      title={t('Make persistent')}
      variant="small"
      submitLabel={t('Make persistent')}
      isValid={!!volume}
      onSubmit={async () => {
        if (volume)
          await hotplugVolume(vmRef(editor), 'addvolume', persistBody(row.disk, volume), {
            persist: true,
          });
      }}
      onClose={onClose}
    >
      {() => (
        <Content component="p">
          {t(
            'Add disk {{disk}} to the VirtualMachine, so it is attached again after a restart. It stays hot-pluggable: it can still be detached.',
            { disk: row.name },
          )}
        </Content>
      )}
    </FormModal>
  );
};
