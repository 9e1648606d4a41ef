import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Breadcrumb,
  BreadcrumbItem,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Flex,
  FlexItem,
  Grid,
  GridItem,
  PageSection,
  Title,
} from '@patternfly/react-core';
import { SearchIcon } from '@patternfly/react-icons';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { errorMessage } from '../../../api/bff';
import { withQueryClient } from '../../../api/queryClient';
import { usePluginTranslation } from '../../../i18n';
import { LoadingSkeleton } from '../../vms/details/DetailsStates';
import { Time } from '../../vms/details/Time';
import { checkupOfKind, type CheckupDefinition } from '../checkupKinds';
import { checkupsPath, checkupsRouteFromPath } from '../checkupPaths';
import { CheckupStatusLabel } from '../CheckupStatusLabel';
import { useCheckupDetails } from '../hooks/useCheckupDetails';
import { useCheckupPermissions } from '../hooks/useCheckupPermissions';
import { parameterEntries, resultEntries } from '../model/checkupResults';
import { statusReasonText } from '../statusReason';
import { CheckupDetailsActions } from './CheckupDetailsActions';
import { CheckupLogs } from './CheckupLogs';
import { EntriesList } from './EntriesList';

const BackToTab = ({ checkup, namespace }: { checkup: CheckupDefinition; namespace: string }) => {
  const { t } = usePluginTranslation();
  return (
    <EmptyStateFooter>
      <EmptyStateActions>
        <Link to={checkupsPath(namespace, checkup.kind)}>
          {t('Back to {{list}}', { list: checkup.listTitle(t) })}
        </Link>
      </EmptyStateActions>
    </EmptyStateFooter>
  );
};

/**
 * A checkup (`/k8s/ns/NS/checkups/network|storage/NAME`, NAME its ConfigMap): status and failure
 * reason, Rerun and Delete, the parameters, every result readably, and the Job's log.
 */
const CheckupDetailsPage = () => {
  const { t, i18n } = usePluginTranslation();
  const route = checkupsRouteFromPath(useLocation().pathname);
  const namespace = route?.namespace ?? '';
  const name = route?.name ?? '';
  const checkup = checkupOfKind(route?.kind ?? 'network');
  const language = i18n.language || 'en';
  const { configMap, jobs, status, pod, loaded, error } = useCheckupDetails(
    checkup,
    namespace,
    name,
  );
  const permissions = useCheckupPermissions(checkup.kind, namespace || undefined);
  // Seen, then gone: deleted while open.
  const [seen, setSeen] = useState(false);
  if (configMap && !seen) setSeen(true);

  const breadcrumb = (
    <Breadcrumb>
      <BreadcrumbItem
        render={() => (
          <Link to={checkupsPath(namespace, checkup.kind)}>{checkup.listTitle(t)}</Link>
        )}
      />
      <BreadcrumbItem isActive>{name}</BreadcrumbItem>
    </Breadcrumb>
  );

  const page = (body: JSX.Element) => (
    <>
      <DocumentTitle>{t('Checkup {{name}}', { name })}</DocumentTitle>
      <PageSection>{breadcrumb}</PageSection>
      {body}
    </>
  );

  if (error && !configMap)
    return page(
      <PageSection>
        <EmptyState headingLevel="h1" status="danger" titleText={t('Checkup failed to load')}>
          <EmptyStateBody>{errorMessage(error)}</EmptyStateBody>
          <BackToTab checkup={checkup} namespace={namespace} />
        </EmptyState>
      </PageSection>,
    );
  if (!loaded)
    return page(
      <PageSection>
        <LoadingSkeleton label={t('Loading the checkup')} />
      </PageSection>,
    );
  if (!configMap || !status)
    return page(
      <PageSection>
        <EmptyState
          headingLevel="h1"
          icon={SearchIcon}
          titleText={seen ? t('Checkup deleted') : t('Checkup not found')}
        >
          <EmptyStateBody>
            {seen
              ? t('Checkup {{name}} was deleted from project {{namespace}}.', { name, namespace })
              : t('Project {{namespace}} has no {{checkup}} checkup named {{name}}.', {
                  namespace,
                  name,
                  checkup: checkup.tabTitle(t),
                })}
          </EmptyStateBody>
          <BackToTab checkup={checkup} namespace={namespace} />
        </EmptyState>
      </PageSection>,
    );

  const reason = statusReasonText(
    status.reason,
    checkup,
    t,
    permissions.serviceAccountExists === false,
  );
  const results = resultEntries(configMap.data, t, language);
  const running = status.phase === 'Running' || status.phase === 'Pending';
  const job = status.job;
  return page(
    <>
      <PageSection>
        <Flex
          justifyContent={{ default: 'justifyContentSpaceBetween' }}
          alignItems={{ default: 'alignItemsCenter' }}
        >
          <FlexItem>
            <Flex
              alignItems={{ default: 'alignItemsCenter' }}
              spaceItems={{ default: 'spaceItemsSm' }}
            >
              <Title headingLevel="h1">{name}</Title>
              <CheckupStatusLabel phase={status.phase} />
            </Flex>
            <Content component="small">
              {t('{{checkup}} checkup in project {{namespace}}', {
                checkup: checkup.tabTitle(t),
                namespace,
              })}
            </Content>
          </FlexItem>
          <FlexItem>
            <CheckupDetailsActions
              checkup={checkup}
              namespace={namespace}
              configMap={configMap}
              jobs={jobs}
              status={status}
            />
          </FlexItem>
        </Flex>
      </PageSection>
      <PageSection>
        {status.phase === 'Failed' && (
          <Alert variant="danger" isInline title={t('The checkup failed')}>
            {reason}
          </Alert>
        )}
        {status.phase === 'Pending' && reason && (
          <Alert
            variant={permissions.serviceAccountExists === false ? 'warning' : 'info'}
            isInline
            title={t('The checkup has not started')}
          >
            {reason}{' '}
            {permissions.serviceAccountExists === false && (
              <Link to={checkupsPath(namespace, checkup.kind)}>
                {t('Go to {{list}}', { list: checkup.listTitle(t) })}
              </Link>
            )}
          </Alert>
        )}
        <Grid hasGutter md={6}>
          <GridItem>
            <Title headingLevel="h2" style={{ marginBlockEnd: 'var(--pf-t--global--spacer--sm)' }}>
              {t('Details')}
            </Title>
            <DescriptionList isHorizontal isCompact termWidth="10rem" aria-label={t('Details')}>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Project')}</DescriptionListTerm>
                <DescriptionListDescription>{namespace}</DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Start time')}</DescriptionListTerm>
                <DescriptionListDescription>
                  <Time value={status.startTime} />
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Completion time')}</DescriptionListTerm>
                <DescriptionListDescription>
                  <Time value={status.completionTime} />
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Job')}</DescriptionListTerm>
                <DescriptionListDescription>
                  {job?.metadata?.name ?? '—'}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Image')}</DescriptionListTerm>
                <DescriptionListDescription>
                  {job?.spec?.template.spec?.containers[0]?.image ?? '—'}
                </DescriptionListDescription>
              </DescriptionListGroup>
            </DescriptionList>
          </GridItem>
          <GridItem>
            <Title headingLevel="h2" style={{ marginBlockEnd: 'var(--pf-t--global--spacer--sm)' }}>
              {t('Parameters')}
            </Title>
            <EntriesList
              entries={parameterEntries(configMap.data, t, language)}
              label={t('Parameters')}
            />
          </GridItem>
        </Grid>
      </PageSection>
      <PageSection>
        <Title headingLevel="h2" style={{ marginBlockEnd: 'var(--pf-t--global--spacer--sm)' }}>
          {t('Results')}
        </Title>
        {results.length > 0 ? (
          <EntriesList entries={results} label={t('Results')} termWidth="22rem" />
        ) : (
          <Content component="p">
            {running
              ? t('Results appear when the checkup ends.')
              : t('The checkup wrote no results.')}
          </Content>
        )}
      </PageSection>
      <PageSection>
        <CheckupLogs namespace={namespace} checkupName={name} pod={pod} running={running} />
      </PageSection>
    </>,
  );
};

export default withQueryClient(CheckupDetailsPage);
