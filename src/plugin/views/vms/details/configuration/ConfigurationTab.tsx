import { Grid, GridItem, PageSection, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import { useNavigate } from 'react-router';
import { usePluginTranslation } from '../../../../i18n';
import type { VmTabProps } from '../tabs';
import { configSubTabPath, isConfigSubTab, type ConfigSubTabId } from './configPaths';
import { useLiveVmEditor } from './editor/vmEditor';
import { CONFIG_SUB_TABS } from './subTabs';

/**
 * The Configuration tab: vertical sub-tabs, each a path segment (`configuration/disks`), each
 * editing the VM with JSON patches as the user. Restart-bound changes show in the page header's
 * pending-changes alert.
 */
export const ConfigurationTab = ({ namespace, name, vm, vmi, pod, rest }: VmTabProps) => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const editor = useLiveVmEditor({ vm, vmi, pod });
  const active: ConfigSubTabId = isConfigSubTab(rest[0]) ? rest[0] : 'details';
  const Active = CONFIG_SUB_TABS.find((sub) => sub.id === active)?.component;
  return (
    <PageSection>
      <Grid hasGutter>
        <GridItem md={3} xl={2}>
          <Tabs
            isVertical
            activeKey={active}
            aria-label={t('Configuration sections')}
            onSelect={(_, key) => {
              if (isConfigSubTab(String(key)))
                void navigate(configSubTabPath(namespace, name, String(key) as ConfigSubTabId));
            }}
          >
            {CONFIG_SUB_TABS.map(({ id, title }) => (
              <Tab
                key={id}
                eventKey={id}
                title={<TabTitleText>{title(t)}</TabTitleText>}
                tabContentId={`virtualization-plugin-config-${id}`}
              />
            ))}
          </Tabs>
        </GridItem>
        <GridItem md={9} xl={10}>
          <section
            id={`virtualization-plugin-config-${active}`}
            role="tabpanel"
            aria-label={CONFIG_SUB_TABS.find((sub) => sub.id === active)?.title(t)}
          >
            {Active && <Active editor={editor} />}
          </section>
        </GridItem>
      </Grid>
    </PageSection>
  );
};

export default ConfigurationTab;
