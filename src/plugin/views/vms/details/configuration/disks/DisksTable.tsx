import { Label, LabelGroup } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr, type IAction } from '@patternfly/react-table';
import { Link } from 'react-router';
import { resourcePath } from '../../../../../api/links';
import { PersistentVolumeClaimModel } from '../../../../../api/models';
import { RowActions } from '../editor/RowActions';
import { usePluginTranslation } from '../../../../../i18n';
import type { DiskAction, DiskActionId } from './diskActions';
import { busLabel, driveLabel, sourceKindLabel } from './diskLabels';
import type { DiskRow } from './diskRows';

export interface DisksTableProps {
  namespace: string;
  rows: DiskRow[];
  actionsOf(row: DiskRow): DiskAction[];
  onAction(id: DiskActionId, row: DiskRow): void;
}

const DiskName = ({ row }: { row: DiskRow }) => {
  const { t } = usePluginTranslation();
  const labels = [
    row.bootDisk && (
      <Label key="boot" isCompact color="blue">
        {t('Boot disk')}
      </Label>
    ),
    row.hotplug === 'vmi-only' && (
      <Label key="hotplug" isCompact color="purple">
        {t('Hot-plugged')}
      </Label>
    ),
    row.hotplug === 'persistent' && (
      <Label key="persistent" isCompact color="teal">
        {t('Persistent hot-plug')}
      </Label>
    ),
    row.pendingRestart && (
      <Label key="pending" isCompact color="orange">
        {t('Pending restart')}
      </Label>
    ),
  ].filter(Boolean);
  return (
    <>
      {row.name}
      {labels.length > 0 && (
        <>
          {' '}
          <LabelGroup>{labels}</LabelGroup>
        </>
      )}
    </>
  );
};

const DiskSource = ({ row, namespace }: { row: DiskRow; namespace: string }) => {
  const { t } = usePluginTranslation();
  const kind = sourceKindLabel(t, row.source.kind);
  if (row.claimName)
    return (
      <>
        {kind}{' '}
        <Link to={resourcePath(PersistentVolumeClaimModel, namespace, row.claimName)}>
          {row.source.name}
        </Link>
      </>
    );
  return row.source.name ? (
    <>
      {kind} {row.source.name}
    </>
  ) : (
    <>{kind}</>
  );
};

/** The disks of a VM and of its running guest, each with its kebab. */
export const DisksTable = ({ namespace, rows, actionsOf, onAction }: DisksTableProps) => {
  const { t } = usePluginTranslation();
  const titles: Record<DiskActionId, string> = {
    edit: t('Edit'),
    detach: t('Detach'),
    persist: t('Make persistent'),
    expand: t('Expand'),
    eject: t('Eject'),
  };
  const items = (row: DiskRow): IAction[] =>
    actionsOf(row).map(({ id, disabledReason }) => ({
      title: titles[id],
      isAriaDisabled: !!disabledReason,
      description: disabledReason,
      onClick: () => onAction(id, row),
    }));
  return (
    <Table variant="compact" gridBreakPoint="grid-md" aria-label={t('Disks')}>
      <Thead>
        <Tr>
          <Th modifier="wrap">{t('Name')}</Th>
          <Th modifier="wrap">{t('Source')}</Th>
          <Th modifier="wrap">{t('Size')}</Th>
          <Th modifier="wrap">{t('Drive')}</Th>
          <Th modifier="wrap">{t('Interface')}</Th>
          <Th modifier="wrap">{t('Storage class')}</Th>
          <Th screenReaderText={t('Actions')} />
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={`${row.hotplug === 'vmi-only' ? 'vmi' : 'vm'}-${row.name}`}>
            <Td dataLabel={t('Name')} modifier="breakWord">
              <DiskName row={row} />
            </Td>
            <Td dataLabel={t('Source')} modifier="breakWord">
              <DiskSource row={row} namespace={namespace} />
            </Td>
            <Td dataLabel={t('Size')}>{row.size ?? '—'}</Td>
            <Td dataLabel={t('Drive')}>{driveLabel(t, row.drive)}</Td>
            <Td dataLabel={t('Interface')}>{busLabel(t, row.bus)}</Td>
            <Td dataLabel={t('Storage class')} modifier="breakWord">
              {row.storageClass ?? '—'}
            </Td>
            <RowActions name={row.name} items={items(row)} />
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
