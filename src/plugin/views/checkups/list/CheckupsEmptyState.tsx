import { Content, EmptyState, EmptyStateBody } from '@patternfly/react-core';
import { usePluginTranslation } from '../../../i18n';
import type { CheckupDefinition } from '../checkupKinds';
import type { InstallState } from '../hooks/useCheckupPermissions';

/**
 * No checkups yet: what this checkup does, and the next step (choose a project, install the
 * permissions, run). The buttons themselves are in the tab's toolbar.
 */
export const CheckupsEmptyState = ({
  checkup,
  namespace,
  install,
}: {
  checkup: CheckupDefinition;
  namespace?: string;
  install?: InstallState;
}) => {
  const { t } = usePluginTranslation();
  const next = !namespace
    ? t(
        'Choose a project, install the permissions the checkup runs with (once per project), then run it.',
      )
    : install === 'installed'
      ? t(
          'Select Run checkup to run one in project {{namespace}}; it appears here with its status.',
          {
            namespace,
          },
        )
      : t(
          'First select Install permissions: the checkup runs as its own service account, with the roles it needs in project {{namespace}}. Then select Run checkup.',
          { namespace },
        );
  return (
    <EmptyState
      headingLevel="h2"
      titleText={
        checkup.kind === 'storage' ? t('No storage checkups') : t('No network latency checkups')
      }
      variant="sm"
    >
      <EmptyStateBody>
        <Content component="p">{checkup.description(t)}</Content>
        <Content component="p">{next}</Content>
      </EmptyStateBody>
    </EmptyState>
  );
};
