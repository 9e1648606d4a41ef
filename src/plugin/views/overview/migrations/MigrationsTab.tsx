import {
  Alert,
  Card,
  CardBody,
  Content,
  EmptyState,
  EmptyStateBody,
  FormSelect,
  FormSelectOption,
  Skeleton,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { MigrationIcon } from '@patternfly/react-icons';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useAccessReview } from '../../../api/access';
import { errorMessage } from '../../../api/bff';
import { NodeModel, VirtualMachineInstanceMigrationModel } from '../../../api/models';
import { useNowSeconds } from '../../../api/prometheus/hooks';
import type { VirtualMachineInstanceMigration } from '../../../api/types';
import { useK8sWatchList } from '../../../api/watch';
import { usePluginTranslation } from '../../../i18n';
import { errorCode } from '../errorCode';
import { MetricsUnavailableText } from '../MetricsUnavailableText';
import { NoticeText } from '../NoticeText';
import type { OverviewScope } from '../useOverviewScope';
import {
  MIGRATION_PERIODS,
  migrationRow,
  periodOf,
  periodStart,
  rowsInPeriod,
  type MigrationPeriod,
} from './migrationRows';
import { MigrationsChart } from './MigrationsChart';
import { MigrationsTable } from './MigrationsTable';
import { useMigrationProgress } from './useMigrationProgress';

const PERIOD_TITLES: Record<MigrationPeriod, (t: TFunction) => string> = {
  '1h': (t) => t('Last hour'),
  '24h': (t) => t('Last 24 hours'),
  '7d': (t) => t('Last 7 days'),
  all: (t) => t('All'),
};

const NO_MIGRATIONS_IN: Record<MigrationPeriod, (t: TFunction) => string> = {
  '1h': (t) => t('No migrations in the last hour.'),
  '24h': (t) => t('No migrations in the last 24 hours.'),
  '7d': (t) => t('No migrations in the last 7 days.'),
  all: (t) => t('No migrations yet.'),
};

const Migrations = ({ scope }: { scope: OverviewScope }) => {
  const { t } = usePluginTranslation();
  const [params, setParams] = useSearchParams();
  const period = periodOf(params.get('period'));
  const watched = useK8sWatchList<VirtualMachineInstanceMigration>(
    VirtualMachineInstanceMigrationModel,
    { namespace: scope.namespace },
  );
  const nodeAccess = useAccessReview({ verb: 'get', resource: NodeModel.plural });
  const rows = useMemo(() => watched.data.map(migrationRow), [watched.data]);
  const anyRunning = rows.some((row) => row.outcome === 'running');
  const now = useNowSeconds(anyRunning ? 5 : 30);
  const since = periodStart(period, now);
  const shown = useMemo(() => rowsInPeriod(rows, since), [rows, since]);
  const { progress, error: progressError } = useMigrationProgress(shown, scope);

  const setPeriod = (value: MigrationPeriod) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value === '24h') next.delete('period');
      else next.set('period', value);
      return next;
    });

  if (watched.error)
    return errorCode(watched.error) === 403 ? (
      <NoticeText locked>{t('You may not list the migrations here.')}</NoticeText>
    ) : (
      <Alert variant="danger" isInline title={t('Migrations could not be listed')}>
        {errorMessage(watched.error)}
      </Alert>
    );
  if (!watched.loaded)
    return <Skeleton height="10rem" screenreaderText={t('Loading migrations')} />;
  if (!rows.length)
    return (
      <EmptyState
        headingLevel="h2"
        icon={MigrationIcon}
        titleText={t('No migrations yet')}
        variant="sm"
      >
        <EmptyStateBody>
          {t(
            "Live migrations appear here with their progress: started from a VM's actions (Migrate), by draining a node, or by a workload update.",
          )}
        </EmptyStateBody>
      </EmptyState>
    );

  const count = (outcome: string) => shown.filter((row) => row.outcome === outcome).length;
  return (
    <>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <FormSelect
              value={period}
              onChange={(_, value) => setPeriod(value as MigrationPeriod)}
              aria-label={t('Period')}
            >
              {MIGRATION_PERIODS.map((p) => (
                <FormSelectOption key={p.id} value={p.id} label={PERIOD_TITLES[p.id](t)} />
              ))}
            </FormSelect>
          </ToolbarItem>
          <ToolbarItem alignSelf="center">
            <Content component="small">
              {t('{{running}} in progress, {{succeeded}} succeeded, {{failed}} failed', {
                running: count('running'),
                succeeded: count('succeeded'),
                failed: count('failed'),
              })}
            </Content>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      <Card>
        <CardBody>
          <MigrationsChart rows={shown} since={since} now={now} />
        </CardBody>
      </Card>
      {progressError !== undefined && <MetricsUnavailableText error={progressError} />}
      {shown.length ? (
        <MigrationsTable
          rows={shown}
          progress={progress}
          now={now}
          showNamespace={!scope.namespace}
          nodeLinks={nodeAccess.allowed}
        />
      ) : (
        <Content component="p">{NO_MIGRATIONS_IN[period](t)}</Content>
      )}
    </>
  );
};

/** The Migrations tab: live migrations (a watch), a time filter, a chart and a table. */
export const MigrationsTab = ({ scope }: { scope: OverviewScope }) => {
  const { t } = usePluginTranslation();
  if (scope.loading) return <Skeleton height="10rem" screenreaderText={t('Loading migrations')} />;
  if (!scope.namespace && !scope.clusterViewer)
    return (
      <NoticeText>
        {t('Choose a project to see its migrations: you may list them in one project at a time.')}
      </NoticeText>
    );
  return <Migrations scope={scope} />;
};
