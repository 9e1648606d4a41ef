import { FormSelect, FormSelectOption, GridItem } from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useRangeQuery } from '../../../../api/prometheus/hooks';
import { labelMatchers } from '../../../../api/prometheus/promql';
import { NETWORK_IN, NETWORK_OUT, NETWORK_TOTAL } from '../../../../api/prometheus/vmQueries';
import { usePluginTranslation } from '../../../../i18n';
import type { ChartContext } from './chartContext';
import { MetricChartCard } from './MetricChartCard';
import { stepOf } from './metricsRange';
import { SectionFrame } from './MetricsSectionView';

const ALL = '';

/**
 * Network in, out and total, per interface; the select narrows all three to one interface.
 * The interfaces are those the data names (the total's query over all of them, which the
 * "All" chart shares, so it costs no extra request while "All" is chosen).
 */
export const NetworkSection = ({ name, context }: { name: string; context: ChartContext }) => {
  const { t } = usePluginTranslation();
  const [chosen, setChosen] = useState(ALL);
  const vmSelector = labelMatchers({ namespace: context.namespace, name });
  const all = useRangeQuery({
    query: NETWORK_TOTAL.query(vmSelector, stepOf(context.range)),
    namespace: context.namespace,
    range: context.range,
    refreshSeconds: context.refreshSeconds,
  });
  const interfaces = useMemo(
    () =>
      [
        ...new Set(
          (all.data ?? []).flatMap((s) => (s.metric.interface ? [s.metric.interface] : [])),
        ),
      ].sort(),
    [all.data],
  );
  const selector = labelMatchers({
    namespace: context.namespace,
    name,
    interface: chosen === ALL ? undefined : chosen,
  });
  return (
    <SectionFrame
      id="network"
      title={t('Network')}
      tools={
        <FormSelect
          aria-label={t('Interface')}
          value={chosen}
          onChange={(_, value) => setChosen(value)}
          style={{ maxWidth: '20rem' }}
        >
          <FormSelectOption value={ALL} label={t('All interfaces')} />
          {[...new Set([...interfaces, ...(chosen ? [chosen] : [])])].map((item) => (
            <FormSelectOption key={item} value={item} label={item} />
          ))}
        </FormSelect>
      }
    >
      {[NETWORK_IN, NETWORK_OUT, NETWORK_TOTAL].map((chart) => (
        <GridItem key={chart.id} lg={chart === NETWORK_TOTAL ? 12 : 6}>
          <MetricChartCard chart={chart} selector={selector} context={context} />
        </GridItem>
      ))}
    </SectionFrame>
  );
};
