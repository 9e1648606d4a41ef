import { existsSync, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '../types';
import { claimFile, PV_PATH_ANNOTATION } from '../volumes';
import { claim, eventOf, startStorageCluster, type StorageTestCluster } from './testSupport';

vi.setConfig({ testTimeout: 30_000 });

const CLAIMS = '/api/v1/namespaces/default/persistentvolumeclaims';
const SNAPSHOTS = '/apis/snapshot.storage.k8s.io/v1/namespaces/default/volumesnapshots';
const MARKER_AT = 2 ** 20;

let cluster: StorageTestCluster;
beforeAll(async () => {
  cluster = await startStorageCluster();
}, 60_000);
afterAll(() => cluster?.cleanup());

const bound = (name: string) =>
  cluster.until(
    'core/persistentvolumeclaims',
    'default',
    name,
    (c) => (c?.status as { phase?: string } | undefined)?.phase === 'Bound',
  );
const fileOf = (name: string) => claimFile(cluster.store, 'default', name) ?? '';
const writeMarker = async (file: string, text: string) => {
  const handle = await open(file, 'r+');
  await handle.write(Buffer.from(text), 0, text.length, MARKER_AT);
  await handle.close();
};
const markerIn = (file: string, length: number) =>
  readFileSync(file)
    .subarray(MARKER_AT, MARKER_AT + length)
    .toString();
const snapshot = (name: string, claimName: string): KubeObject => ({
  apiVersion: 'snapshot.storage.k8s.io/v1',
  kind: 'VolumeSnapshot',
  metadata: { name },
  spec: { source: { persistentVolumeClaimName: claimName } },
});
const ready = (name: string) =>
  cluster.until('snapshot.storage.k8s.io/volumesnapshots', 'default', name, (s) =>
    Boolean((s?.status as { readyToUse?: boolean } | undefined)?.readyToUse),
  );

describe('VolumeSnapshots, restores and clones', () => {
  it('copies the bytes into the snapshot, a restored claim and a cloned claim', async () => {
    await cluster.api(CLAIMS, { method: 'POST', json: claim('source', {}) });
    await bound('source');
    await writeMarker(fileOf('source'), 'before-snapshot');

    const created = await cluster.api(SNAPSHOTS, {
      method: 'POST',
      json: snapshot('snap', 'source'),
    });
    expect(created.status).toBe(201);
    const taken = await ready('snap');
    expect(taken?.spec).toMatchObject({
      volumeSnapshotClassName: 'ocs-storagecluster-rbdplugin-snapclass',
    });
    const status = taken?.status as Record<string, unknown>;
    expect(status).toMatchObject({
      readyToUse: true,
      restoreSize: '8Mi',
      boundVolumeSnapshotContentName: `snapcontent-${taken?.metadata.uid}`,
    });
    expect(status.creationTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    const content = cluster.store.get(
      'snapshot.storage.k8s.io/volumesnapshotcontents',
      undefined,
      `snapcontent-${taken?.metadata.uid}`,
    );
    const sourceVolume = cluster.store.get(
      'core/persistentvolumes',
      undefined,
      (
        cluster.store.get('core/persistentvolumeclaims', 'default', 'source')?.spec as {
          volumeName: string;
        }
      ).volumeName,
    );
    expect(content?.spec).toMatchObject({
      deletionPolicy: 'Delete',
      driver: 'openshift-storage.rbd.csi.ceph.com',
      source: {
        volumeHandle: (sourceVolume?.spec as { csi: { volumeHandle: string } }).csi.volumeHandle,
      },
      volumeSnapshotRef: { name: 'snap', namespace: 'default', uid: taken?.metadata.uid },
    });
    expect(content?.status).toMatchObject({ readyToUse: true, restoreSize: 8 * 2 ** 20 });
    const snapshotFile = content?.metadata.annotations?.[PV_PATH_ANNOTATION] ?? '';
    expect(snapshotFile).toMatch(/\/snapshots\/snapcontent-.*\.img$/);
    expect(markerIn(snapshotFile, 15)).toBe('before-snapshot');

    // Later writes to the source change neither the snapshot nor what is restored from it.
    await writeMarker(fileOf('source'), 'after--snapshot');
    await cluster.api(CLAIMS, {
      method: 'POST',
      json: claim('restored', {
        resources: { requests: { storage: '16Mi' } },
        dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' },
      }),
    });
    await bound('restored');
    expect(markerIn(fileOf('restored'), 15)).toBe('before-snapshot');
    expect(statSync(fileOf('restored')).size).toBe(16 * 2 ** 20);

    await cluster.api(CLAIMS, {
      method: 'POST',
      json: claim('cloned', {
        storageClassName: 'ocs-storagecluster-ceph-rbd',
        dataSourceRef: { kind: 'PersistentVolumeClaim', name: 'source' },
      }),
    });
    await bound('cloned');
    expect(markerIn(fileOf('cloned'), 15)).toBe('after--snapshot');
  });

  it('keeps a restore Pending while its snapshot is missing or smaller than the request allows', async () => {
    await cluster.api(CLAIMS, {
      method: 'POST',
      json: claim('from-nothing', {
        dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'later' },
      }),
    });
    const missing = await eventOf(cluster, 'default', 'from-nothing', 'ProvisioningFailed');
    expect(missing.find((e) => e.reason === 'ProvisioningFailed')?.message).toBe(
      'failed to provision volume with StorageClass "ocs-storagecluster-ceph-rbd": error getting handle for DataSource Type VolumeSnapshot by Name later: error getting snapshot later from api server: volumesnapshots.snapshot.storage.k8s.io "later" not found',
    );
    // The snapshot appearing and becoming ready completes the restore.
    await cluster.api(SNAPSHOTS, { method: 'POST', json: snapshot('later', 'source') });
    await bound('from-nothing');

    await cluster.api(CLAIMS, {
      method: 'POST',
      json: claim('too-small', {
        resources: { requests: { storage: '4Mi' } },
        dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' },
      }),
    });
    const events = await eventOf(cluster, 'default', 'too-small', 'ProvisioningFailed');
    expect(events.find((e) => e.reason === 'ProvisioningFailed')?.message).toBe(
      `failed to provision volume with StorageClass "ocs-storagecluster-ceph-rbd": requested volume size ${4 * 2 ** 20} is less than the size ${8 * 2 ** 20} for the source snapshot snap`,
    );
    expect(
      (
        cluster.store.get('core/persistentvolumeclaims', 'default', 'too-small')?.status as {
          phase: string;
        }
      ).phase,
    ).toBe('Pending');
  });

  it('reports an error on a snapshot of a class without snapshot support', async () => {
    await cluster.api(CLAIMS, {
      method: 'POST',
      json: claim(
        'local',
        { storageClassName: 'hostpath-csi' },
        { 'volume.kubernetes.io/selected-node': 'worker-1' },
      ),
    });
    await bound('local');
    await cluster.api(SNAPSHOTS, { method: 'POST', json: snapshot('local-snap', 'local') });
    const events = await eventOf(cluster, 'default', 'local-snap', 'SetDefaultSnapshotClassFailed');
    const message =
      'Failed to set default snapshot class with error cannot find default snapshot class';
    expect(events).toContainEqual({
      type: 'Warning',
      reason: 'SetDefaultSnapshotClassFailed',
      message,
    });
    const failed = await cluster.until(
      'snapshot.storage.k8s.io/volumesnapshots',
      'default',
      'local-snap',
      (s) => !!(s?.status as { error?: unknown } | undefined)?.error,
    );
    expect(failed?.status).toMatchObject({ readyToUse: false, error: { message } });
    expect((failed?.status as { error: { time: string } }).error.time).toMatch(/Z$/);
  });

  it('deletes the content and its file with the snapshot', async () => {
    await cluster.api(SNAPSHOTS, { method: 'POST', json: snapshot('short-lived', 'source') });
    const taken = await ready('short-lived');
    const contentName = `snapcontent-${taken?.metadata.uid}`;
    const file =
      cluster.store.get('snapshot.storage.k8s.io/volumesnapshotcontents', undefined, contentName)
        ?.metadata.annotations?.[PV_PATH_ANNOTATION] ?? '';
    expect(existsSync(file)).toBe(true);
    expect(taken?.metadata.finalizers).toContain(
      'snapshot.storage.kubernetes.io/volumesnapshot-bound-protection',
    );
    await cluster.api(`${SNAPSHOTS}/short-lived`, { method: 'DELETE' });
    await cluster.until(
      'snapshot.storage.k8s.io/volumesnapshotcontents',
      undefined,
      contentName,
      (c) => !c,
    );
    expect(
      cluster.store.get('snapshot.storage.k8s.io/volumesnapshots', 'default', 'short-lived'),
    ).toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });
});
