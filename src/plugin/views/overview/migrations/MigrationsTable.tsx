import { Label, Progress, ProgressMeasureLocation, ProgressSize } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Link } from 'react-router';
import { resourcePath, vmDetailsPath } from '../../../api/links';
import { NodeModel } from '../../../api/models';
import { usePluginTranslation } from '../../../i18n';
import { RelativeTime } from '../../vms/details/Time';
import { formatDuration } from './formatDuration';
import { durationOf, type MigrationRow } from './migrationRows';

const PHASE_COLORS: Record<MigrationRow['outcome'], 'green' | 'red' | 'blue'> = {
  succeeded: 'green',
  failed: 'red',
  running: 'blue',
};

const Node = ({ name, link }: { name?: string; link: boolean }) =>
  !name ? (
    <>{'—'}</>
  ) : link ? (
    <Link to={resourcePath(NodeModel, undefined, name)}>{name}</Link>
  ) : (
    <>{name}</>
  );

/** The migrations of the period: VM, phase, nodes, progress, start and duration. */
export const MigrationsTable = ({
  rows,
  progress,
  now,
  showNamespace,
  nodeLinks,
}: {
  rows: MigrationRow[];
  /** Running migrations' progress, 0–1, by `namespace/vmName`. */
  progress: Map<string, number>;
  now: number;
  showNamespace: boolean;
  nodeLinks: boolean;
}) => {
  const { t } = usePluginTranslation();
  const progressCell = (row: MigrationRow) => {
    if (row.outcome === 'succeeded') return t('Completed');
    if (row.outcome === 'failed') return row.failureReason ?? t('Failed');
    const done = progress.get(`${row.namespace}/${row.vmName}`);
    if (row.phase !== 'Running' || done === undefined)
      return row.phase === 'Running' ? t('Transferring') : t('Waiting');
    return (
      <Progress
        value={Math.round(done * 100)}
        size={ProgressSize.sm}
        measureLocation={ProgressMeasureLocation.outside}
        aria-label={t('Progress of the migration of {{name}}', { name: row.vmName })}
      />
    );
  };
  return (
    <Table aria-label={t('Migrations')} variant="compact">
      <Thead>
        <Tr>
          <Th>{t('VirtualMachine')}</Th>
          {showNamespace && <Th>{t('Project')}</Th>}
          <Th>{t('Phase')}</Th>
          <Th>{t('Source node')}</Th>
          <Th>{t('Target node')}</Th>
          <Th width={20}>{t('Progress')}</Th>
          <Th>{t('Started')}</Th>
          <Th>{t('Duration')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => {
          const duration = durationOf(row, now);
          return (
            <Tr key={row.key}>
              <Td dataLabel={t('VirtualMachine')}>
                {row.vmName ? (
                  <Link to={vmDetailsPath(row.namespace, row.vmName)}>{row.vmName}</Link>
                ) : (
                  row.name
                )}
              </Td>
              {showNamespace && <Td dataLabel={t('Project')}>{row.namespace}</Td>}
              <Td dataLabel={t('Phase')}>
                <Label color={PHASE_COLORS[row.outcome]} isCompact>
                  {row.phase}
                </Label>
              </Td>
              <Td dataLabel={t('Source node')}>
                <Node name={row.sourceNode} link={nodeLinks} />
              </Td>
              <Td dataLabel={t('Target node')}>
                <Node name={row.targetNode} link={nodeLinks} />
              </Td>
              <Td dataLabel={t('Progress')}>{progressCell(row)}</Td>
              <Td dataLabel={t('Started')}>
                <RelativeTime
                  value={
                    row.start === undefined ? undefined : new Date(row.start * 1000).toISOString()
                  }
                />
              </Td>
              <Td dataLabel={t('Duration')}>
                {duration === undefined ? '—' : formatDuration(duration, t)}
              </Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};
