import { AlertSeverityIcon, alertSeverity } from '../../../../components/alerts/AlertSeverityIcon';
import {
  Alert,
  Card,
  CardBody,
  CardTitle,
  Content,
  Icon,
  List,
  ListItem,
} from '@patternfly/react-core';
import { BellIcon } from '@patternfly/react-icons';
import { errorMessage } from '../../../../api/bff';
import { usePluginTranslation } from '../../../../i18n';
import { LoadingSkeleton } from '../DetailsStates';
import { Time } from '../Time';
import { alertsOfVm } from '../../../../api/prometheus/alerts';
import { MetricsUnavailable } from '../../../../api/prometheus/client';
import { useAlerts } from '../../../../api/prometheus/hooks';

/** The VM's alerts from Prometheus; without Prometheus, why there are none. */
export const AlertsCard = ({ namespace, name }: { namespace: string; name: string }) => {
  const { t } = usePluginTranslation();
  const alerts = useAlerts(namespace, (all) => alertsOfVm(all, namespace, name));

  const body = () => {
    if (alerts.isPending) return <LoadingSkeleton label={t('Loading alerts')} rows={2} />;
    if (alerts.error)
      return alerts.error instanceof MetricsUnavailable ? (
        <Content component="p">
          {t('Metrics unavailable: {{reason}}', { reason: alerts.error.message })}
        </Content>
      ) : (
        <Alert variant="danger" isInline isPlain title={t('Alerts failed to load')}>
          {errorMessage(alerts.error)}
        </Alert>
      );
    if (!alerts.data.length)
      return (
        <Content component="p">
          <Icon isInline>
            <BellIcon />
          </Icon>{' '}
          {t('No alerts')}
        </Content>
      );
    return (
      <List isPlain>
        {alerts.data.map((alert, i) => (
          <ListItem key={`${alert.labels.alertname}-${i}`}>
            <AlertSeverityIcon severity={alertSeverity(alert)} />{' '}
            <strong>{alert.labels.alertname}</strong>{' '}
            {alert.annotations?.summary ?? alert.annotations?.description ?? ''}{' '}
            <small>
              {alert.state === 'firing' ? t('Firing since') : t('Pending since')}{' '}
              <Time value={alert.activeAt} />
            </small>
          </ListItem>
        ))}
      </List>
    );
  };

  return (
    <Card>
      <CardTitle component="h2">{t('Alerts')}</CardTitle>
      <CardBody>{body()}</CardBody>
    </Card>
  );
};
