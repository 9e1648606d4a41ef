import { Alert } from '@patternfly/react-core';
import type { VirtualMachineRestore } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { Time } from '../Time';

/** The latest restore of the VM: in progress (with KubeVirt's reason), done, or failed. */
export const RestoreProgress = ({ restore }: { restore?: VirtualMachineRestore }) => {
  const { t } = usePluginTranslation();
  if (!restore) return null;
  const snapshot = restore.spec?.virtualMachineSnapshotName ?? '';
  const conditions = restore.status?.conditions ?? [];
  const failed = conditions.find((c) => c.type === 'Failure' && c.status === 'True');
  const progressing = conditions.find((c) => c.type === 'Progressing');
  if (failed)
    return (
      <Alert variant="danger" isInline title={t('Restore from {{snapshot}} failed', { snapshot })}>
        {failed.message ?? failed.reason}
      </Alert>
    );
  if (restore.status?.complete)
    return (
      <Alert
        variant="success"
        isInline
        isPlain
        title={t('Restored from {{snapshot}}', { snapshot })}
      >
        <Time value={restore.status.restoreTime as string | undefined} />
      </Alert>
    );
  return (
    <Alert variant="info" isInline title={t('Restoring from {{snapshot}}…', { snapshot })}>
      {progressing?.message ?? progressing?.reason ?? t('Waiting for the restore controller')}
    </Alert>
  );
};
