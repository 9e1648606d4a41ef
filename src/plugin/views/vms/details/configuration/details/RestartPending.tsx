import { Flex, FlexItem, Label } from '@patternfly/react-core';
import { RedoIcon } from '@patternfly/react-icons';
import type { ReactNode } from 'react';
import { usePluginTranslation } from '../../../../../i18n';

/** Beside a row's value whose saved change waits for the VM to restart. */
export const RestartPendingLabel = () => {
  const { t } = usePluginTranslation();
  return (
    <Label isCompact color="orange" icon={<RedoIcon />}>
      {t('Restart required to apply')}
    </Label>
  );
};

/** A row's value, with the restart label beside it while its change waits. */
export const PendingValue = ({ pending, children }: { pending: boolean; children: ReactNode }) => {
  const { t } = usePluginTranslation();
  if (!pending) return <>{children}</>;
  return (
    <Flex spaceItems={{ default: 'spaceItemsSm' }} alignItems={{ default: 'alignItemsCenter' }}>
      <FlexItem>{children || t('Not set')}</FlexItem>
      <FlexItem>
        <RestartPendingLabel />
      </FlexItem>
    </Flex>
  );
};
