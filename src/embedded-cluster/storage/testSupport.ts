import type { EmbeddedCluster } from '../cluster';
import { startApiTestCluster, type ApiTestCluster } from '../conformance/testCluster';
import type { KubeObject } from '../types';

export type StorageTestCluster = ApiTestCluster;

/** A cluster with simulated guests and no sample VMs, in a temporary data directory. */
export const startStorageCluster = (): Promise<StorageTestCluster> =>
  startApiTestCluster('storage-');

export const claim = (
  name: string,
  spec: Record<string, unknown>,
  annotations?: Record<string, string>,
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, ...(annotations ? { annotations } : {}) },
  spec: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '8Mi' } },
    ...spec,
  },
});

/** Resolves with the claim's events once one of `reason` is recorded. */
export const eventOf = async (
  cluster: StorageTestCluster,
  namespace: string,
  name: string,
  reason: string,
) => {
  await cluster.until('core/events', namespace, '', () =>
    eventsFor(cluster, namespace, name).some((e) => e.reason === reason),
  );
  return eventsFor(cluster, namespace, name);
};

export const eventsFor = (cluster: EmbeddedCluster, namespace: string, name: string) =>
  cluster.store
    .list('core/events', namespace)
    .filter((e) => (e.involvedObject as { name?: string }).name === name)
    .map((e) => ({ type: e.type, reason: e.reason, message: e.message }));
