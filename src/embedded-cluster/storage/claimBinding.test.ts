import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 30_000 });
import type { KubeObject } from '../types';
import { PV_PATH_ANNOTATION } from '../volumes';
import { claim, eventOf, startStorageCluster, type StorageTestCluster } from './testSupport';

const CLAIMS = '/api/v1/namespaces/default/persistentvolumeclaims';
const phaseOf = (o: KubeObject | undefined) => (o?.status as { phase?: string } | undefined)?.phase;

let cluster: StorageTestCluster;
beforeAll(async () => {
  cluster = await startStorageCluster();
}, 60_000);
afterAll(() => cluster?.cleanup());

const getClaim = (name: string) =>
  cluster.store.get('core/persistentvolumeclaims', 'default', name);

describe('PersistentVolumeClaim binding', () => {
  it('gives a claim without a class the cluster default and binds it to a file-backed PV', async () => {
    const created = await cluster.api(CLAIMS, { method: 'POST', json: claim('plain', {}) });
    expect(created.status).toBe(201);
    const bound = await cluster.until(
      'core/persistentvolumeclaims',
      'default',
      'plain',
      (c) => phaseOf(c) === 'Bound',
    );
    const spec = bound?.spec as { storageClassName: string; volumeName: string };
    expect(spec.storageClassName).toBe('ocs-storagecluster-ceph-rbd');
    expect(spec.volumeName).toBe(`pvc-${bound?.metadata.uid}`);
    expect(bound?.status).toMatchObject({
      phase: 'Bound',
      capacity: { storage: '8Mi' },
      accessModes: ['ReadWriteOnce'],
    });
    expect(bound?.metadata.annotations).toMatchObject({
      'pv.kubernetes.io/bind-completed': 'yes',
      'volume.kubernetes.io/storage-provisioner': 'openshift-storage.rbd.csi.ceph.com',
    });
    expect(bound?.metadata.finalizers).toContain('kubernetes.io/pvc-protection');

    const pv = cluster.store.get('core/persistentvolumes', undefined, spec.volumeName);
    expect(pv?.spec).toMatchObject({
      capacity: { storage: '8Mi' },
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'ocs-storagecluster-ceph-rbd',
      persistentVolumeReclaimPolicy: 'Delete',
      claimRef: { name: 'plain', namespace: 'default', uid: bound?.metadata.uid },
      csi: { driver: 'openshift-storage.rbd.csi.ceph.com' },
    });
    expect(pv?.metadata.annotations?.['pv.kubernetes.io/provisioned-by']).toBe(
      'openshift-storage.rbd.csi.ceph.com',
    );
    const file = pv?.metadata.annotations?.[PV_PATH_ANNOTATION] ?? '';
    expect(file).toBe(path.join(cluster.dataDir, 'volumes', `${spec.volumeName}.img`));
    const stats = statSync(file);
    expect(stats.size).toBe(8 * 2 ** 20);
    // Sparse: a fresh volume occupies (almost) nothing.
    expect(stats.blocks * 512).toBeLessThan(2 ** 20);
  });

  it('keeps a claim of a missing class Pending with the provisioning failure event', async () => {
    await cluster.api(CLAIMS, {
      method: 'POST',
      json: claim('nowhere', { storageClassName: 'gold' }),
    });
    const events = await eventOf(cluster, 'default', 'nowhere', 'ProvisioningFailed');
    expect(phaseOf(getClaim('nowhere'))).toBe('Pending');
    expect(events).toContainEqual({
      type: 'Warning',
      reason: 'ProvisioningFailed',
      message: 'storageclass.storage.k8s.io "gold" not found',
    });
  });

  it('binds a WaitForFirstConsumer claim only once a node is selected, on that node', async () => {
    await cluster.api(CLAIMS, {
      method: 'POST',
      json: claim('local', { storageClassName: 'hostpath-csi' }),
    });
    const events = await eventOf(cluster, 'default', 'local', 'WaitForFirstConsumer');
    expect(phaseOf(getClaim('local'))).toBe('Pending');
    expect(events).toContainEqual({
      type: 'Normal',
      reason: 'WaitForFirstConsumer',
      message: 'waiting for first consumer to be created before binding',
    });
    const patched = await cluster.api(`${CLAIMS}/local`, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      json: { metadata: { annotations: { 'volume.kubernetes.io/selected-node': 'worker-2' } } },
    });
    expect(patched.status).toBe(200);
    const bound = await cluster.until(
      'core/persistentvolumeclaims',
      'default',
      'local',
      (c) => phaseOf(c) === 'Bound',
    );
    const pv = cluster.store.get(
      'core/persistentvolumes',
      undefined,
      (bound?.spec as { volumeName: string }).volumeName,
    );
    expect(pv?.spec).toMatchObject({
      volumeMode: 'Filesystem',
      csi: { driver: 'kubevirt.io.hostpath-provisioner' },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-2'] },
              ],
            },
          ],
        },
      },
    });
  });

  it('refuses access modes the driver cannot give', async () => {
    await cluster.api(CLAIMS, {
      method: 'POST',
      json: claim(
        'shared-local',
        { storageClassName: 'hostpath-csi', accessModes: ['ReadWriteMany'] },
        { 'volume.kubernetes.io/selected-node': 'worker-1' },
      ),
    });
    const events = await eventOf(cluster, 'default', 'shared-local', 'ProvisioningFailed');
    expect(phaseOf(getClaim('shared-local'))).toBe('Pending');
    const failed = events.find((e) => e.reason === 'ProvisioningFailed');
    expect(failed?.type).toBe('Warning');
    expect(failed?.message).toMatch(
      /^failed to provision volume with StorageClass "hostpath-csi": rpc error: code = InvalidArgument desc = unsupported access mode ReadWriteMany/,
    );
  });

  it('refuses a claim without access modes or size at admission, as kube-apiserver does', async () => {
    const response = await cluster.api(CLAIMS, {
      method: 'POST',
      json: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'empty' },
        spec: {},
      },
    });
    expect(response.status).toBe(422);
    expect(response.body.message).toBe(
      'PersistentVolumeClaim "empty" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]',
    );
  });

  it('keeps a claim a running VMI uses, then deletes it with its PV and file', async () => {
    await cluster.api(CLAIMS, { method: 'POST', json: claim('in-use', {}) });
    const bound = await cluster.until(
      'core/persistentvolumeclaims',
      'default',
      'in-use',
      (c) => phaseOf(c) === 'Bound',
    );
    const volumeName = (bound?.spec as { volumeName: string }).volumeName;
    const file =
      cluster.store.get('core/persistentvolumes', undefined, volumeName)?.metadata.annotations?.[
        PV_PATH_ANNOTATION
      ] ?? '';
    expect(existsSync(file)).toBe(true);

    const vm = await cluster.api('/apis/kubevirt.io/v1/namespaces/default/virtualmachines', {
      method: 'POST',
      json: {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'user' },
        spec: {
          runStrategy: 'Always',
          template: {
            spec: {
              domain: {
                memory: { guest: '128Mi' },
                devices: { disks: [{ name: 'data', disk: { bus: 'virtio' } }] },
              },
              volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'in-use' } }],
            },
          },
        },
      },
    });
    expect(vm.status).toBe(201);
    await cluster.until(
      'kubevirt.io/virtualmachineinstances',
      'default',
      'user',
      (vmi) => phaseOf(vmi) === 'Running',
    );

    expect([200, 202]).toContain(
      (await cluster.api(`${CLAIMS}/in-use`, { method: 'DELETE' })).status,
    );
    // The claim controller handles claims in order: once a later claim has been looked at, so
    // has the deleted one, and it stays while the guest runs on it.
    await cluster.api(CLAIMS, {
      method: 'POST',
      json: claim('probe', { storageClassName: 'gold' }),
    });
    await eventOf(cluster, 'default', 'probe', 'ProvisioningFailed');
    const terminating = getClaim('in-use');
    expect(terminating?.metadata.deletionTimestamp).toBeDefined();
    expect(terminating?.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(existsSync(file)).toBe(true);

    await cluster.api('/apis/kubevirt.io/v1/namespaces/default/virtualmachines/user', {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      json: { spec: { runStrategy: 'Halted' } },
    });
    await cluster.until('core/persistentvolumes', undefined, volumeName, (pv) => !pv);
    expect(getClaim('in-use')).toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });
});
