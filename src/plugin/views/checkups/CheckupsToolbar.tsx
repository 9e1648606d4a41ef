import { Flex, FlexItem } from '@patternfly/react-core';
import { usePluginTranslation } from '../../i18n';
import type { CheckupDefinition } from './checkupKinds';
import { GuardedButton } from './GuardedButton';
import { missingText } from './hooks/checkupAccess';
import type { CheckupAccess } from './hooks/useCheckupAccess';
import type { CheckupPermissions } from './hooks/useCheckupPermissions';
import { PermissionsStatus } from './PermissionsStatus';

export type TabDialog = 'install' | 'remove' | 'run';

/**
 * The tab's actions: the permissions' state, Install or Remove permissions, and Run checkup,
 * each disabled with the reason when the user may not use it yet.
 */
export const CheckupsToolbar = ({
  checkup,
  namespace,
  permissions,
  access,
  onOpen,
}: {
  checkup: CheckupDefinition;
  namespace?: string;
  permissions: CheckupPermissions;
  access: CheckupAccess;
  onOpen(dialog: TabDialog): void;
}) => {
  const { t } = usePluginTranslation();
  const noProject = namespace ? [] : [t('Choose a project first.')];
  const missing = (action: 'install' | 'remove' | 'run') =>
    namespace ? access.actions[action].missing.map((item) => missingText(item, namespace, t)) : [];
  const state = permissions.install;
  const installFirst =
    state === 'missing' || state === 'partial'
      ? [
          t('Install permissions first: the checkup runs as service account {{account}}.', {
            account: checkup.serviceAccount,
          }),
        ]
      : [];
  const checking = !!namespace && (access.loading || permissions.loading);
  return (
    <Flex alignItems={{ default: 'alignItemsCenter' }} spaceItems={{ default: 'spaceItemsMd' }}>
      {namespace && (
        <FlexItem>
          <PermissionsStatus state={state} loading={permissions.loading} />
        </FlexItem>
      )}
      {state !== 'installed' && (
        <FlexItem>
          <GuardedButton
            variant={state === 'unknown' ? 'secondary' : 'primary'}
            blockers={[...noProject, ...missing('install')]}
            checking={checking}
            onClick={() => onOpen('install')}
          >
            {t('Install permissions')}
          </GuardedButton>
        </FlexItem>
      )}
      {(state === 'installed' || state === 'partial') && (
        <FlexItem>
          <GuardedButton
            variant="secondary"
            blockers={missing('remove')}
            checking={checking}
            onClick={() => onOpen('remove')}
          >
            {t('Remove permissions')}
          </GuardedButton>
        </FlexItem>
      )}
      <FlexItem>
        <GuardedButton
          variant={state === 'installed' ? 'primary' : 'secondary'}
          blockers={[...noProject, ...installFirst, ...missing('run')]}
          checking={checking}
          onClick={() => onOpen('run')}
        >
          {t('Run checkup')}
        </GuardedButton>
      </FlexItem>
    </Flex>
  );
};
