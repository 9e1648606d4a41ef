import type { ClusterContext, ClusterModule } from '../modules/clusterModule';
import { DataImportCronController } from './dataImportCronController';
import { sspDataSource, sspDataSourceNames } from './dataImportCronTemplates';
import { DataSourceController } from './dataSourceController';
import { type DigestSource, mirrorDigestSource } from './digest';
import { HcoBootSourcesController } from './hcoController';

/** Boot sources: DataSources and DataImportCrons in openshift-virtualization-os-images, driven by the HyperConverged CR. */
export const bootSourcesModule = (
  context: ClusterContext,
  options: { digestOf?: DigestSource } = {},
): ClusterModule => {
  const hco = new HcoBootSourcesController(context);
  const crons = new DataImportCronController(
    context,
    options.digestOf ?? mirrorDigestSource(context),
  );
  const dataSources = new DataSourceController(context.store);
  const controllers = [hco, crons, dataSources];
  return {
    name: 'bootsources',
    // SSP's DataSources exist from the start, Ready or not, so the catalog can tell.
    seed: () => sspDataSourceNames().map(sspDataSource),
    queues: controllers.map((controller) => controller.queue),
    start: () => {
      for (const controller of controllers) controller.start();
    },
    stop: () => {
      for (const controller of controllers) controller.stop();
    },
  };
};
