import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClusterContext, ClusterModule } from '../modules/clusterModule';
import { CloneController } from './cloneController';
import { ExportController } from './exportController';
import { exportRoute } from './exportRoute';
import { RestoreController } from './restoreController';
import { SnapshotController } from './snapshotController';

/** snapshot.kubevirt.io, clone.kubevirt.io and export.kubevirt.io controllers. */
export const snapshotsModule = (context: ClusterContext): ClusterModule => {
  const snapshots = new SnapshotController(context);
  const restores = new RestoreController(context);
  const clones = new CloneController(context);
  // Export links carry the CA that signs the cluster's HTTPS certificate.
  const caCert = () => {
    try {
      return readFileSync(path.join(context.dataDir, 'pki', 'ca.crt'), 'utf8').trim();
    } catch {
      return '';
    }
  };
  const exports = new ExportController(context, caCert);
  return {
    name: 'snapshots',
    queues: [snapshots.queue, snapshots.vmQueue, restores.queue, clones.queue, exports.queue],
    routes: [exportRoute(context, exports)],
    stop: () => {
      for (const controller of [snapshots, restores, clones, exports]) controller.stop();
    },
  };
};
