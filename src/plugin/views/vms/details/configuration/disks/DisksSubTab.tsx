import {
  Button,
  Content,
  EmptyState,
  EmptyStateBody,
  Flex,
  Title,
  Tooltip,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import type { ConfigSubTabProps } from '../subTabs';
import { AddDiskModal } from './AddDiskModal';
import { DetachDiskModal } from './DetachDiskModal';
import { diskActions, type DiskActionId } from './diskActions';
import type { DiskRow } from './diskRows';
import { DisksTable } from './DisksTable';
import { EditDiskModal } from './EditDiskModal';
import { EjectDiskModal } from './EjectDiskModal';
import { ExpandDiskModal } from './ExpandDiskModal';
import { guestRuns } from './guestRuns';
import { MakePersistentModal } from './MakePersistentModal';
import { useDiskRows } from './useDiskRows';

type Dialog = { kind: 'add' } | { kind: DiskActionId; row: DiskRow };

/**
 * Configuration → Disks: the VM's disks and those hot-plugged into its running guest, with Add
 * disk (hot-plugged on a running VM) and per disk Edit, Detach, Make persistent, Expand, Eject.
 */
export const DisksSubTab = ({ editor }: ConfigSubTabProps) => {
  const { t } = usePluginTranslation();
  const { vm, vmi } = editor;
  const namespace = vm.metadata?.namespace ?? '';
  const { rows, storageClasses } = useDiskRows(vm, vmi);
  const [dialog, setDialog] = useState<Dialog>();
  const running = guestRuns(editor);
  const takenNames = useMemo(
    () => [
      ...new Set([
        ...rows.map((row) => row.name),
        ...(vm.spec?.template?.spec?.volumes ?? []).map((v) => v.name),
        ...(vmi?.spec?.volumes ?? []).map((v) => v.name),
      ]),
    ],
    [rows, vm, vmi],
  );
  const close = () => setDialog(undefined);
  const actionsOf = (row: DiskRow) =>
    diskActions(
      row,
      {
        accessReason: editor.access.reason,
        draft: !editor.live,
        storageClass: storageClasses.find(
          (sc) => sc.metadata?.name === row.claim?.spec?.storageClassName,
        ),
      },
      t,
    );

  const addButton = (
    <Button
      variant="primary"
      onClick={() => setDialog({ kind: 'add' })}
      isLoading={editor.access.loading}
      spinnerAriaValueText={editor.access.loading ? t('Loading') : undefined}
      isAriaDisabled={!!editor.access.reason}
    >
      {t('Add disk')}
    </Button>
  );

  return (
    <>
      <Flex
        justifyContent={{ default: 'justifyContentSpaceBetween' }}
        alignItems={{ default: 'alignItemsCenter' }}
      >
        <div>
          <Title headingLevel="h2">{t('Disks')}</Title>
          <Content component="small">
            {running
              ? t('The VirtualMachine is running: disks added now are hot-plugged on the SCSI bus.')
              : t('Disks added now are attached when the VirtualMachine starts.')}
          </Content>
        </div>
        {editor.access.reason ? (
          <Tooltip content={editor.access.reason}>{addButton}</Tooltip>
        ) : (
          addButton
        )}
      </Flex>
      {rows.length === 0 ? (
        <EmptyState headingLevel="h3" titleText={t('No disks')} variant="sm">
          <EmptyStateBody>
            {t(
              'This VirtualMachine has no disks. Add one to give it storage to boot from or to keep data on.',
            )}
          </EmptyStateBody>
        </EmptyState>
      ) : (
        <DisksTable
          namespace={namespace}
          rows={rows}
          actionsOf={actionsOf}
          onAction={(kind, row) => setDialog({ kind, row })}
        />
      )}
      {dialog?.kind === 'add' && (
        <AddDiskModal editor={editor} takenNames={takenNames} onClose={close} />
      )}
      {dialog?.kind === 'edit' && (
        <EditDiskModal editor={editor} row={dialog.row} takenNames={takenNames} onClose={close} />
      )}
      {dialog?.kind === 'detach' && (
        <DetachDiskModal editor={editor} row={dialog.row} onClose={close} />
      )}
      {dialog?.kind === 'persist' && (
        <MakePersistentModal editor={editor} row={dialog.row} onClose={close} />
      )}
      {dialog?.kind === 'expand' && (
        <ExpandDiskModal namespace={namespace} row={dialog.row} editor={editor} onClose={close} />
      )}
      {dialog?.kind === 'eject' && (
        <EjectDiskModal editor={editor} row={dialog.row} onClose={close} />
      )}
    </>
  );
};
