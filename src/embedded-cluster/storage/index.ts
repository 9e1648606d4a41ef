import type { ClusterContext, ClusterModule } from '../modules/clusterModule';
import { seedSnapshotClasses, seedStorageClasses } from './classes';
import { ClaimController } from './claimController';
import { SnapshotController } from './snapshotController';
import { seedStorageProfiles, StorageProfileController } from './storageProfiles';

/** Volumes: storage classes, profiles, PVC binding to file-backed PVs, expansion, volume snapshots. */
export const storageModule = (context: ClusterContext): ClusterModule => {
  const profiles = new StorageProfileController(context.store);
  const claims = new ClaimController(context.store, context.dataDir);
  const snapshots = new SnapshotController(context.store, context.dataDir);
  return {
    name: 'storage',
    seed: () => {
      const classes = seedStorageClasses();
      const snapshotClasses = seedSnapshotClasses();
      return [...classes, ...snapshotClasses, ...seedStorageProfiles(classes, snapshotClasses)];
    },
    queues: [profiles.queue, claims.queue, claims.volumes, snapshots.queue],
    stop: () => {
      profiles.stop();
      claims.stop();
      snapshots.stop();
    },
  };
};
