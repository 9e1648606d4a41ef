import { Alert, Progress, ProgressSize, Stack, StackItem } from '@patternfly/react-core';
import { useMemo } from 'react';
import { DataVolumeModel } from '../../../../api/models';
import type { DataVolume, VirtualMachine } from '../../../../api/types';
import { useK8sWatchList } from '../../../../api/watch';
import { usePluginTranslation } from '../../../../i18n';
import { provisioningDisks } from './provisioning';

/**
 * While a new VM's disks are imported or cloned: each one's phase and progress, and why one
 * failed. Nothing once they are ready (or for a VM without disks of its own).
 */
export const ProvisioningAlert = ({ vm }: { vm: VirtualMachine }) => {
  const { t } = usePluginTranslation();
  const hasTemplates = (vm.spec?.dataVolumeTemplates?.length ?? 0) > 0;
  const dataVolumes = useK8sWatchList<DataVolume>(
    DataVolumeModel,
    hasTemplates ? { namespace: vm.metadata?.namespace ?? '' } : null,
  );
  const disks = useMemo(
    () => (dataVolumes.loaded ? provisioningDisks(vm, dataVolumes.data) : []),
    [vm, dataVolumes.loaded, dataVolumes.data],
  );
  if (disks.length === 0) return null;
  const failed = disks.some((disk) => disk.failed);
  return (
    <Alert
      isInline
      variant={failed ? 'danger' : 'info'}
      title={failed ? t('Preparing a disk failed') : t('Preparing the disks')}
      style={{ marginBlockStart: 'var(--pf-t--global--spacer--md)' }}
    >
      <Stack hasGutter>
        {disks.map((disk) => (
          <StackItem key={disk.name}>
            <Progress
              title={t('{{name}}: {{phase}}', { name: disk.name, phase: disk.phase })}
              value={disk.percent ?? 0}
              measureLocation={disk.percent === undefined ? 'none' : 'outside'}
              size={ProgressSize.sm}
              variant={disk.failed ? 'danger' : undefined}
              helperText={disk.message}
              aria-label={t('Progress of disk {{name}}', { name: disk.name })}
            />
          </StackItem>
        ))}
      </Stack>
    </Alert>
  );
};
