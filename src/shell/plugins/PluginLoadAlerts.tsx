import { usePluginInfo } from '@openshift/dynamic-plugin-sdk';
import { Alert, PageSection } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { SHELL_I18N_NAMESPACE } from '../i18n';

/** A plugin that failed to load says so, with the loader's reason, instead of leaving a blank page. */
export const PluginLoadAlerts = () => {
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  const failed = usePluginInfo().filter((entry) => entry.status === 'failed');
  if (failed.length === 0) return null;
  return (
    <PageSection>
      {failed.map((entry) => (
        <Alert
          key={entry.manifest.name}
          variant="danger"
          isInline
          title={t('Plugin {{name}} failed to load', { name: entry.manifest.name })}
        >
          {entry.status === 'failed' ? entry.errorMessage : null}
        </Alert>
      ))}
    </PageSection>
  );
};
