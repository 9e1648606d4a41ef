import {
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  Popover,
} from '@patternfly/react-core';
import { OutlinedQuestionCircleIcon } from '@patternfly/react-icons';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../../api/bff';
import { MetricsUnavailable } from '../../../../api/prometheus/client';
import { useRangeQuery } from '../../../../api/prometheus/hooks';
import { observeQueryPath } from '../../../../api/prometheus/links';
import type { VmChartQuery } from '../../../../api/prometheus/vmQueries';
import { TimeSeriesChart } from '../../../../components/charts/TimeSeriesChart';
import { usePluginTranslation } from '../../../../i18n';
import type { ChartContext } from './chartContext';
import { stepOf } from './metricsRange';
import { toChartSeries } from './toChartSeries';

/**
 * One chart of the tab: its title with the definition in a popover, a link that runs its query
 * in the console's Observe page, and the chart of the range. The query is cancelled when the
 * range changes; the previous answer stays until the next arrives.
 */
export const MetricChartCard = ({
  chart,
  selector,
  context,
  emptyText,
}: {
  chart: VmChartQuery;
  /** The label matchers of the VM (and of one interface, where chosen). */
  selector: string;
  context: ChartContext;
  /** What the chart says when empty, before the builder's hint (e.g. no migration yet). */
  emptyText?: string;
}) => {
  const { t } = usePluginTranslation();
  const query = chart.query(selector, stepOf(context.range));
  const result = useRangeQuery({
    query,
    namespace: context.namespace,
    range: context.range,
    refreshSeconds: context.refreshSeconds,
  });
  const series = useMemo(
    () => (result.data ? toChartSeries(result.data, chart, t) : []),
    [result.data, chart, t],
  );
  const title = chart.title(t);
  const error = result.error;
  return (
    <Card isCompact isFullHeight>
      <CardHeader
        actions={{
          hasNoOffset: true,
          actions: (
            <Link
              to={observeQueryPath(query, context.mayViewCluster ? undefined : context.namespace)}
            >
              {t('Show query in Observe')}
            </Link>
          ),
        }}
      >
        <CardTitle component="h3">
          {title}{' '}
          <Popover headerContent={title} bodyContent={chart.definition(t)}>
            <Button
              variant="plain"
              size="sm"
              aria-label={t('About {{chart}}', { chart: title })}
              icon={<OutlinedQuestionCircleIcon />}
            />
          </Popover>
        </CardTitle>
      </CardHeader>
      <CardBody>
        {error ? (
          <Content component="p">
            {error instanceof MetricsUnavailable ? error.message : errorMessage(error)}
          </Content>
        ) : (
          <TimeSeriesChart
            title={title}
            series={series}
            unit={chart.unit}
            window={result.window}
            loading={result.isPending}
            emptyText={
              context.startingText ??
              emptyText ??
              chart.noDataHint?.(t) ??
              t('No data in this range.')
            }
            onZoom={context.onZoom}
          />
        )}
      </CardBody>
    </Card>
  );
};
