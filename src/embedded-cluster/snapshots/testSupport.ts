import { open, readFile } from 'node:fs/promises';
import type { EmbeddedCluster } from '../cluster';
import { startApiTestCluster, type ApiTestCluster } from '../conformance/testCluster';
import { SimulatedRuntime } from '../controllers/vmRuntime';
import type { KubeObject } from '../types';
import { claimFile } from '../volumes';

/** A simulated runtime that remembers the pauses and resumes the controllers asked for. */
export const recordingRuntime = () => {
  const calls: { call: 'pause' | 'resume'; key: string }[] = [];
  return Object.assign(new SimulatedRuntime(), {
    calls,
    pause: async (key: string) => {
      calls.push({ call: 'pause', key });
    },
    resume: async (key: string) => {
      calls.push({ call: 'resume', key });
    },
  });
};
export type RecordingRuntime = ReturnType<typeof recordingRuntime>;

export type SnapshotTestCluster = Omit<ApiTestCluster, 'api'> & {
  runtime: RecordingRuntime;
  /** A request to the API as admin; the body parsed. */
  api(
    path: string,
    method?: string,
    json?: unknown,
    contentType?: string,
  ): Promise<{ status: number; body: KubeObject }>;
};

export const startSnapshotCluster = async (): Promise<SnapshotTestCluster> => {
  const runtime = recordingRuntime();
  const cluster = await startApiTestCluster('snapshots-', { runtime });
  return {
    ...cluster,
    runtime,
    api: (p, method = 'GET', json, contentType = 'application/json') =>
      cluster.api(p, { method, json, contentType }),
    // Controllers settle first: a condition still false when they are idle is a real failure.
    until: async (resource, namespace, name, done, limitMs) => {
      for (;;) {
        await cluster.controllersIdle();
        const object = cluster.store.get(resource, namespace, name);
        if (done(object)) return object;
        await cluster.until(resource, namespace, name, (o) => o !== object, limitMs);
      }
    },
  };
};

export const NS = 'default';
export const MARKER_OFFSET = 1024 * 1024;

export const claimBody = (name: string, storageClassName: string, annotations = {}) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, annotations },
  spec: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '8Mi' } },
    storageClassName,
  },
});

/** A stopped VM whose disks are the given claims (plus a cloud-init disk). */
export const vmBody = (
  name: string,
  claims: Record<string, string>,
  extra: { labels?: Record<string, string>; mac?: string; serial?: string; running?: boolean } = {},
) => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name, labels: extra.labels ?? {}, annotations: { description: 'snapshot test' } },
  spec: {
    runStrategy: extra.running ? 'Always' : 'Halted',
    template: {
      metadata: { labels: { 'kubevirt.io/domain': name } },
      spec: {
        domain: {
          ...(extra.serial ? { firmware: { serial: extra.serial } } : {}),
          devices: {
            disks: [
              ...Object.keys(claims).map((disk) => ({ name: disk, disk: { bus: 'virtio' } })),
              { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
            ],
            interfaces: [
              { name: 'default', masquerade: {}, ...(extra.mac ? { macAddress: extra.mac } : {}) },
            ],
          },
          resources: { requests: { memory: '128Mi' } },
        },
        networks: [{ name: 'default', pod: {} }],
        volumes: [
          ...Object.entries(claims).map(([disk, claimName]) => ({
            name: disk,
            persistentVolumeClaim: { claimName },
          })),
          { name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config\n' } },
        ],
      },
    },
  },
});

export const phaseOf = (o: KubeObject | undefined) =>
  (o?.status as { phase?: string } | undefined)?.phase;

export const conditionOf = (o: KubeObject | undefined, type: string) =>
  (
    o?.status as { conditions?: { type: string; status: string; reason?: string }[] } | undefined
  )?.conditions?.find((c) => c.type === type);

export const writeMarker = async (file: string, text: string) => {
  const handle = await open(file, 'r+');
  try {
    await handle.write(Buffer.from(text.padEnd(32, '\0')), 0, 32, MARKER_OFFSET);
  } finally {
    await handle.close();
  }
};

export const readMarker = async (file: string) => {
  const data = await readFile(file);
  return data
    .subarray(MARKER_OFFSET, MARKER_OFFSET + 32)
    .toString()
    .replace(/\0+$/, '');
};

export const markerOfClaim = async (cluster: SnapshotTestCluster, claim: string) =>
  readMarker(claimFile(cluster.store, NS, claim) ?? '');

export const eventsFor = (cluster: EmbeddedCluster, name: string) =>
  cluster.store
    .list('core/events', NS)
    .filter((e) => (e.involvedObject as { name?: string }).name === name)
    .map((e) => ({ type: e.type, reason: e.reason, message: e.message }));
