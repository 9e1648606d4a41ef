import {
  AlertSeverityIcon,
  alertSeverity,
  type AlertSeverity,
} from '../../../components/alerts/AlertSeverityIcon';
import {
  Card,
  CardBody,
  CardTitle,
  Content,
  Flex,
  FlexItem,
  Icon,
  List,
  ListItem,
  Skeleton,
} from '@patternfly/react-core';
import { BellIcon, ExternalLinkAltIcon } from '@patternfly/react-icons';
import {
  isVirtualizationAlert,
  runbookURL,
  sortAlerts,
  type PrometheusAlert,
} from '../../../api/prometheus/alerts';
import { useAlerts } from '../../../api/prometheus/hooks';
import { usePluginTranslation } from '../../../i18n';
import { RelativeTime } from '../../vms/details/Time';
import { MetricsUnavailableText } from '../MetricsUnavailableText';
import { NoticeText } from '../NoticeText';
import type { OverviewScope } from '../useOverviewScope';

const selectVirtualization = (alerts: PrometheusAlert[]) =>
  sortAlerts(alerts.filter(isVirtualizationAlert));

const AlertItem = ({ alert }: { alert: PrometheusAlert }) => {
  const { t } = usePluginTranslation();
  const runbook = runbookURL(alert);
  const summary = alert.annotations?.summary;
  const description = alert.annotations?.description;
  return (
    <ListItem>
      <AlertSeverityIcon severity={alertSeverity(alert)} />{' '}
      <strong>{alert.labels.alertname}</strong>
      {summary && <> {summary}</>}
      {description && description !== summary && (
        <>
          <br />
          <small>{description}</small>
        </>
      )}
      <br />
      <small>
        {alert.state === 'firing' ? t('Firing since') : t('Pending since')}{' '}
        <RelativeTime value={alert.activeAt} />
        {runbook && (
          <>
            {' · '}
            <a href={runbook} target="_blank" rel="noopener noreferrer">
              {t('View runbook')}{' '}
              <Icon isInline>
                <ExternalLinkAltIcon />
              </Icon>
            </a>
          </>
        )}
      </small>
    </ListItem>
  );
};

const AlertList = ({ namespace }: { namespace?: string }) => {
  const { t } = usePluginTranslation();
  const alerts = useAlerts(namespace, selectVirtualization);
  if (alerts.isPending) return <Skeleton width="60%" screenreaderText={t('Loading alerts')} />;
  if (alerts.error) return <MetricsUnavailableText error={alerts.error} />;
  if (!alerts.data.length)
    return (
      <Content component="p">
        <Icon isInline>
          <BellIcon />
        </Icon>{' '}
        {t('No Virtualization alerts are firing.')}
      </Content>
    );
  const count = (severity: AlertSeverity) =>
    alerts.data.filter((alert) => alertSeverity(alert) === severity).length;
  return (
    <>
      <Flex spaceItems={{ default: 'spaceItemsLg' }} aria-label={t('Alerts by severity')}>
        <FlexItem>
          <AlertSeverityIcon severity="critical" />{' '}
          {t('{{count}} critical', { count: count('critical') })}
        </FlexItem>
        <FlexItem>
          <AlertSeverityIcon severity="warning" />{' '}
          {t('{{count}} warning', { count: count('warning') })}
        </FlexItem>
        <FlexItem>
          <AlertSeverityIcon severity="info" /> {t('{{count}} info', { count: count('info') })}
        </FlexItem>
      </Flex>
      <div
        style={{
          maxHeight: '24rem',
          overflowY: 'auto',
          marginBlockStart: 'var(--pf-t--global--spacer--md)',
        }}
      >
        <List isPlain isBordered>
          {alerts.data.map((alert, i) => (
            <AlertItem
              key={`${alert.labels.alertname}-${alert.labels.namespace ?? ''}-${i}`}
              alert={alert}
            />
          ))}
        </List>
      </div>
    </>
  );
};

/** Virtualization's firing and pending alerts, by severity, each with its runbook. */
export const VirtualizationAlertsCard = ({ scope }: { scope: OverviewScope }) => {
  const { t } = usePluginTranslation();
  return (
    <Card>
      <CardTitle component="h2">{t('Alerts')}</CardTitle>
      <CardBody>
        {scope.loading ? (
          <Skeleton width="60%" screenreaderText={t('Loading alerts')} />
        ) : scope.metricsAllowed ? (
          <AlertList namespace={scope.metricsNamespace} />
        ) : (
          <NoticeText>{t('Choose a project to see its alerts.')}</NoticeText>
        )}
      </CardBody>
    </Card>
  );
};
