import {
  Card,
  CardBody,
  CardFooter,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Skeleton,
} from '@patternfly/react-core';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../../api/bff';
import { MetricsUnavailable } from '../../../../api/prometheus/client';
import { usePrometheusValue, useRangeQuery } from '../../../../api/prometheus/hooks';
import { vmiSelector } from '../../../../api/prometheus/promql';
import { rangeStep, type TimeRange } from '../../../../api/prometheus/timeRange';
import {
  CPU_USAGE,
  cpuUsageQuery,
  MEMORY,
  memoryUsedQuery,
  NETWORK_TRANSFER,
  networkTransferQuery,
  STORAGE_TRANSFER,
  storageTransferQuery,
  type VmChartQuery,
} from '../../../../api/prometheus/vmQueries';
import type { VirtualMachine } from '../../../../api/types';
import { TimeSeriesChart } from '../../../../components/charts/TimeSeriesChart';
import { usePluginTranslation } from '../../../../i18n';
import { vmTabPath } from '../detailsPaths';
import { toChartSeries } from '../metrics/toChartSeries';
import { formatBytes, quantityBytes } from './formatQuantity';
import { vmMemory } from './vmFacts';

interface Metric {
  id: string;
  label: (t: TFunction) => string;
  /** The figure now, over the last five minutes. */
  query: (selector: string) => string;
  format: (value: number, t: TFunction, vm: VirtualMachine) => string;
  /** The chart of the last hour under it. */
  chart: VmChartQuery;
}

/** The figures the card shows, with a chart of the last hour each; the Metrics tab has more. */
const METRICS: Metric[] = [
  {
    id: 'cpu',
    label: (t) => t('CPU'),
    query: (s) => cpuUsageQuery(s, '5m'),
    format: (v, t) => t('{{cores}} cores', { cores: v.toFixed(v < 1 ? 3 : 2) }),
    chart: CPU_USAGE,
  },
  {
    id: 'memory',
    label: (t) => t('Memory'),
    query: memoryUsedQuery,
    format: (v, t, vm) => {
      const total = quantityBytes(vmMemory(vm));
      return total
        ? t('{{used}} of {{total}}', { used: formatBytes(v), total: formatBytes(total) })
        : formatBytes(v);
    },
    chart: MEMORY,
  },
  {
    id: 'network',
    label: (t) => t('Network transfer'),
    query: (s) => networkTransferQuery(s, '5m'),
    format: (v, t) => t('{{rate}}/s', { rate: formatBytes(v) }),
    chart: NETWORK_TRANSFER,
  },
  {
    id: 'storage',
    label: (t) => t('Storage throughput'),
    query: (s) => storageTransferQuery(s, '5m'),
    format: (v, t) => t('{{rate}}/s', { rate: formatBytes(v) }),
    chart: STORAGE_TRANSFER,
  },
];

const LAST_HOUR: TimeRange = { kind: 'last', seconds: 3600 };
const SPARKLINE_HEIGHT = 48;

const MetricValue = ({
  metric,
  namespace,
  name,
  vm,
  running,
}: {
  metric: Metric;
  namespace: string;
  name: string;
  vm: VirtualMachine;
  running: boolean;
}) => {
  const { t } = usePluginTranslation();
  const result = usePrometheusValue(
    namespace,
    running ? metric.query(vmiSelector(namespace, name)) : null,
  );
  if (!running) return <>{t('Not running')}</>;
  if (result.isPending) return <Skeleton width="5rem" screenreaderText={t('Loading')} />;
  if (result.error) return <>{t('Unavailable')}</>;
  return <>{result.data === null ? t('No data') : metric.format(result.data, t, vm)}</>;
};

/** A sparkline of the last hour, moving on every minute. */
const MetricSparkline = ({
  metric,
  namespace,
  name,
}: {
  metric: Metric;
  namespace: string;
  name: string;
}) => {
  const { t } = usePluginTranslation();
  const result = useRangeQuery({
    query: metric.chart.query(vmiSelector(namespace, name), rangeStep(LAST_HOUR.seconds)),
    namespace,
    range: LAST_HOUR,
    refreshSeconds: 60,
  });
  const series = useMemo(
    () => (result.data ? toChartSeries(result.data, metric.chart, t) : []),
    [result.data, metric.chart, t],
  );
  if (result.error) return null; // the figure above already says "Unavailable"
  return (
    <TimeSeriesChart
      title={t('{{metric}} over the last hour', { metric: metric.label(t) })}
      series={series}
      unit={metric.chart.unit}
      window={result.window}
      height={SPARKLINE_HEIGHT}
      compact
      loading={result.isPending}
      emptyText={t('No data in the last hour')}
    />
  );
};

/** Current CPU, memory, network and storage figures from Prometheus, each over the last hour. */
export const UtilizationCard = ({
  namespace,
  name,
  vm,
  running,
}: {
  namespace: string;
  name: string;
  vm: VirtualMachine;
  running: boolean;
}) => {
  const { t } = usePluginTranslation();
  // One probe decides whether Prometheus is there at all, so the card says why once.
  const probe = usePrometheusValue(namespace, running ? 'vector(1)' : null);
  const unavailable = probe.error;
  return (
    <Card>
      <CardTitle component="h2">{t('Utilization')}</CardTitle>
      <CardBody>
        {unavailable ? (
          <Content component="p">
            {unavailable instanceof MetricsUnavailable
              ? t('Metrics unavailable: {{reason}}', { reason: unavailable.message })
              : errorMessage(unavailable)}
          </Content>
        ) : (
          <DescriptionList isHorizontal isCompact>
            {METRICS.map((metric) => (
              <DescriptionListGroup key={metric.id}>
                <DescriptionListTerm>{metric.label(t)}</DescriptionListTerm>
                <DescriptionListDescription>
                  <MetricValue
                    metric={metric}
                    namespace={namespace}
                    name={name}
                    vm={vm}
                    running={running}
                  />
                  {running && probe.isSuccess && (
                    <MetricSparkline metric={metric} namespace={namespace} name={name} />
                  )}
                </DescriptionListDescription>
              </DescriptionListGroup>
            ))}
          </DescriptionList>
        )}
      </CardBody>
      <CardFooter>
        <Link to={vmTabPath(namespace, name, 'metrics')}>{t('View metrics')}</Link>
      </CardFooter>
    </Card>
  );
};
