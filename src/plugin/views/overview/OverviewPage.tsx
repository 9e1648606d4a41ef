import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import { Content, Grid, GridItem, PageSection, Title } from '@patternfly/react-core';
import { withQueryClient } from '../../api/queryClient';
import { usePluginTranslation } from '../../i18n';
import { ClusterStatusCard } from './ClusterStatusCard';

/** Virtualization → Overview: the first page of the section, the cluster's state at a glance. */
const OverviewPage = () => {
  const { t } = usePluginTranslation();
  return (
    <>
      <DocumentTitle>{t('Virtualization overview')}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">{t('Virtualization overview')}</Title>
        <Content component="p">
          {t('The state of the cluster that runs your virtual machines.')}
        </Content>
      </PageSection>
      <PageSection>
        <Grid hasGutter>
          <GridItem lg={6}>
            <ClusterStatusCard />
          </GridItem>
        </Grid>
      </PageSection>
    </>
  );
};

export default withQueryClient(OverviewPage);
