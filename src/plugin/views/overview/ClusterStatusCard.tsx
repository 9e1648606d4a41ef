import {
  Button,
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Icon,
  Skeleton,
} from '@patternfly/react-core';
import { CheckCircleIcon, DisconnectedIcon } from '@patternfly/react-icons';
import { errorMessage } from '../../api/bff';
import { useClusterInfo } from '../../api/useClusterInfo';
import { usePluginTranslation } from '../../i18n';

/** Whether a cluster is connected and which version it runs, with loading, empty and error states. */
export const ClusterStatusCard = () => {
  const { t } = usePluginTranslation();
  const { data, error, isPending, isFetching, refetch } = useClusterInfo();

  const body = () => {
    if (isPending) {
      return (
        <div aria-busy="true" aria-label={t('Loading cluster status')}>
          <Skeleton width="40%" screenreaderText={t('Loading cluster status')} />
          <br />
          <Skeleton width="70%" />
        </div>
      );
    }
    if (error) {
      return (
        <EmptyState
          headingLevel="h3"
          status="danger"
          titleText={t('Cluster status unavailable')}
          variant="sm"
        >
          <EmptyStateBody>{errorMessage(error)}</EmptyStateBody>
          <EmptyStateFooter>
            <EmptyStateActions>
              <Button variant="secondary" isLoading={isFetching} onClick={() => void refetch()}>
                {t('Try again')}
              </Button>
            </EmptyStateActions>
          </EmptyStateFooter>
        </EmptyState>
      );
    }
    if (!data.connected) {
      return (
        <EmptyState
          headingLevel="h3"
          icon={DisconnectedIcon}
          titleText={t('No cluster connected')}
          variant="sm"
        >
          <EmptyStateBody>
            {t(
              "This console is not connected to a Kubernetes cluster. To manage virtual machines, restart it with K8S_UPSTREAM_URL set to the cluster's API server URL.",
            )}
          </EmptyStateBody>
        </EmptyState>
      );
    }
    return (
      <DescriptionList isHorizontal>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Status')}</DescriptionListTerm>
          <DescriptionListDescription>
            <Icon status="success" isInline>
              <CheckCircleIcon />
            </Icon>{' '}
            {t('Connected')}
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Kubernetes version')}</DescriptionListTerm>
          <DescriptionListDescription>{data.version.gitVersion}</DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('API server')}</DescriptionListTerm>
          <DescriptionListDescription>{data.server}</DescriptionListDescription>
        </DescriptionListGroup>
        {data.version.platform && (
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Platform')}</DescriptionListTerm>
            <DescriptionListDescription>{data.version.platform}</DescriptionListDescription>
          </DescriptionListGroup>
        )}
      </DescriptionList>
    );
  };

  return (
    <Card>
      <CardTitle component="h2">{t('Cluster')}</CardTitle>
      <CardBody>{body()}</CardBody>
    </Card>
  );
};
