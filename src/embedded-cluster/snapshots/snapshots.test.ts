import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { snapshotFile } from '../volumes';
import {
  claimBody,
  conditionOf,
  eventsFor,
  markerOfClaim,
  NS,
  phaseOf,
  readMarker,
  startSnapshotCluster,
  vmBody,
  writeMarker,
  type SnapshotTestCluster,
} from './testSupport';
import { claimFile } from '../volumes';

vi.setConfig({ testTimeout: 30_000 });

const RBD = 'ocs-storagecluster-ceph-rbd';
const CLAIMS = `/api/v1/namespaces/${NS}/persistentvolumeclaims`;
const VMS = `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines`;
const SNAPSHOTS = `/apis/snapshot.kubevirt.io/v1beta1/namespaces/${NS}/virtualmachinesnapshots`;
const SNAPSHOT = 'snapshot.kubevirt.io/virtualmachinesnapshots';
const CONTENT = 'snapshot.kubevirt.io/virtualmachinesnapshotcontents';
const VOLUME_SNAPSHOT = 'snapshot.storage.k8s.io/volumesnapshots';

let cluster: SnapshotTestCluster;
beforeAll(async () => {
  cluster = await startSnapshotCluster();
}, 60_000);
afterAll(() => cluster?.cleanup());

const snapshotBody = (name: string, vm: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'snapshot.kubevirt.io/v1beta1',
  kind: 'VirtualMachineSnapshot',
  metadata: { name },
  spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: vm }, ...extra },
});

const boundClaim = async (name: string, storageClass: string, annotations = {}) => {
  expect(
    (await cluster.api(CLAIMS, 'POST', claimBody(name, storageClass, annotations))).status,
  ).toBe(201);
  return cluster.until('core/persistentvolumeclaims', NS, name, (c) => phaseOf(c) === 'Bound');
};

const settled = (name: string) =>
  cluster.until(SNAPSHOT, NS, name, (s) => ['Succeeded', 'Failed'].includes(phaseOf(s) ?? ''));

describe('VirtualMachineSnapshot', () => {
  it('snapshots a stopped VM: content, a VolumeSnapshot holding the disk bytes, excluded volumes', async () => {
    await boundClaim('offline-root', RBD);
    // A local disk: bound once a node is chosen, but its class takes no snapshots.
    await boundClaim('offline-local', 'hostpath-csi', {
      'volume.kubernetes.io/selected-node': 'worker-0',
    });
    await writeMarker(claimFile(cluster.store, NS, 'offline-root') ?? '', 'before-snapshot');
    await cluster.api(
      VMS,
      'POST',
      vmBody('offline', { rootdisk: 'offline-root', local: 'offline-local' }),
    );
    const vm = await cluster.until('kubevirt.io/virtualmachines', NS, 'offline', (v) =>
      Array.isArray((v?.status as { volumeSnapshotStatuses?: unknown })?.volumeSnapshotStatuses),
    );
    expect((vm?.status as { volumeSnapshotStatuses: unknown }).volumeSnapshotStatuses).toEqual([
      { name: 'rootdisk', enabled: true },
      {
        name: 'local',
        enabled: false,
        reason:
          'No VolumeSnapshotClass: Volume snapshots are not configured for this StorageClass [hostpath-csi] [local]',
      },
      {
        name: 'cloudinitdisk',
        enabled: false,
        reason: 'Snapshot is not supported for this volumeSource type [cloudinitdisk]',
      },
    ]);

    expect(
      (await cluster.api(SNAPSHOTS, 'POST', snapshotBody('offline-snap', 'offline'))).status,
    ).toBe(201);
    const snapshot = await settled('offline-snap');
    const uid = snapshot?.metadata.uid ?? '';
    expect(snapshot?.metadata.finalizers).toEqual(['snapshot.kubevirt.io/vmsnapshot-protection']);
    const status = snapshot?.status as Record<string, unknown>;
    expect(status).toMatchObject({
      phase: 'Succeeded',
      readyToUse: true,
      sourceUID: vm?.metadata.uid,
      virtualMachineSnapshotContentName: `vmsnapshot-content-${uid}`,
      snapshotVolumes: {
        includedVolumes: ['rootdisk'],
        excludedVolumes: ['local', 'cloudinitdisk'],
      },
    });
    expect(status.creationTime).toEqual(expect.any(String));
    expect(status.indications).toBeUndefined();
    expect(conditionOf(snapshot, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'Operation complete',
    });
    expect(conditionOf(snapshot, 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'Operation complete',
    });

    const content = cluster.store.get(CONTENT, NS, `vmsnapshot-content-${uid}`);
    const vsName = `vmsnapshot-${uid}-volume-rootdisk`;
    expect(content?.spec).toMatchObject({
      virtualMachineSnapshotName: 'offline-snap',
      source: { virtualMachine: { metadata: { name: 'offline' }, status: {} } },
      volumeBackups: [
        {
          volumeName: 'rootdisk',
          persistentVolumeClaim: { metadata: { name: 'offline-root' } },
          volumeSnapshotName: vsName,
        },
      ],
    });
    expect(content?.status).toMatchObject({
      readyToUse: true,
      volumeSnapshotStatus: [{ volumeSnapshotName: vsName, readyToUse: true }],
    });
    const vs = cluster.store.get(VOLUME_SNAPSHOT, NS, vsName);
    expect(vs?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'VirtualMachineSnapshotContent',
      name: content?.metadata.name,
    });
    // The snapshot holds the bytes the disk had.
    expect(await readMarker(snapshotFile(cluster.store, NS, vsName) ?? '')).toBe('before-snapshot');
    // The source is unlocked again.
    const after = cluster.store.get('kubevirt.io/virtualmachines', NS, 'offline');
    expect((after?.status as { snapshotInProgress?: string }).snapshotInProgress).toBeUndefined();
    expect(after?.metadata.finalizers ?? []).not.toContain(
      'snapshot.kubevirt.io/snapshot-source-protection',
    );
    expect(cluster.runtime.calls).toEqual([]);
    expect(eventsFor(cluster, 'offline-snap')).toContainEqual({
      type: 'Normal',
      reason: 'SuccessfulVirtualMachineSnapshotContentCreate',
      message: `Successfully created VirtualMachineSnapshotContent vmsnapshot-content-${uid}`,
    });
  });

  it('snapshots a running VM online: guest paused, then resumed; Online and NoGuestAgent', async () => {
    await boundClaim('online-root', RBD);
    await writeMarker(claimFile(cluster.store, NS, 'online-root') ?? '', 'online-data');
    await cluster.api(
      VMS,
      'POST',
      vmBody('online', { rootdisk: 'online-root' }, { running: true }),
    );
    await cluster.until(
      'kubevirt.io/virtualmachineinstances',
      NS,
      'online',
      (v) => phaseOf(v) === 'Running',
    );
    await cluster.api(SNAPSHOTS, 'POST', snapshotBody('online-snap', 'online'));
    const snapshot = await settled('online-snap');
    expect(phaseOf(snapshot)).toBe('Succeeded');
    expect((snapshot?.status as { indications?: string[] }).indications).toEqual([
      'Online',
      'NoGuestAgent',
    ]);
    expect(cluster.runtime.calls).toEqual([
      { call: 'pause', key: `${NS}/online` },
      { call: 'resume', key: `${NS}/online` },
    ]);
    expect(eventsFor(cluster, 'online-snap').map((e) => e.reason)).toEqual(
      expect.arrayContaining(['FreezeVirtualMachine', 'UnfreezeVirtualMachine']),
    );
    const vsName = `vmsnapshot-${snapshot?.metadata.uid}-volume-rootdisk`;
    expect(await readMarker(snapshotFile(cluster.store, NS, vsName) ?? '')).toBe('online-data');
    expect(await markerOfClaim(cluster, 'online-root')).toBe('online-data');
  });

  it('fails a snapshot whose source cannot be locked before its failureDeadline', async () => {
    // The VM's disk claim does not exist, so the source never locks.
    await cluster.api(VMS, 'POST', vmBody('stuck', { rootdisk: 'no-such-claim' }));
    await cluster.api(
      SNAPSHOTS,
      'POST',
      snapshotBody('stuck-snap', 'stuck', { failureDeadline: '1s' }),
    );
    const pending = await cluster.until(
      SNAPSHOT,
      NS,
      'stuck-snap',
      (s) => phaseOf(s) === 'InProgress',
    );
    expect(conditionOf(pending, 'Progressing')).toMatchObject({
      status: 'False',
      reason: `Source not locked source ${NS}/stuck volume doesnt exist: no-such-claim`,
    });
    const failed = await cluster.until(SNAPSHOT, NS, 'stuck-snap', (s) => phaseOf(s) === 'Failed');
    expect(conditionOf(failed, 'Failure')).toMatchObject({
      status: 'True',
      reason: 'snapshot deadline exceeded',
    });
    expect(conditionOf(failed, 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'Operation failed',
    });
    expect(conditionOf(failed, 'Ready')).toMatchObject({ status: 'False', reason: 'Not ready' });
    expect(cluster.store.list(CONTENT, NS).map((c) => c.metadata.name)).not.toContain(
      `vmsnapshot-content-${failed?.metadata.uid}`,
    );
  });

  it('deletes the content and the volume snapshots with the snapshot', async () => {
    const snapshot = cluster.store.get(SNAPSHOT, NS, 'offline-snap');
    const uid = snapshot?.metadata.uid ?? '';
    const vsName = `vmsnapshot-${uid}-volume-rootdisk`;
    expect(cluster.store.get(VOLUME_SNAPSHOT, NS, vsName)).toBeDefined();
    // Accepted: the finalizer holds the snapshot until its content is gone.
    expect((await cluster.api(`${SNAPSHOTS}/offline-snap`, 'DELETE')).status).toBe(202);
    await cluster.until(SNAPSHOT, NS, 'offline-snap', (s) => !s);
    await cluster.until(VOLUME_SNAPSHOT, NS, vsName, (s) => !s);
    expect(cluster.store.get(CONTENT, NS, `vmsnapshot-content-${uid}`)).toBeUndefined();
  });
});
