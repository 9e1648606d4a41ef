import {
  Button,
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  CardTitle,
  Content,
  Flex,
  FlexItem,
  FormSelect,
  FormSelectOption,
  List,
  ListItem,
  Popover,
  Skeleton,
} from '@patternfly/react-core';
import { OutlinedQuestionCircleIcon } from '@patternfly/react-icons';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { resourcePath, vmDetailsPath, vmListPath } from '../../../api/links';
import { NodeModel } from '../../../api/models';
import { useInstantQuery } from '../../../api/prometheus/hooks';
import { observeQueryPath } from '../../../api/prometheus/links';
import {
  CONSUMER_GROUPINGS,
  spanPhrase,
  topConsumersQuery,
  type ConsumerGrouping,
  type TopConsumerMetric,
  type TopConsumerSpan,
} from '../../../api/prometheus/topConsumerQueries';
import { formatMetric } from '../../../components/charts/formatMetric';
import { usePluginTranslation } from '../../../i18n';
import { MetricsUnavailableText } from '../MetricsUnavailableText';
import { consumerRows, type ConsumerRow } from './consumerRows';

const GROUPING_TITLES: Record<ConsumerGrouping, (t: TFunction) => string> = {
  vm: (t) => t('By VM'),
  namespace: (t) => t('By project'),
  node: (t) => t('By node'),
};

export interface TopConsumerCardProps {
  metric: TopConsumerMetric;
  by: ConsumerGrouping;
  onByChange: (by: ConsumerGrouping) => void;
  limit: number;
  span: TopConsumerSpan;
  /** The project chosen: only its series are ranked. */
  namespace?: string;
  /** What the Prometheus hook gets as `namespace` (a user confined to a project). */
  metricsNamespace?: string;
  /** May the user open node pages? Otherwise nodes are plain names. */
  nodeLinks: boolean;
}

const Bar = ({ percent }: { percent: number }) => (
  <div
    aria-hidden
    style={{
      height: '0.5rem',
      borderRadius: 'var(--pf-t--global--border--radius--small)',
      background: 'var(--pf-t--global--background--color--secondary--default)',
    }}
  >
    <div
      style={{
        width: `${Math.max(percent, 1)}%`,
        height: '100%',
        borderRadius: 'var(--pf-t--global--border--radius--small)',
        background: 'var(--pf-t--global--color--brand--default)',
      }}
    />
  </div>
);

const RowName = ({
  row,
  by,
  nodeLinks,
}: {
  row: ConsumerRow;
  by: ConsumerGrouping;
  nodeLinks: boolean;
}) => {
  if (by === 'vm' && row.namespace)
    return (
      <>
        <Link to={vmDetailsPath(row.namespace, row.name)}>{row.name}</Link>{' '}
        <small>{row.namespace}</small>
      </>
    );
  if (by === 'namespace') return <Link to={vmListPath(row.name)}>{row.name}</Link>;
  return nodeLinks ? (
    <Link to={resourcePath(NodeModel, undefined, row.name)}>{row.name}</Link>
  ) : (
    <>{row.name}</>
  );
};

/** One Top consumers card: the `topk` of a metric by VM, project or node, as bars. */
export const TopConsumerCard = ({
  metric,
  by,
  onByChange,
  limit,
  span,
  namespace,
  metricsNamespace,
  nodeLinks,
}: TopConsumerCardProps) => {
  const { t } = usePluginTranslation();
  const title = metric.title(t);
  const query = topConsumersQuery(metric, { by, limit, span, namespace });
  const answer = useInstantQuery(query, { namespace: metricsNamespace });

  const body = () => {
    if (answer.isPending)
      return <Skeleton height="6rem" screenreaderText={t('Loading {{title}}', { title })} />;
    if (answer.error) return <MetricsUnavailableText error={answer.error} />;
    const rows = consumerRows(answer.data, by);
    if (!rows.length)
      return <Content component="p">{metric.empty(t, spanPhrase(t, span))}</Content>;
    return (
      <List component="ol" isPlain aria-label={t('Top consumers of {{title}}', { title })}>
        {rows.map((row) => (
          <ListItem key={row.key}>
            <Flex
              justifyContent={{ default: 'justifyContentSpaceBetween' }}
              flexWrap={{ default: 'nowrap' }}
            >
              <FlexItem style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                <RowName row={row} by={by} nodeLinks={nodeLinks} />
              </FlexItem>
              <FlexItem>{formatMetric(row.value, metric.unit, t)}</FlexItem>
            </Flex>
            <Bar percent={row.percent} />
          </ListItem>
        ))}
      </List>
    );
  };

  return (
    <Card isFullHeight>
      <CardHeader
        actions={{
          hasNoOffset: true,
          actions: (
            <FormSelect
              // In a narrow card the title wraps, not the select ("By …").
              style={{ minInlineSize: '8.5rem' }}
              value={by}
              onChange={(_, value) => onByChange(value as ConsumerGrouping)}
              aria-label={t('Rank {{title}} by', { title })}
            >
              {CONSUMER_GROUPINGS.map((grouping) => (
                <FormSelectOption
                  key={grouping}
                  value={grouping}
                  label={GROUPING_TITLES[grouping](t)}
                />
              ))}
            </FormSelect>
          ),
        }}
      >
        <CardTitle component="h2">
          {title}{' '}
          <Popover bodyContent={metric.definition(t)}>
            <Button
              variant="plain"
              hasNoPadding
              aria-label={t('About {{title}}', { title })}
              icon={<OutlinedQuestionCircleIcon />}
            />
          </Popover>
        </CardTitle>
      </CardHeader>
      <CardBody>{body()}</CardBody>
      <CardFooter>
        <Link to={observeQueryPath(query, metricsNamespace)}>{t('Show query in Observe')}</Link>
      </CardFooter>
    </Card>
  );
};
