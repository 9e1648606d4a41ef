import { Content } from '@patternfly/react-core';
import { errorMessage } from '../../api/bff';
import { MetricsUnavailable } from '../../api/prometheus/client';
import { usePluginTranslation } from '../../i18n';

/** Why a Prometheus card has nothing to show: no Prometheus, not allowed, or the query's error. */
export const MetricsUnavailableText = ({ error }: { error: unknown }) => {
  const { t } = usePluginTranslation();
  const message = errorMessage(error);
  const text = !(error instanceof MetricsUnavailable)
    ? t('Metrics failed to load: {{message}}', { message })
    : error.reason === 'absent'
      ? t('Prometheus is not available: {{message}}', { message })
      : error.reason === 'forbidden'
        ? t('You may not view these metrics: {{message}}', { message })
        : t('The query failed: {{message}}', { message });
  return <Content component="p">{text}</Content>;
};
