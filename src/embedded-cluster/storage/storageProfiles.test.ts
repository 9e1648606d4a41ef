import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStorageCluster, type StorageTestCluster } from './testSupport';

vi.setConfig({ testTimeout: 30_000 });

const PROFILES = 'cdi.kubevirt.io/storageprofiles';

let cluster: StorageTestCluster;
beforeAll(async () => {
  cluster = await startStorageCluster();
}, 60_000);
afterAll(() => cluster?.cleanup());

const profile = (name: string) => cluster.store.get(PROFILES, undefined, name);

describe('storage classes and StorageProfiles', () => {
  it('seeds the three classes, the snapshot class and a profile for each class', async () => {
    const classes = await cluster.api('/apis/storage.k8s.io/v1/storageclasses');
    const items = (classes.body.items as { metadata: { name: string } }[]).map(
      (c) => c.metadata.name,
    );
    expect(items).toEqual(
      expect.arrayContaining([
        'hostpath-csi',
        'ocs-storagecluster-ceph-rbd',
        'ocs-storagecluster-ceph-rbd-virtualization',
      ]),
    );
    const snapshotClass = await cluster.api(
      '/apis/snapshot.storage.k8s.io/v1/volumesnapshotclasses/ocs-storagecluster-rbdplugin-snapclass',
    );
    expect(snapshotClass.body).toMatchObject({
      driver: 'openshift-storage.rbd.csi.ceph.com',
      deletionPolicy: 'Delete',
    });
    expect(profile('hostpath-csi')?.status).toEqual({
      provisioner: 'kubevirt.io.hostpath-provisioner',
      storageClass: 'hostpath-csi',
      claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }],
      cloneStrategy: 'copy',
      dataImportCronSourceFormat: 'pvc',
    });
    expect(profile('ocs-storagecluster-ceph-rbd')?.status).toMatchObject({
      provisioner: 'openshift-storage.rbd.csi.ceph.com',
      cloneStrategy: 'snapshot',
      dataImportCronSourceFormat: 'pvc',
      snapshotClass: 'ocs-storagecluster-rbdplugin-snapclass',
      claimPropertySets: expect.arrayContaining([
        { accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
        { accessModes: ['ReadWriteOnce'], volumeMode: 'Block' },
      ]),
    });
    expect(profile('ocs-storagecluster-ceph-rbd-virtualization')?.status).toEqual({
      provisioner: 'openshift-storage.rbd.csi.ceph.com',
      storageClass: 'ocs-storagecluster-ceph-rbd-virtualization',
      claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }],
      cloneStrategy: 'csi-clone',
      dataImportCronSourceFormat: 'snapshot',
      snapshotClass: 'ocs-storagecluster-rbdplugin-snapclass',
    });
  });

  it('gives a new class a profile, empty for a provisioner CDI does not know, and mirrors overrides', async () => {
    const created = await cluster.api('/apis/storage.k8s.io/v1/storageclasses', {
      method: 'POST',
      json: {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'nfs' },
        provisioner: 'example.com/nfs',
        volumeBindingMode: 'Immediate',
      },
    });
    expect(created.status).toBe(201);
    const empty = await cluster.until(PROFILES, undefined, 'nfs', (p) => !!p);
    expect(empty?.status).toEqual({ provisioner: 'example.com/nfs', storageClass: 'nfs' });

    const patched = await cluster.api('/apis/cdi.kubevirt.io/v1beta1/storageprofiles/nfs', {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      json: {
        spec: {
          claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Filesystem' }],
          cloneStrategy: 'copy',
        },
      },
    });
    expect(patched.status).toBe(200);
    const completed = await cluster.until(PROFILES, undefined, 'nfs', (p) =>
      Boolean((p?.status as { cloneStrategy?: string } | undefined)?.cloneStrategy),
    );
    expect(completed?.status).toEqual({
      provisioner: 'example.com/nfs',
      storageClass: 'nfs',
      claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Filesystem' }],
      cloneStrategy: 'copy',
    });

    await cluster.api('/apis/storage.k8s.io/v1/storageclasses/nfs', { method: 'DELETE' });
    expect(await cluster.until(PROFILES, undefined, 'nfs', (p) => !p)).toBeUndefined();
  });
});
