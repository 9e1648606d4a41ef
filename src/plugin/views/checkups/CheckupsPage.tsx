import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import { Content, PageSection, Tab, Tabs, TabTitleText, Title } from '@patternfly/react-core';
import { useLocation, useNavigate } from 'react-router';
import { withQueryClient } from '../../api/queryClient';
import { usePluginTranslation } from '../../i18n';
import { CHECKUPS, type CheckupKind } from './checkupKinds';
import { checkupsPath, checkupsRouteFromPath } from './checkupPaths';
import { CheckupsTab } from './CheckupsTab';

/**
 * Virtualization → Checkups (`/k8s/ns/NS/checkups[/network|/storage]`, or all projects): the
 * Network latency and Storage tabs, the tab in the path.
 */
const CheckupsPage = () => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const route = checkupsRouteFromPath(useLocation().pathname);
  const namespace = route?.namespace;
  const active = route?.kind ?? 'network';
  const tabBody = { paddingBlockStart: 'var(--pf-t--global--spacer--md)' };
  return (
    <>
      <DocumentTitle>{t('Checkups')}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">{t('Checkups')}</Title>
        <Content component="p">
          {t(
            'Checkups verify that the cluster can run VirtualMachines well: network latency between two VirtualMachines, and storage. Each runs as a Job in a project, with permissions you install there first.',
          )}
        </Content>
      </PageSection>
      <PageSection>
        <Tabs
          activeKey={active}
          onSelect={(_, key) => void navigate(checkupsPath(namespace, key as CheckupKind))}
          aria-label={t('Checkups')}
          mountOnEnter
          unmountOnExit
        >
          {CHECKUPS.map((checkup) => (
            <Tab
              key={checkup.kind}
              eventKey={checkup.kind}
              title={<TabTitleText>{checkup.tabTitle(t)}</TabTitleText>}
            >
              <div style={tabBody}>
                <CheckupsTab checkup={checkup} namespace={namespace} />
              </div>
            </Tab>
          ))}
        </Tabs>
      </PageSection>
    </>
  );
};

export default withQueryClient(CheckupsPage);
