import { GUEST_CONSOLE_LOG_CONTAINER } from '../controllers/vmiController';
import type { ClusterContext, ClusterModule } from '../modules/clusterModule';
import { JobController } from './jobController';
import { latencyCheckup } from './latencyCheckup';
import { podLogHandler } from './podLogs';
import type { Checkup } from './runner';
import { storageCheckup } from './storageCheckup';

/** The checkup images the embedded cluster runs, by repository (any tag). */
export const CHECKUP_IMAGES: Record<string, Checkup> = {
  'registry.redhat.io/container-native-virtualization/vm-network-latency-checkup-rhel9':
    latencyCheckup,
  'quay.io/kiagnose/kubevirt-vm-latency': latencyCheckup,
  'quay.io/kiagnose/kubevirt-vm-latency-checkup': latencyCheckup,
  'quay.io/kiagnose/kubevirt-storage-checkup': storageCheckup,
  'registry.redhat.io/container-native-virtualization/kubevirt-storage-checkup-rhel9':
    storageCheckup,
};

/** Checkups: the ConfigMap + Job pattern (storage and VM network latency). */
export const checkupsModule = (context: ClusterContext): ClusterModule => {
  const jobs = new JobController(context, CHECKUP_IMAGES);
  return {
    name: 'checkups',
    queues: [jobs.queue],
    special: {
      'core/pods': podLogHandler(context.store, context.dataDir, {
        // The guest's serial console, for the VMI named by the virt-launcher pod's label.
        [GUEST_CONSOLE_LOG_CONTAINER]: (pod) =>
          context.runtime.serialLog?.(
            `${pod.metadata.namespace ?? ''}/${pod.metadata.labels?.['vm.kubevirt.io/name'] ?? ''}`,
          ),
      }),
    },
    stop: () => jobs.stop(),
  };
};
