import { Content } from '@patternfly/react-core';
import { usePluginTranslation } from '../../../../../i18n';
import { FormModal } from '../editor/FormModal';
import type { VmEditor } from '../editor/vmEditor';
import { ejectOps } from './diskOps';
import type { DiskRow } from './diskRows';
import { isHotpluggable } from './diskTypes';
import { guestRuns } from './guestRuns';
import { RestartHint } from '../editor/RestartHint';

/** Eject a CD-ROM's medium: the volume leaves the VM, the CD-ROM drive stays. */
export const EjectDiskModal = ({
  editor,
  row,
  onClose,
}: {
  editor: VmEditor;
  row: DiskRow;
  onClose(): void;
}) => {
  const { t } = usePluginTranslation();
  return (
    <FormModal
      title={t('Eject CD-ROM')}
      variant="small"
      submitLabel={t('Eject')}
      isValid
      onSubmit={async () => {
        await editor.patch(ejectOps(editor.vm, row.name));
      }}
      onClose={onClose}
    >
      {() => (
        <>
          <Content component="p">
            {t(
              'Eject the medium of CD-ROM {{disk}}? The drive stays in the VirtualMachine, empty; its volume is removed.',
              { disk: row.name },
            )}
          </Content>
          {guestRuns(editor) && !isHotpluggable(row.volume) && <RestartHint />}
        </>
      )}
    </FormModal>
  );
};
