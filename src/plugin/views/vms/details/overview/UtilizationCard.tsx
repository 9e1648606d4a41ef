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
import { Link } from 'react-router';
import { errorMessage } from '../../../../api/bff';
import type { VirtualMachine } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { vmTabPath } from '../detailsPaths';
import { formatBytes, quantityBytes } from './formatQuantity';
import { MetricsUnavailable } from '../../../../api/prometheus/client';
import { usePrometheusValue } from '../../../../api/prometheus/hooks';
import { vmiSelector } from '../../../../api/prometheus/promql';
import { vmMemory } from './vmFacts';

interface Metric {
  id: string;
  label: (t: TFunction) => string;
  query: (selector: string) => string;
  format: (value: number, t: TFunction, vm: VirtualMachine) => string;
}

/** The figures the card shows, as queries; the Metrics tab draws them over time. */
const METRICS: Metric[] = [
  {
    id: 'cpu',
    label: (t) => t('CPU'),
    query: (s) => `sum(rate(kubevirt_vmi_cpu_usage_seconds_total${s}[5m]))`,
    format: (v, t) => t('{{cores}} cores', { cores: v.toFixed(v < 1 ? 3 : 2) }),
  },
  {
    id: 'memory',
    label: (t) => t('Memory'),
    query: (s) => `sum(kubevirt_vmi_memory_used_bytes${s})`,
    format: (v, t, vm) => {
      const total = quantityBytes(vmMemory(vm));
      return total
        ? t('{{used}} of {{total}}', { used: formatBytes(v), total: formatBytes(total) })
        : formatBytes(v);
    },
  },
  {
    id: 'network',
    label: (t) => t('Network transfer'),
    query: (s) =>
      `sum(rate(kubevirt_vmi_network_receive_bytes_total${s}[5m])) + sum(rate(kubevirt_vmi_network_transmit_bytes_total${s}[5m]))`,
    format: (v, t) => t('{{rate}}/s', { rate: formatBytes(v) }),
  },
  {
    id: 'storage',
    label: (t) => t('Storage throughput'),
    query: (s) =>
      `sum(rate(kubevirt_vmi_storage_read_traffic_bytes_total${s}[5m])) + sum(rate(kubevirt_vmi_storage_write_traffic_bytes_total${s}[5m]))`,
    format: (v, t) => t('{{rate}}/s', { rate: formatBytes(v) }),
  },
];

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

/** Current CPU, memory, network and storage figures from Prometheus. */
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
