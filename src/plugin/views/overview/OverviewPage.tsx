import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import { Content, PageSection, Tab, Tabs, TabTitleText, Title } from '@patternfly/react-core';
import { useSearchParams } from 'react-router';
import { withQueryClient } from '../../api/queryClient';
import { usePluginTranslation } from '../../i18n';
import { MigrationsTab } from './migrations/MigrationsTab';
import { OVERVIEW_TABS, tabOf, withTab, type OverviewTabId } from './overviewTabs';
import { OverviewTab } from './status/OverviewTab';
import { TopConsumersTab } from './top-consumers/TopConsumersTab';
import { useOverviewScope, type OverviewScope } from './useOverviewScope';

const TAB_BODIES: Record<OverviewTabId, (props: { scope: OverviewScope }) => JSX.Element> = {
  overview: OverviewTab,
  'top-consumers': TopConsumersTab,
  migrations: MigrationsTab,
};

/**
 * Virtualization → Overview: tabs Overview (health, alerts, inventory), Top consumers and
 * Migrations, the tab kept in the URL (`?tab=top-consumers`).
 */
const OverviewPage = () => {
  const { t } = usePluginTranslation();
  const [params, setParams] = useSearchParams();
  const scope = useOverviewScope();
  const active = tabOf(params);
  const tabBody = { paddingBlockStart: 'var(--pf-t--global--spacer--md)' };
  return (
    <>
      <DocumentTitle>{t('Virtualization overview')}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">{t('Virtualization overview')}</Title>
        <Content component="p">
          {scope.namespace
            ? t(
                'The virtualization resources, usage, alerts and status of project {{namespace}}.',
                {
                  namespace: scope.namespace,
                },
              )
            : scope.clusterViewer
              ? t('The virtualization resources, usage, alerts and status of the cluster.')
              : t('The virtualization resources of the projects you can see.')}
        </Content>
      </PageSection>
      <PageSection>
        <Tabs
          activeKey={active}
          onSelect={(_, key) => setParams((current) => withTab(current, key as OverviewTabId))}
          aria-label={t('Virtualization overview')}
          mountOnEnter
          unmountOnExit
        >
          {OVERVIEW_TABS.map((tab) => {
            const Body = TAB_BODIES[tab.id];
            return (
              <Tab
                key={tab.id}
                eventKey={tab.id}
                title={<TabTitleText>{tab.title(t)}</TabTitleText>}
              >
                <div style={tabBody}>
                  <Body scope={scope} />
                </div>
              </Tab>
            );
          })}
        </Tabs>
      </PageSection>
    </>
  );
};

export default withQueryClient(OverviewPage);
