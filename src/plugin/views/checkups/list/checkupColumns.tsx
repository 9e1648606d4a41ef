import { Content } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { RelativeTime } from '../../vms/details/Time';
import type { CheckupDefinition, CheckupKind } from '../checkupKinds';
import { checkupDetailsPath } from '../checkupPaths';
import { CheckupStatusLabel } from '../CheckupStatusLabel';
import type { CheckupRow } from '../hooks/useCheckups';
import { KEYS } from '../model/checkupObjects';
import { statusReasonText } from '../statusReason';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface ColumnContext {
  t: Translate;
  checkup: CheckupDefinition;
  /** The project's checkup service account is known to be missing (Jobs wait for it). */
  serviceAccountMissing?: boolean;
}

/** One column of a checkups table: its header, for which checkups, and its cell. */
export interface CheckupColumn {
  id: string;
  title(t: Translate): string;
  /** Only on these tabs; every tab when absent. */
  kinds?: CheckupKind[];
  /** Only when all projects are listed. */
  allProjectsOnly?: boolean;
  render(row: CheckupRow, context: ColumnContext): ReactNode;
}

const param = (row: CheckupRow, key: string) => row.configMap.data?.[key] || undefined;

const DASH = '—';

export const CHECKUP_COLUMNS: CheckupColumn[] = [
  {
    id: 'name',
    title: (t) => t('Name'),
    render: (row, { checkup }) => (
      <Link to={checkupDetailsPath(row.namespace, checkup.kind, row.name)}>{row.name}</Link>
    ),
  },
  {
    id: 'namespace',
    title: (t) => t('Project'),
    allProjectsOnly: true,
    render: (row) => row.namespace,
  },
  {
    id: 'status',
    title: (t) => t('Status'),
    render: (row, { t, checkup, serviceAccountMissing }) => {
      const reason =
        row.status.phase === 'Failed' || row.status.phase === 'Pending'
          ? statusReasonText(row.status.reason, checkup, t, serviceAccountMissing)
          : undefined;
      return (
        <>
          <CheckupStatusLabel phase={row.status.phase} />
          {reason && <Content component="small">{reason}</Content>}
        </>
      );
    },
  },
  {
    id: 'nad',
    title: (t) => t('NetworkAttachmentDefinition'),
    kinds: ['network'],
    render: (row) => param(row, KEYS.nadName) ?? DASH,
  },
  {
    id: 'nodes',
    title: (t) => t('Nodes'),
    kinds: ['network'],
    render: (row, { t }) => {
      const source = param(row, KEYS.sourceNode);
      const target = param(row, KEYS.targetNode);
      return source || target
        ? t('{{source}} \u2192 {{target}}', { source: source ?? DASH, target: target ?? DASH })
        : t('Any');
    },
  },
  {
    id: 'timeout',
    title: (t) => t('Timeout'),
    kinds: ['storage'],
    render: (row) => param(row, KEYS.timeout) ?? DASH,
  },
  {
    id: 'start',
    title: (t) => t('Start time'),
    render: (row) => <RelativeTime value={row.status.startTime} />,
  },
  {
    id: 'completion',
    title: (t) => t('Completion time'),
    render: (row) => <RelativeTime value={row.status.completionTime} />,
  },
];

/** The columns of one tab, in the project or across projects. */
export const columnsFor = (kind: CheckupKind, allProjects: boolean): CheckupColumn[] =>
  CHECKUP_COLUMNS.filter(
    (column) =>
      (!column.kinds || column.kinds.includes(kind)) && (allProjects || !column.allProjectsOnly),
  );
