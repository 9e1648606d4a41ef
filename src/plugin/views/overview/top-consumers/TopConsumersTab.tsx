import {
  Content,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import type { TFunction } from 'i18next';
import { useSearchParams } from 'react-router';
import { useAccessReview } from '../../../api/access';
import { NodeModel } from '../../../api/models';
import {
  TOP_CONSUMER_LIMITS,
  TOP_CONSUMER_METRICS,
  TOP_CONSUMER_SPANS,
  type TopConsumerSpan,
} from '../../../api/prometheus/topConsumerQueries';
import { usePluginTranslation } from '../../../i18n';
import { NoticeText } from '../NoticeText';
import type { OverviewScope } from '../useOverviewScope';
import { TopConsumerCard } from './TopConsumerCard';
import {
  parseTopConsumersSettings,
  writeTopConsumersSettings,
  type TopConsumersSettings,
} from './topConsumersSettings';

const SPAN_TITLES: Record<TopConsumerSpan, (t: TFunction) => string> = {
  '5m': (t) => t('Last 5 minutes'),
  '1h': (t) => t('Last hour'),
  '6h': (t) => t('Last 6 hours'),
  '24h': (t) => t('Last 24 hours'),
};

/** The Top consumers tab: a card per metric, over one time range and top N, kept in the URL. */
export const TopConsumersTab = ({ scope }: { scope: OverviewScope }) => {
  const { t } = usePluginTranslation();
  const [params, setParams] = useSearchParams();
  const settings = parseTopConsumersSettings(params);
  const nodeAccess = useAccessReview({ verb: 'get', resource: NodeModel.plural });
  const update = (change: Partial<TopConsumersSettings>) =>
    setParams((current) => writeTopConsumersSettings(current, { ...settings, ...change }));

  if (!scope.loading && !scope.metricsAllowed)
    return (
      <NoticeText>
        {t(
          'Choose a project to see its top consumers: you may view the metrics of one project at a time.',
        )}
      </NoticeText>
    );
  return (
    <>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <FormSelect
              value={settings.span}
              onChange={(_, value) => update({ span: value as TopConsumerSpan })}
              aria-label={t('Time range')}
            >
              {TOP_CONSUMER_SPANS.map((span) => (
                <FormSelectOption key={span.id} value={span.id} label={SPAN_TITLES[span.id](t)} />
              ))}
            </FormSelect>
          </ToolbarItem>
          <ToolbarItem>
            <FormSelect
              value={String(settings.limit)}
              onChange={(_, value) =>
                update({ limit: Number(value) as TopConsumersSettings['limit'] })
              }
              aria-label={t('How many to show')}
            >
              {TOP_CONSUMER_LIMITS.map((limit) => (
                <FormSelectOption
                  key={limit}
                  value={String(limit)}
                  label={t('Top {{count}}', { count: limit })}
                />
              ))}
            </FormSelect>
          </ToolbarItem>
          <ToolbarItem alignSelf="center">
            <Content component="small">
              {t('Averages over the time range; VMs deleted within it may still be ranked.')}
            </Content>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {!scope.loading && (
        <Grid hasGutter>
          {TOP_CONSUMER_METRICS.map((metric) => (
            <GridItem key={metric.id} md={6} xl={4}>
              <TopConsumerCard
                metric={metric}
                by={settings.by[metric.id]}
                onByChange={(by) => update({ by: { ...settings.by, [metric.id]: by } })}
                limit={settings.limit}
                span={settings.span}
                namespace={scope.namespace}
                metricsNamespace={scope.metricsNamespace}
                nodeLinks={nodeAccess.allowed}
              />
            </GridItem>
          ))}
        </Grid>
      )}
    </>
  );
};
