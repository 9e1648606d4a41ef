import type { ClusterContext, ClusterModule } from '../modules/clusterModule';

/** Volumes: storage classes, profiles, PVC binding to file-backed PVs, expansion, volume snapshots. */
export const storageModule = (_context: ClusterContext): ClusterModule => ({
  name: 'storage',
  queues: [],
  stop: () => undefined,
});
