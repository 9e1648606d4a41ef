import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { kubectl } from '../conformance/testCluster';
import { claimFile } from '../volumes';
import { claim, eventOf, startStorageCluster, type StorageTestCluster } from './testSupport';

vi.setConfig({ testTimeout: 60_000 });

let cluster: StorageTestCluster;
beforeAll(async () => {
  cluster = await startStorageCluster();
}, 60_000);
afterAll(() => cluster?.cleanup());

const capacityOf = (name: string) =>
  (
    cluster.store.get('core/persistentvolumeclaims', 'default', name)?.status as
      { capacity?: { storage?: string } } | undefined
  )?.capacity?.storage;

describe('PersistentVolumeClaim expansion', () => {
  it('grows the volume file, the PV and the claim; refuses to shrink, as kube-apiserver does', async () => {
    const created = await kubectl(cluster, ['apply', '-n', 'default', '-f', '-'], {
      input: JSON.stringify(claim('growing', { volumeMode: 'Filesystem' })),
    });
    expect(created.code, created.stderr).toBe(0);
    await cluster.until(
      'core/persistentvolumeclaims',
      'default',
      'growing',
      () => capacityOf('growing') === '8Mi',
    );
    const file = claimFile(cluster.store, 'default', 'growing') ?? '';
    expect(statSync(file).size).toBe(8 * 2 ** 20);

    const grow = await kubectl(cluster, [
      'patch',
      'pvc',
      'growing',
      '-n',
      'default',
      '-p',
      '{"spec":{"resources":{"requests":{"storage":"32Mi"}}}}',
    ]);
    expect(grow.code, grow.stderr).toBe(0);
    await cluster.until(
      'core/persistentvolumeclaims',
      'default',
      'growing',
      () => capacityOf('growing') === '32Mi',
    );
    expect(statSync(file).size).toBe(32 * 2 ** 20);
    const volumeName = (
      cluster.store.get('core/persistentvolumeclaims', 'default', 'growing')?.spec as {
        volumeName: string;
      }
    ).volumeName;
    expect(cluster.store.get('core/persistentvolumes', undefined, volumeName)?.spec).toMatchObject({
      capacity: { storage: '32Mi' },
    });
    const events = await eventOf(cluster, 'default', 'growing', 'FileSystemResizeSuccessful');
    expect(events.map((e) => e.reason)).toEqual(
      expect.arrayContaining(['Resizing', 'VolumeResizeSuccessful', 'FileSystemResizeSuccessful']),
    );

    const shrink = await kubectl(cluster, [
      'patch',
      'pvc',
      'growing',
      '-n',
      'default',
      '-p',
      '{"spec":{"resources":{"requests":{"storage":"16Mi"}}}}',
    ]);
    expect(shrink.code).not.toBe(0);
    expect(shrink.stderr).toContain(
      'PersistentVolumeClaim "growing" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
    );
    const status = await cluster.api('/api/v1/namespaces/default/persistentvolumeclaims/growing', {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      json: { spec: { resources: { requests: { storage: '16Mi' } } } },
    });
    expect(status.status).toBe(422);
    expect(status.body).toMatchObject({
      reason: 'Invalid',
      details: {
        causes: [
          {
            type: 'FieldValueForbidden',
            field: 'spec.resources.requests.storage',
            message: 'Forbidden: field can not be less than status.capacity',
          },
        ],
      },
    });
    expect(statSync(file).size).toBe(32 * 2 ** 20);
  });

  it('refuses a new size on a claim that is not bound yet', async () => {
    await cluster.api('/api/v1/namespaces/default/persistentvolumeclaims', {
      method: 'POST',
      json: claim('waiting', { storageClassName: 'hostpath-csi' }),
    });
    await eventOf(cluster, 'default', 'waiting', 'WaitForFirstConsumer');
    const response = await cluster.api(
      '/api/v1/namespaces/default/persistentvolumeclaims/waiting',
      {
        method: 'PATCH',
        contentType: 'application/merge-patch+json',
        json: { spec: { resources: { requests: { storage: '1Gi' } } } },
      },
    );
    expect(response.status).toBe(422);
    expect(response.body.message).toBe(
      'PersistentVolumeClaim "waiting" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    );
  });
});
