import type { ClusterContext, ClusterModule } from '../modules/clusterModule';

/** snapshot.kubevirt.io, clone.kubevirt.io and export.kubevirt.io controllers. */
export const snapshotsModule = (_context: ClusterContext): ClusterModule => ({
  name: 'snapshots',
  queues: [],
  stop: () => undefined,
});
