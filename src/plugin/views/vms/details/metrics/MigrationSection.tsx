import { GridItem } from '@patternfly/react-core';
import { useRangeQuery } from '../../../../api/prometheus/hooks';
import { MIGRATION_DATA, MIGRATION_TRANSFER_RATE } from '../../../../api/prometheus/vmQueries';
import { usePluginTranslation } from '../../../../i18n';
import type { ChartContext } from './chartContext';
import { MetricChartCard } from './MetricChartCard';
import { stepOf } from './metricsRange';
import { SectionFrame } from './MetricsSectionView';

/**
 * Live migration: data processed and remaining, and the transfer rate. Shown while the VM
 * migrates, or when the range holds migration data (the data query is the chart's own, shared).
 */
export const MigrationSection = ({
  selector,
  context,
  migrating,
}: {
  selector: string;
  context: ChartContext;
  migrating: boolean;
}) => {
  const { t } = usePluginTranslation();
  const data = useRangeQuery({
    query: MIGRATION_DATA.query(selector, stepOf(context.range)),
    namespace: context.namespace,
    range: context.range,
    refreshSeconds: context.refreshSeconds,
  });
  const seen = (data.data ?? []).some((s) =>
    s.values.some(([, value]) => Number.isFinite(Number(value))),
  );
  if (!migrating && !seen) return null;
  return (
    <SectionFrame
      id="migration"
      title={t('Migration')}
      description={
        migrating ? t('The VM is migrating to another node.') : t('Live migrations in this range.')
      }
    >
      {[MIGRATION_DATA, MIGRATION_TRANSFER_RATE].map((chart) => (
        <GridItem key={chart.id} lg={6}>
          <MetricChartCard
            chart={chart}
            selector={selector}
            context={context}
            emptyText={t('The migration has not reported progress yet.')}
          />
        </GridItem>
      ))}
    </SectionFrame>
  );
};
