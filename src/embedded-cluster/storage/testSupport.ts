import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedCluster, type EmbeddedCluster } from '../cluster';
import type { KubeObject } from '../types';

export type StorageTestCluster = EmbeddedCluster & {
  dataDir: string;
  /** A request to the API as admin; the body parsed. */
  api(
    path: string,
    init?: { method?: string; json?: unknown; contentType?: string },
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /**
   * Resolves once the object satisfies `done`, checked on every change of the store (other
   * parts of the cluster, importing boot sources, may keep the controllers busy for long).
   */
  until(
    resource: string,
    namespace: string | undefined,
    name: string,
    done: (object: KubeObject | undefined) => boolean,
  ): Promise<KubeObject | undefined>;
  cleanup(): Promise<void>;
};

/** A cluster with simulated guests and no sample VMs, in a temporary data directory. */
export const startStorageCluster = async (): Promise<StorageTestCluster> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'storage-'));
  const cluster = await startEmbeddedCluster({ dataDir, runtime: 'simulated', sampleVMs: false });
  const token = cluster.users.find((u) => u.username === 'admin')?.token ?? '';
  return {
    ...cluster,
    dataDir,
    api: async (p, init = {}) => {
      const response = await fetch(`${cluster.httpURL}${p}`, {
        method: init.method ?? 'GET',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': init.contentType ?? 'application/json',
        },
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      };
    },
    until: async (resource, namespace, name, done) => {
      for (;;) {
        const object = cluster.store.get(resource, namespace, name);
        if (done(object)) return object;
        await new Promise<void>((resolve) => {
          const off = cluster.store.subscribe('*', () => {
            off();
            resolve();
          });
        });
      }
    },
    cleanup: async () => {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

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
