import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { claim, startStorageCluster, type StorageTestCluster } from './testSupport';

vi.setConfig({ testTimeout: 30_000 });

// Hot-plug attaches the bound claim's file; a local claim is bound on the VMI's node.
let cluster: StorageTestCluster;
beforeAll(async () => {
  cluster = await startStorageCluster();
}, 60_000);
afterAll(() => cluster?.cleanup());

const addVolume = (claimName: string, name: string) =>
  cluster.api(
    '/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachineinstances/host/addvolume',
    {
      method: 'PUT',
      json: {
        name,
        disk: { disk: { bus: 'scsi' } },
        volumeSource: { persistentVolumeClaim: { claimName, hotpluggable: true } },
      },
    },
  );

describe('hot-plugging claims', () => {
  beforeAll(async () => {
    await cluster.api('/apis/kubevirt.io/v1/namespaces/default/virtualmachines', {
      method: 'POST',
      json: {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'host' },
        spec: {
          runStrategy: 'Always',
          template: { spec: { domain: { memory: { guest: '128Mi' }, devices: {} } } },
        },
      },
    });
    await cluster.until('kubevirt.io/virtualmachineinstances', 'default', 'host', (vmi) =>
      Boolean((vmi?.status as { phase?: string } | undefined)?.phase === 'Running'),
    );
  });

  it('binds a WaitForFirstConsumer claim on the node of the VMI it is plugged into', async () => {
    await cluster.api('/api/v1/namespaces/default/persistentvolumeclaims', {
      method: 'POST',
      json: claim('scratch', { storageClassName: 'hostpath-csi' }),
    });
    const added = await addVolume('scratch', 'scratch');
    expect(added.status).toBe(202);
    const node = (
      cluster.store.get('kubevirt.io/virtualmachineinstances', 'default', 'host')?.status as {
        nodeName: string;
      }
    ).nodeName;
    const bound = cluster.store.get('core/persistentvolumeclaims', 'default', 'scratch');
    expect(bound?.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe(node);
    expect((bound?.status as { phase: string }).phase).toBe('Bound');
    const vmi = cluster.store.get('kubevirt.io/virtualmachineinstances', 'default', 'host');
    expect((vmi?.status as { volumeStatus: unknown[] }).volumeStatus).toContainEqual(
      expect.objectContaining({
        name: 'scratch',
        persistentVolumeClaimInfo: { claimName: 'scratch' },
      }),
    );
  });

  it('refuses a claim nothing will bind', async () => {
    await cluster.api('/api/v1/namespaces/default/persistentvolumeclaims', {
      method: 'POST',
      json: claim('orphan', { storageClassName: 'gold' }),
    });
    const refused = await addVolume('orphan', 'orphan');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(
      /PersistentVolumeClaim "orphan" is not bound \(phase Pending\)/,
    );
  });
});
