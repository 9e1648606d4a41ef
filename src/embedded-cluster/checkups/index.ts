import type { ClusterContext, ClusterModule } from '../modules/clusterModule';

/** Checkups: the ConfigMap + Job pattern (storage and VM network latency). */
export const checkupsModule = (_context: ClusterContext): ClusterModule => ({
  name: 'checkups',
  queues: [],
  stop: () => undefined,
});
