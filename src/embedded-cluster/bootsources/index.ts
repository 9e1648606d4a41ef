import type { ClusterContext, ClusterModule } from '../modules/clusterModule';

/** Boot sources: DataSources and DataImportCrons in openshift-virtualization-os-images, driven by the HyperConverged CR. */
export const bootSourcesModule = (_context: ClusterContext): ClusterModule => ({
  name: 'bootsources',
  queues: [],
  stop: () => undefined,
});
