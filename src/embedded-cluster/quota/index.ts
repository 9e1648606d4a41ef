import type { ClusterContext, ClusterModule } from '../modules/clusterModule';
import { QuotaController } from './quotaController';

/** ResourceQuota status (admission is in `../admission/resourceQuota.ts`). */
export const quotaModule = (context: ClusterContext): ClusterModule => {
  const controller = new QuotaController(context.store);
  return {
    name: 'quota',
    queues: [controller.queue],
    stop: () => controller.stop(),
  };
};
