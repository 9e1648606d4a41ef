import {
  Alert,
  EmptyState,
  EmptyStateBody,
  Skeleton,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useAccessReview } from '../../../../api/access';
import { errorMessage } from '../../../../api/bff';
import { MetricsUnavailable } from '../../../../api/prometheus/client';
import { useNowSeconds, usePrometheusValue } from '../../../../api/prometheus/hooks';
import { vmiSelector } from '../../../../api/prometheus/promql';
import type { VirtualMachineInstance } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import type { VmTabProps } from '../tabs';
import type { ChartContext } from './chartContext';
import { DEFAULT_REFRESH } from './metricsRange';
import {
  STORAGE_SECTION,
  SWAP_SECTION,
  UTILIZATION_SECTION,
  VCPU_WAIT_SECTION,
} from './metricsSections';
import { MetricsSectionView } from './MetricsSectionView';
import { MetricsToolbar } from './MetricsToolbar';
import { MigrationSection } from './MigrationSection';
import { NetworkSection } from './NetworkSection';
import { useMetricsRange } from './useMetricsRange';

/** Prometheus scrapes and rates need about this long before a new VM's charts fill. */
const WARM_UP_SECONDS = 3 * 60;

/** When the VMI started running (Unix seconds), if it says. */
const runningSince = (vmi?: VirtualMachineInstance): number | undefined => {
  const running = vmi?.status?.phaseTransitionTimestamps?.find((p) => p.phase === 'Running');
  const stamp = running?.phaseTransitionTimestamp ?? vmi?.metadata?.creationTimestamp;
  const time = stamp ? Date.parse(stamp) / 1000 : NaN;
  return Number.isFinite(time) ? time : undefined;
};

/** Why there are no metrics at all: no Prometheus, not allowed, or the query failed. */
const Unavailable = ({ error, namespace }: { error: unknown; namespace: string }) => {
  const { t } = usePluginTranslation();
  const message = error instanceof MetricsUnavailable ? error.message : errorMessage(error);
  const reason = error instanceof MetricsUnavailable ? error.reason : 'failed';
  const title =
    reason === 'absent'
      ? t('Prometheus is not available: {{reason}}', { reason: message })
      : reason === 'forbidden'
        ? t('You may not view the metrics of project {{namespace}}.', { namespace })
        : t('The metrics query failed: {{reason}}', { reason: message });
  return (
    <EmptyState headingLevel="h2" titleText={title} variant="sm">
      {reason === 'forbidden' && <EmptyStateBody>{message}</EmptyStateBody>}
    </EmptyState>
  );
};

/**
 * The VM's Metrics tab: a time range kept in the URL, a refresh interval, and charts of
 * utilization, network, storage, vCPU wait, guest swap and (while or after it migrates) live
 * migration, each with its definition and its query for Observe. Every query passes the VM's
 * namespace, so the BFF confines a user who may not view the whole cluster to it.
 */
export const MetricsTab = ({ namespace, name, vmi, migration }: VmTabProps) => {
  const { t } = usePluginTranslation();
  const { range, setRange, zoom, zoomed, resetZoom } = useMetricsRange();
  const [refreshSeconds, setRefreshSeconds] = useState<number>(DEFAULT_REFRESH);
  // One probe says once why there are no metrics, instead of every chart failing alike.
  const probe = usePrometheusValue(namespace, 'vector(1)');
  const cluster = useAccessReview({ verb: 'get', resource: 'namespaces' });
  const running = vmi?.status?.phase === 'Running';
  const since = runningSince(vmi);
  const now = useNowSeconds(running ? 30 : 0);
  const starting = running && since !== undefined && now - since < WARM_UP_SECONDS;
  const migrating =
    !!migration || (!!vmi?.status?.migrationState && !vmi.status.migrationState.completed);
  const selector = vmiSelector(namespace, name);

  const context = useMemo<ChartContext>(
    () => ({
      namespace,
      range,
      refreshSeconds,
      mayViewCluster: cluster.allowed,
      startingText: starting ? t('Metrics appear about a minute after the VM starts.') : undefined,
      onZoom: zoom,
    }),
    [namespace, range, refreshSeconds, cluster.allowed, starting, t, zoom],
  );

  return (
    <Stack hasGutter>
      <StackItem>
        <MetricsToolbar
          range={range}
          onRange={setRange}
          refreshSeconds={refreshSeconds}
          onRefresh={setRefreshSeconds}
          zoomed={zoomed}
          onResetZoom={resetZoom}
        />
      </StackItem>
      {probe.isPending ? (
        <StackItem>
          <Skeleton height="12rem" screenreaderText={t('Loading metrics')} />
        </StackItem>
      ) : probe.error ? (
        <StackItem>
          <Unavailable error={probe.error} namespace={namespace} />
        </StackItem>
      ) : (
        <>
          {!running && (
            <StackItem>
              <Alert isInline variant="info" title={t('The VM is not running')}>
                {t('The charts show its metrics from the past, where there are any.')}
              </Alert>
            </StackItem>
          )}
          <StackItem>
            <MetricsSectionView
              section={UTILIZATION_SECTION}
              selector={selector}
              context={context}
            />
          </StackItem>
          <StackItem>
            <NetworkSection name={name} context={context} />
          </StackItem>
          <StackItem>
            <MetricsSectionView section={STORAGE_SECTION} selector={selector} context={context} />
          </StackItem>
          <StackItem>
            <MetricsSectionView section={VCPU_WAIT_SECTION} selector={selector} context={context} />
          </StackItem>
          <StackItem>
            <MetricsSectionView section={SWAP_SECTION} selector={selector} context={context} />
          </StackItem>
          <StackItem>
            <MigrationSection selector={selector} context={context} migrating={migrating} />
          </StackItem>
        </>
      )}
    </Stack>
  );
};
