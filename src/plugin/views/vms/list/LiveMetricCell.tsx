import { Skeleton } from '@patternfly/react-core';
import type { TFunction } from 'i18next';
import { VM_LIST_METRICS, type VmListMetricId } from '../../../api/prometheus/vmListQueries';
import { formatMetric } from '../../../components/charts/formatMetric';
import { usePluginTranslation } from '../../../i18n';
import { quantityBytes } from '../details/overview/formatQuantity';
import type { LiveValue } from './liveMetrics';

const DASH = '—';

const nowrap = { whiteSpace: 'nowrap' } as const;

/** A thin bar under "x of y": how full the VM's memory is (the text says it for everyone). */
const UsageBar = ({ fraction }: { fraction: number }) => {
  const percent = Math.min(100, Math.max(0, fraction * 100));
  return (
    <div
      aria-hidden="true"
      style={{
        height: '0.25rem',
        minWidth: '4rem',
        marginTop: 'var(--pf-t--global--spacer--xs)',
        borderRadius: 'var(--pf-t--global--border--radius--small)',
        background: 'var(--pf-t--global--border--color--default)',
        overflow: 'hidden',
      }}
    >
      <div
        data-testid="memory-usage-bar"
        style={{
          width: `${percent}%`,
          height: '100%',
          background:
            percent >= 90
              ? 'var(--pf-t--global--color--status--warning--default)'
              : 'var(--pf-t--global--color--brand--default)',
        }}
      />
    </div>
  );
};

const Memory = ({ used, allocated, t }: { used: number; allocated?: string; t: TFunction }) => {
  const total = quantityBytes(allocated);
  if (!total) return <span style={nowrap}>{formatMetric(used, 'bytes', t)}</span>;
  return (
    <>
      <div style={nowrap}>
        {t('{{used}} of {{total}}', {
          used: formatMetric(used, 'bytes', t),
          total: formatMetric(total, 'bytes', t),
        })}
      </div>
      <UsageBar fraction={used / total} />
    </>
  );
};

/**
 * One live cell: the value in its unit ("0.12 cores", "310 MiB of 512 MiB" over a bar,
 * "1.2 KiB/s"), "—" for a VM without a guest or when the question failed (the header says
 * why), "No data yet" for a VM Prometheus has not scraped yet.
 */
export const LiveMetricCell = ({
  metric,
  value,
  allocatedMemory,
}: {
  metric: VmListMetricId;
  value: LiveValue | undefined;
  /** The VM's memory (a quantity), for "x of y". */
  allocatedMemory?: string;
}) => {
  const { t } = usePluginTranslation();
  if (value === undefined || value === 'off' || value === 'unavailable') return <>{DASH}</>;
  if (value === 'loading') return <Skeleton width="4rem" screenreaderText={t('Loading')} />;
  if (value === 'none')
    return (
      <span style={{ ...nowrap, color: 'var(--pf-t--global--text--color--subtle)' }}>
        {t('No data yet')}
      </span>
    );
  if (metric === 'memory') return <Memory used={value} allocated={allocatedMemory} t={t} />;
  return <span style={nowrap}>{formatMetric(value, VM_LIST_METRICS[metric].unit, t)}</span>;
};
