import { EmptyState, EmptyStateBody } from '@patternfly/react-core';
import { OffIcon } from '@patternfly/react-icons';
import type { VirtualMachine } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { VmStatusLabel } from '../header/VmStatusLabel';

/** In place of a console while the VM has no running instance: no socket is opened. */
export const ConsoleNotRunning = ({ vm }: { vm?: VirtualMachine }) => {
  const { t } = usePluginTranslation();
  return (
    <EmptyState
      headingLevel="h2"
      icon={OffIcon}
      titleText={t('Start the VirtualMachine to open its console')}
    >
      <EmptyStateBody>
        {t('The VirtualMachine is not running. Status:')} <VmStatusLabel vm={vm} />
      </EmptyStateBody>
    </EmptyState>
  );
};
