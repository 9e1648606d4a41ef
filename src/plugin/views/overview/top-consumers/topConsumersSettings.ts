import {
  CONSUMER_GROUPINGS,
  TOP_CONSUMER_LIMITS,
  TOP_CONSUMER_METRICS,
  TOP_CONSUMER_SPANS,
  type ConsumerGrouping,
  type TopConsumerLimit,
  type TopConsumerMetricId,
  type TopConsumerSpan,
} from '../../../api/prometheus/topConsumerQueries';

/**
 * The tab's settings in the URL: `?range=1h&top=5&cpuBy=node` (a card's grouping as
 * `<metric>By`); defaults are left out.
 */
export interface TopConsumersSettings {
  span: TopConsumerSpan;
  limit: TopConsumerLimit;
  by: Record<TopConsumerMetricId, ConsumerGrouping>;
}

const DEFAULT_SPAN: TopConsumerSpan = '1h';
const DEFAULT_LIMIT: TopConsumerLimit = 5;
const DEFAULT_GROUPING: ConsumerGrouping = 'vm';

const byParam = (id: TopConsumerMetricId) => `${id}By`;

export const parseTopConsumersSettings = (params: URLSearchParams): TopConsumersSettings => {
  const span = TOP_CONSUMER_SPANS.find((s) => s.id === params.get('range'))?.id ?? DEFAULT_SPAN;
  const limit = TOP_CONSUMER_LIMITS.find((l) => String(l) === params.get('top')) ?? DEFAULT_LIMIT;
  const by = Object.fromEntries(
    TOP_CONSUMER_METRICS.map((metric) => {
      const value = params.get(byParam(metric.id));
      return [
        metric.id,
        CONSUMER_GROUPINGS.find((grouping) => grouping === value) ?? DEFAULT_GROUPING,
      ];
    }),
  ) as Record<TopConsumerMetricId, ConsumerGrouping>;
  return { span, limit, by };
};

/** The URL parameters of `settings`, keeping the parameters the tab does not own. */
export const writeTopConsumersSettings = (
  params: URLSearchParams,
  settings: TopConsumersSettings,
): URLSearchParams => {
  const next = new URLSearchParams(params);
  const set = (key: string, value: string, fallback: string) => {
    if (value === fallback) next.delete(key);
    else next.set(key, value);
  };
  set('range', settings.span, DEFAULT_SPAN);
  set('top', String(settings.limit), String(DEFAULT_LIMIT));
  for (const metric of TOP_CONSUMER_METRICS)
    set(byParam(metric.id), settings.by[metric.id], DEFAULT_GROUPING);
  return next;
};
