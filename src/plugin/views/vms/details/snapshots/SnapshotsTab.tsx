import {
  Button,
  Content,
  EmptyState,
  EmptyStateBody,
  Flex,
  MenuToggle,
  Tooltip,
} from '@patternfly/react-core';
import { EllipsisVIcon } from '@patternfly/react-icons';
import {
  ActionsColumn,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  type IAction,
} from '@patternfly/react-table';
import { useState } from 'react';
import { useAccessReview } from '../../../../api/access';
import { errorMessage } from '../../../../api/bff';
import { k8sCreate, k8sDelete } from '../../../../api/k8s';
import { VirtualMachineRestoreModel, VirtualMachineSnapshotModel } from '../../../../api/models';
import type { VirtualMachineSnapshot } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { LoadingSkeleton } from '../DetailsStates';
import type { VmTabProps } from '../tabs';
import { Time } from '../Time';
import { ConfirmModal } from './ConfirmModal';
import { CreateVmFromSnapshotModal } from './CreateVmFromSnapshotModal';
import { RestoreProgress } from './RestoreProgress';
import { newRestore } from './snapshotObjects';
import { SnapshotIndications, SnapshotPhase } from './SnapshotStatus';
import { TakeSnapshotModal } from '../../actions/modals/TakeSnapshotModal';
import { useVmRestores, useVmSnapshots } from './useVmSnapshots';

type Dialog =
  { kind: 'take' } | { kind: 'restore' | 'create' | 'delete'; snapshot: VirtualMachineSnapshot };

const snapshotError = (s: VirtualMachineSnapshot) =>
  s.status?.error?.message ??
  s.status?.conditions?.find((c) => c.type === 'Failure' && c.status === 'True')?.message;

/** The VM's snapshots: take, restore (stopped VM only), create a VM from one, delete. */
export const SnapshotsTab = ({ namespace, name, vm, vmi }: VmTabProps) => {
  const { t } = usePluginTranslation();
  const { snapshots, loaded, error } = useVmSnapshots(namespace, name);
  const { restores } = useVmRestores(namespace, name);
  const [dialog, setDialog] = useState<Dialog>();
  const review = (group: string, resource: string, verb: string) => ({
    verb,
    group,
    resource,
    namespace,
  });
  const canSnapshot = useAccessReview(
    review('snapshot.kubevirt.io', 'virtualmachinesnapshots', 'create'),
  );
  const canRestore = useAccessReview(
    review('snapshot.kubevirt.io', 'virtualmachinerestores', 'create'),
  );
  const canClone = useAccessReview(review('clone.kubevirt.io', 'virtualmachineclones', 'create'));
  const canDelete = useAccessReview(
    review('snapshot.kubevirt.io', 'virtualmachinesnapshots', 'delete'),
  );
  const running = !!vmi;
  const latestRestore = restores[0];
  const restoreInProgress =
    !!latestRestore &&
    !latestRestore.status?.complete &&
    !latestRestore.status?.conditions?.some((c) => c.type === 'Failure' && c.status === 'True');
  const lastRestoredFrom = (snapshot: string) =>
    restores.find((r) => r.spec?.virtualMachineSnapshotName === snapshot && r.status?.complete)
      ?.status?.restoreTime as string | undefined;

  const rowActions = (snapshot: VirtualMachineSnapshot): IAction[] => {
    const ready = !!snapshot.status?.readyToUse;
    return [
      {
        title: t('Restore'),
        isAriaDisabled: running || !ready || restoreInProgress || !canRestore.allowed,
        tooltipProps: running
          ? { content: t('Stop the VirtualMachine to restore a snapshot.') }
          : !ready
            ? { content: t('The snapshot is not ready yet.') }
            : undefined,
        description: running ? t('Stop the VirtualMachine to restore a snapshot.') : undefined,
        onClick: () => setDialog({ kind: 'restore', snapshot }),
      },
      {
        title: t('Create VirtualMachine'),
        isAriaDisabled: !ready || !canClone.allowed,
        onClick: () => setDialog({ kind: 'create', snapshot }),
      },
      { isSeparator: true },
      {
        title: t('Delete'),
        isAriaDisabled: !canDelete.allowed,
        onClick: () => setDialog({ kind: 'delete', snapshot }),
      },
    ];
  };

  const table = () => {
    if (error)
      return (
        <EmptyState
          headingLevel="h2"
          status="danger"
          titleText={t('Snapshots failed to load')}
          variant="sm"
        >
          <EmptyStateBody>{errorMessage(error)}</EmptyStateBody>
        </EmptyState>
      );
    if (!loaded) return <LoadingSkeleton label={t('Loading snapshots')} />;
    if (!snapshots.length)
      return (
        <EmptyState headingLevel="h2" titleText={t('No snapshots')} variant="sm">
          <EmptyStateBody>
            {t(
              'A snapshot keeps the VirtualMachine and its disks as they are now; restore it later or create a new VirtualMachine from it.',
            )}
          </EmptyStateBody>
        </EmptyState>
      );
    return (
      <Table variant="compact" aria-label={t('Snapshots')}>
        <Thead>
          <Tr>
            <Th modifier="wrap">{t('Name')}</Th>
            <Th modifier="wrap">{t('Created')}</Th>
            <Th modifier="wrap">{t('Status')}</Th>
            <Th modifier="wrap">{t('Indications')}</Th>
            <Th modifier="wrap">{t('Last restored')}</Th>
            <Th screenReaderText={t('Actions')} />
          </Tr>
        </Thead>
        <Tbody>
          {snapshots.map((snapshot) => {
            const snapshotName = snapshot.metadata?.name ?? '';
            const failure = snapshotError(snapshot);
            return (
              <Tr key={snapshotName}>
                <Td dataLabel={t('Name')}>
                  {snapshotName}
                  {snapshot.metadata?.annotations?.description && (
                    <Content component="small">
                      {' '}
                      {snapshot.metadata.annotations.description}
                    </Content>
                  )}
                </Td>
                <Td dataLabel={t('Created')}>
                  <Time
                    value={
                      (snapshot.status?.creationTime ?? snapshot.metadata?.creationTimestamp) as
                        string | undefined
                    }
                  />
                </Td>
                <Td dataLabel={t('Status')}>
                  <SnapshotPhase snapshot={snapshot} />
                  {failure && <Content component="small"> {failure}</Content>}
                </Td>
                <Td dataLabel={t('Indications')}>
                  <SnapshotIndications snapshot={snapshot} />
                </Td>
                <Td dataLabel={t('Last restored')}>
                  <Time value={lastRestoredFrom(snapshotName)} />
                </Td>
                <Td isActionCell>
                  <ActionsColumn
                    items={rowActions(snapshot)}
                    popperProps={{ position: 'right' }}
                    actionsToggle={({ onToggle, isOpen, isDisabled, toggleRef }) => (
                      <MenuToggle
                        ref={toggleRef}
                        variant="plain"
                        aria-label={t('Actions for {{name}}', { name: snapshotName })}
                        icon={<EllipsisVIcon />}
                        onClick={onToggle}
                        isExpanded={isOpen}
                        isDisabled={isDisabled}
                      />
                    )}
                  />
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
    );
  };

  // While the permission is being checked the button looks ready, with a progress spinner (a
  // disabled look would claim the user may not); a click then opens the dialog, whose Save
  // shows the server's answer if it is no.
  const takeButton = (
    <Button
      variant="primary"
      onClick={() => setDialog({ kind: 'take' })}
      isLoading={canSnapshot.loading}
      spinnerAriaValueText={canSnapshot.loading ? t('Loading') : undefined}
      isAriaDisabled={
        (!canSnapshot.loading && !canSnapshot.allowed) || !!vm.status?.snapshotInProgress
      }
    >
      {t('Take snapshot')}
    </Button>
  );

  return (
    <>
      <Flex
        justifyContent={{ default: 'justifyContentSpaceBetween' }}
        alignItems={{ default: 'alignItemsCenter' }}
      >
        <Content component="p">
          {running
            ? t(
                'The VirtualMachine is running: snapshots are taken online; restoring needs it stopped.',
              )
            : t('The VirtualMachine is stopped: snapshots can be restored.')}
        </Content>
        {canSnapshot.allowed || canSnapshot.loading ? (
          takeButton
        ) : (
          <Tooltip content={t('You may not create snapshots in this project.')}>
            {takeButton}
          </Tooltip>
        )}
      </Flex>
      <RestoreProgress restore={latestRestore} />
      {table()}
      {dialog?.kind === 'take' && (
        <TakeSnapshotModal vm={vm} vmi={vmi} onClose={() => setDialog(undefined)} />
      )}
      {dialog?.kind === 'create' && (
        <CreateVmFromSnapshotModal
          snapshot={dialog.snapshot}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'restore' && (
        <ConfirmModal
          title={t('Restore VirtualMachine from snapshot')}
          confirmLabel={t('Restore')}
          danger
          action={() =>
            k8sCreate(
              VirtualMachineRestoreModel,
              newRestore(namespace, name, dialog.snapshot.metadata?.name ?? ''),
              { namespace },
            )
          }
          onClose={() => setDialog(undefined)}
        >
          {t(
            'Restore {{vm}} from snapshot {{snapshot}}? Its disks and settings are replaced by the snapshot\u2019s; changes since then are lost.',
            {
              vm: name,
              snapshot: dialog.snapshot.metadata?.name,
            },
          )}
        </ConfirmModal>
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmModal
          title={t('Delete snapshot?')}
          confirmLabel={t('Delete')}
          danger
          action={() =>
            k8sDelete(VirtualMachineSnapshotModel, {
              namespace,
              name: dialog.snapshot.metadata?.name ?? '',
            })
          }
          onClose={() => setDialog(undefined)}
        >
          {t('Snapshot {{snapshot}} and its volume snapshots will be deleted.', {
            snapshot: dialog.snapshot.metadata?.name,
          })}
        </ConfirmModal>
      )}
    </>
  );
};
