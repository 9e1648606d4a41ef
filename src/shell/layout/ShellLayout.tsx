import { useExtensions } from '@openshift/dynamic-plugin-sdk';
import {
  Alert,
  Page,
  PageSection,
  PageSidebar,
  PageSidebarBody,
  SkipToContent,
} from '@patternfly/react-core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SHELL_I18N_NAMESPACE } from '../i18n';
import { ShellMasthead } from '../masthead/ShellMasthead';
import { buildNavigation } from '../navigation/buildNavigation';
import { ShellNavigation } from '../navigation/ShellNavigation';
import { PluginLoadAlerts } from '../plugins/PluginLoadAlerts';
import { QuickStartsProvider } from '../quickstarts/QuickStartsProvider';
import { PageLoading, PluginRoutes, useStandalonePage } from '../routes/PluginRoutes';
import { useActiveNamespace } from '../sdk/useActiveNamespace';
import { ProjectBar } from './ProjectBar';

const MAIN_ID = 'virtualization-shell-main';

export type PluginLoadState =
  { state: 'loading' } | { state: 'loaded' } | { state: 'failed'; message: string };

/** Masthead, navigation from the plugins, the project bar and the plugins' pages. */
export const ShellLayout = ({ load }: { load: PluginLoadState }) => {
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  const extensions = useExtensions();
  const [namespace] = useActiveNamespace();
  const standalone = useStandalonePage();
  // `/` opens the first link the plugins put in the navigation.
  const home = useMemo(
    () => buildNavigation(extensions, namespace, (text) => text)[0]?.items[0]?.href,
    [extensions, namespace],
  );
  // A standalone route (a console in its own window) fills the window, without the chrome.
  if (standalone) return <main className="virtualization-shell__standalone">{standalone}</main>;
  // The quick-start drawer opens beside the whole page, as in the console.
  return (
    <QuickStartsProvider>
      <Page
        isManagedSidebar
        masthead={<ShellMasthead />}
        sidebar={
          <PageSidebar>
            <PageSidebarBody>
              <ShellNavigation />
            </PageSidebarBody>
          </PageSidebar>
        }
        skipToContent={<SkipToContent href={`#${MAIN_ID}`}>{t('Skip to content')}</SkipToContent>}
        mainContainerId={MAIN_ID}
      >
        {load.state === 'failed' && (
          <PageSection>
            <Alert variant="danger" isInline title={t('The plugins could not be loaded')}>
              {load.message}
            </Alert>
          </PageSection>
        )}
        <PluginLoadAlerts />
        <ProjectBar />
        {load.state === 'loading' ? <PageLoading /> : <PluginRoutes home={home} />}
      </Page>
    </QuickStartsProvider>
  );
};
