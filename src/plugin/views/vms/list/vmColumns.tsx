import {
  Label,
  LabelGroup,
  Timestamp,
  TimestampTooltipVariant,
  Tooltip,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { vmDetailsPath } from '../../../api/links';
import type { VmListMetricId } from '../../../api/prometheus/vmListQueries';
import type { SortKey, VmCondition, VmSummary } from '../../../api/vmIndex';
import type { Translate } from '../actions/vmActionModel';
import { exactTime, relativeTime } from './relativeTime';
import { VmStatus } from './VmStatus';

type Row = VmSummary;
type RowCondition = VmCondition;

/** Conditions worth a look: the ones not in their good state. */
const notableConditions = (row: Row): RowCondition[] =>
  row.conditions.filter((condition) =>
    condition.type === 'Ready' ||
    condition.type === 'LiveMigratable' ||
    condition.type === 'AgentConnected'
      ? condition.status !== 'True'
      : condition.status === 'True' && condition.type !== 'Initialized',
  );

export interface ColumnContext {
  t: Translate;
  language: string;
}

/** One column: its header, how it sorts, what it shows and what the CSV says. */
export interface VmColumn {
  id: string;
  title: (t: Translate) => string;
  sortKey?: SortKey;
  /** Always shown (not offered in the column manager). */
  required?: boolean;
  defaultVisible: boolean;
  /** Only in the all-projects view. */
  allNamespacesOnly?: boolean;
  /** The cell as text: the CSV export, and the cell when `render` is absent. */
  value: (row: Row, context: ColumnContext) => string;
  render?: (row: Row, context: ColumnContext) => ReactNode;
  /**
   * A live column: the page's usage from Prometheus (`useLiveMetrics`), drawn by
   * `LiveMetricCell`. Not sortable (the index sorts, and it has no metrics), not in the CSV (the
   * export has every page, the metrics are of this one).
   */
  live?: VmListMetricId;
  /** How the header and cells lay out: short values stay on one line, long ones wrap. */
  modifier?: 'nowrap' | 'wrap' | 'breakWord';
}

const DASH = '—';

export const cpuMemory = (row: VmSummary, t: Translate): string => {
  const cpu = row.cpu === undefined ? undefined : t('{{count}} CPU', { count: row.cpu });
  if (!cpu && !row.memory) return '';
  return `${cpu ?? DASH} | ${row.memory ?? DASH}`;
};

export const VM_COLUMNS: VmColumn[] = [
  {
    id: 'name',
    title: (t) => t('Name'),
    sortKey: 'name',
    required: true,
    defaultVisible: true,
    value: (row) => row.name,
    render: (row, { t }) => (
      <>
        {row.standalone ? (
          row.name
        ) : (
          <Link to={vmDetailsPath(row.namespace, row.name)}>{row.name}</Link>
        )}
        {row.standalone && (
          <>
            {' '}
            <Tooltip content={t('A VirtualMachineInstance that no VirtualMachine owns')}>
              <Label isCompact color="purple">
                {t('VMI')}
              </Label>
            </Tooltip>
          </>
        )}
      </>
    ),
  },
  {
    id: 'namespace',
    title: (t) => t('Namespace'),
    sortKey: 'namespace',
    defaultVisible: true,
    allNamespacesOnly: true,
    value: (row) => row.namespace,
  },
  {
    id: 'status',
    title: (t) => t('Status'),
    sortKey: 'status',
    defaultVisible: true,
    value: (row) => row.status,
    render: (row) => <VmStatus status={row.status} name={row.name} />,
  },
  {
    id: 'conditions',
    title: (t) => t('Conditions'),
    modifier: 'wrap',
    defaultVisible: true,
    value: (row) =>
      notableConditions(row)
        .map((condition) => `${condition.type}=${condition.status}`)
        .join(' '),
    render: (row, { t }) => {
      const conditions = notableConditions(row);
      if (!conditions.length) return DASH;
      return (
        <LabelGroup
          numLabels={2}
          collapsedText={t('{{remaining}} more', { remaining: '${remaining}' })}
        >
          {conditions.map((condition) => (
            <Tooltip
              key={condition.type}
              content={
                condition.message || condition.reason || `${condition.type}=${condition.status}`
              }
            >
              <Label isCompact>{`${condition.type}=${condition.status}`}</Label>
            </Tooltip>
          ))}
        </LabelGroup>
      );
    },
  },
  {
    id: 'node',
    title: (t) => t('Node'),
    sortKey: 'node',
    defaultVisible: true,
    value: (row) => row.node ?? '',
  },
  {
    id: 'ip',
    title: (t) => t('IP address'),
    defaultVisible: true,
    value: (row) => row.ips.join(' '),
    render: (row) =>
      row.ips.length ? (
        <>
          {row.ips.map((ip) => (
            <div key={ip}>{ip}</div>
          ))}
        </>
      ) : (
        DASH
      ),
  },
  {
    id: 'created',
    title: (t) => t('Created'),
    sortKey: 'created',
    modifier: 'nowrap',
    defaultVisible: true,
    value: (row) => row.created ?? '',
    render: (row, { language }) =>
      row.created ? (
        // PatternFly's Timestamp makes the exact time reachable by keyboard too.
        <Timestamp
          date={new Date(row.created)}
          locale={language}
          tooltip={{
            variant: TimestampTooltipVariant.custom,
            content: exactTime(row.created, language),
          }}
        >
          {relativeTime(row.created, language)}
        </Timestamp>
      ) : (
        DASH
      ),
  },
  {
    id: 'cpu-memory',
    title: (t) => t('CPU | Memory'),
    defaultVisible: true,
    value: (row, { t }) => cpuMemory(row, t),
    // Two short lines that never break inside: narrower than one long one.
    render: (row, { t }) => {
      if (row.cpu === undefined && !row.memory) return DASH;
      return (
        <>
          <div style={{ whiteSpace: 'nowrap' }}>
            {row.cpu === undefined ? DASH : t('{{count}} CPU', { count: row.cpu })}
          </div>
          <div style={{ whiteSpace: 'nowrap' }}>{row.memory ?? DASH}</div>
        </>
      );
    },
  },
  // Live usage: optional, off by default (at 1280 px the default columns already fill the
  // table across projects); the column manager turns them on.
  {
    id: 'cpu-usage',
    title: (t) => t('CPU usage'),
    defaultVisible: false,
    live: 'cpu',
    value: () => '',
  },
  {
    id: 'memory-usage',
    title: (t) => t('Memory usage'),
    defaultVisible: false,
    live: 'memory',
    value: () => '',
  },
  {
    id: 'network-usage',
    title: (t) => t('Network transfer'),
    defaultVisible: false,
    live: 'network',
    value: () => '',
  },
  {
    id: 'os',
    title: (t) => t('Operating system'),
    defaultVisible: false,
    value: (row) => row.os ?? '',
  },
  {
    id: 'instancetype',
    title: (t) => t('InstanceType'),
    defaultVisible: false,
    value: (row) => row.instancetype ?? '',
  },
  {
    id: 'preference',
    title: (t) => t('Preference'),
    defaultVisible: false,
    value: (row) => row.preference ?? '',
  },
  {
    id: 'labels',
    title: (t) => t('Labels'),
    defaultVisible: false,
    value: (row) =>
      Object.entries(row.labels)
        .map(([key, value]) => `${key}=${value}`)
        .join(' '),
    render: (row, { t }) => {
      const labels = Object.entries(row.labels);
      if (!labels.length) return DASH;
      return (
        <LabelGroup
          numLabels={3}
          collapsedText={t('{{remaining}} more', { remaining: '${remaining}' })}
        >
          {labels.map(([key, value]) => (
            <Label key={key} isCompact>{`${key}=${value}`}</Label>
          ))}
        </LabelGroup>
      );
    },
  },
];

/** The columns a view can show: the Namespace column only across projects. */
export const columnsFor = (allNamespaces: boolean): VmColumn[] =>
  VM_COLUMNS.filter((column) => allNamespaces || !column.allNamespacesOnly);

export const defaultColumnIds = (): string[] =>
  VM_COLUMNS.filter((column) => column.defaultVisible).map((column) => column.id);
