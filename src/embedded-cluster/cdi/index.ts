import type { ClusterContext, ClusterModule } from '../modules/clusterModule';

/** CDI: DataVolumes (blank, http, registry, clone, snapshot, upload), the upload proxy and the image server. */
export const cdiModule = (_context: ClusterContext): ClusterModule => ({
  name: 'cdi',
  queues: [],
  stop: () => undefined,
});
