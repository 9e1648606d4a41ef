import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import { Content, PageSection, Tab, Tabs, TabTitleText, Title } from '@patternfly/react-core';
import { useLocation, useNavigate } from 'react-router';
import { withQueryClient } from '../../api/queryClient';
import { usePluginTranslation } from '../../i18n';
import { catalogPath, catalogRefFromPath, type CatalogTab } from './catalogPaths';
import { InstanceTypesTab } from './instanceTypes/InstanceTypesTab';
import { TemplateCatalogTab } from './templates/TemplateCatalogTab';
import { saveDraftForCustomize } from './customize/draftHandoff';
import type { VmDraft } from './draft/vmDraft';

/**
 * Virtualization → Catalog (`/k8s/ns/NS/catalog`): the ways to create a VirtualMachine, with
 * the InstanceTypes tab open by default as the seed describes.
 */
const CatalogPage = () => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const ref = catalogRefFromPath(useLocation().pathname);
  const namespace = ref?.namespace;
  const tab = ref?.tab ?? 'instancetypes';
  const customize = (draft: VmDraft) => void navigate(saveDraftForCustomize(draft));
  const tabBody = { paddingBlockStart: 'var(--pf-t--global--spacer--md)' };
  return (
    <>
      <DocumentTitle>{t('Catalog')}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">{t('Create new VirtualMachine')}</Title>
        <Content component="p">{t('Select an option to create a VirtualMachine from.')}</Content>
      </PageSection>
      <PageSection>
        <Tabs
          activeKey={tab}
          onSelect={(_, key) => void navigate(catalogPath(namespace, key as CatalogTab))}
          aria-label={t('Ways to create a VirtualMachine')}
          mountOnEnter
          unmountOnExit
        >
          <Tab eventKey="instancetypes" title={<TabTitleText>{t('InstanceTypes')}</TabTitleText>}>
            <div style={tabBody}>
              <InstanceTypesTab
                namespace={namespace}
                onCustomize={customize}
                onCancel={() => void navigate(-1)}
              />
            </div>
          </Tab>
          <Tab eventKey="templates" title={<TabTitleText>{t('Template catalog')}</TabTitleText>}>
            <div style={tabBody}>
              <TemplateCatalogTab namespace={namespace} onCustomize={customize} />
            </div>
          </Tab>
        </Tabs>
      </PageSection>
    </>
  );
};

export default withQueryClient(CatalogPage);
