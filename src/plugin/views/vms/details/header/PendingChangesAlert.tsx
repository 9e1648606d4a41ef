import { Alert, AlertActionLink, List, ListItem } from '@patternfly/react-core';
import { useState } from 'react';
import { useAccessReview } from '../../../../api/access';
import { errorMessage } from '../../../../api/bff';
import { vmAction } from '../../../../api/k8s';
import type { VirtualMachine, VirtualMachineInstance } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { pendingChanges, restartRequiredCondition } from './pendingChanges';

/** The banner for a running VM whose saved settings wait for a restart (`RestartRequired`). */
export const PendingChangesAlert = ({
  vm,
  vmi,
}: {
  vm: VirtualMachine;
  vmi?: VirtualMachineInstance;
}) => {
  const { t } = usePluginTranslation();
  const [restarting, setRestarting] = useState(false);
  const [error, setError] = useState<string>();
  const namespace = vm.metadata?.namespace ?? '';
  const name = vm.metadata?.name ?? '';
  const condition = restartRequiredCondition(vm);
  const canRestart = useAccessReview(
    condition
      ? {
          verb: 'update',
          group: 'subresources.kubevirt.io',
          resource: 'virtualmachines',
          subresource: 'restart',
          namespace,
          name,
        }
      : null,
  );
  if (!condition) return null;
  const fields = pendingChanges(t, vm, vmi);

  const restart = async () => {
    setRestarting(true);
    setError(undefined);
    try {
      await vmAction({ namespace, name }, 'restart');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRestarting(false);
    }
  };

  return (
    <Alert
      variant="warning"
      isInline
      title={t('Pending changes')}
      className="virtualization-plugin__vm-pending-changes"
      actionLinks={
        canRestart.allowed && (
          <AlertActionLink onClick={() => void restart()} isDisabled={restarting}>
            {restarting ? t('Restarting…') : t('Restart')}
          </AlertActionLink>
        )
      }
    >
      <p>{t('These changes are applied when the VirtualMachine restarts:')}</p>
      {fields.length > 0 ? (
        <List>
          {fields.map((field) => (
            <ListItem key={field}>{field}</ListItem>
          ))}
        </List>
      ) : (
        <p>{condition.message ?? t('Settings that cannot change on a running VirtualMachine.')}</p>
      )}
      {error && (
        <p className="virtualization-plugin__vm-pending-changes-error">
          {t('Restart failed: {{message}}', { message: error })}
        </p>
      )}
    </Alert>
  );
};
