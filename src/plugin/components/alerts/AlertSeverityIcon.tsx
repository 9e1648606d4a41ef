import { Icon } from '@patternfly/react-core';
import {
  ExclamationCircleIcon,
  ExclamationTriangleIcon,
  InfoCircleIcon,
} from '@patternfly/react-icons';
import type { PrometheusAlert } from '../../api/prometheus/alerts';

export type AlertSeverity = 'critical' | 'warning' | 'info';

/** An alert's `severity` label as one of the three the console draws; anything else is info. */
export const alertSeverity = (alert: PrometheusAlert): AlertSeverity =>
  alert.labels.severity === 'critical' || alert.labels.severity === 'warning'
    ? alert.labels.severity
    : 'info';

/** The console's icon for an alert severity: danger, warning or info. */
export const AlertSeverityIcon = ({ severity }: { severity: AlertSeverity }) => {
  if (severity === 'critical')
    return (
      <Icon status="danger" isInline>
        <ExclamationCircleIcon />
      </Icon>
    );
  if (severity === 'warning')
    return (
      <Icon status="warning" isInline>
        <ExclamationTriangleIcon />
      </Icon>
    );
  return (
    <Icon status="info" isInline>
      <InfoCircleIcon />
    </Icon>
  );
};
