import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '../types';
import { claimFile } from '../volumes';
import {
  claimBody,
  conditionOf,
  eventsFor,
  markerOfClaim,
  NS,
  phaseOf,
  startSnapshotCluster,
  vmBody,
  writeMarker,
  type SnapshotTestCluster,
} from './testSupport';

vi.setConfig({ testTimeout: 30_000 });

const VM = 'kubevirt.io/virtualmachines';
const VMI = 'kubevirt.io/virtualmachineinstances';
const RESTORE = 'snapshot.kubevirt.io/virtualmachinerestores';
const SNAPSHOT = 'snapshot.kubevirt.io/virtualmachinesnapshots';
const CLONE = 'clone.kubevirt.io/virtualmachineclones';
const VMS = `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines`;
const BASE = `/apis/snapshot.kubevirt.io/v1beta1/namespaces/${NS}`;

let cluster: SnapshotTestCluster;
beforeAll(async () => {
  cluster = await startSnapshotCluster();
}, 60_000);
afterAll(() => cluster?.cleanup());

const volumesOf = (vm: KubeObject | undefined) =>
  (vm?.spec as { template: { spec: { volumes: Record<string, { claimName?: string }>[] } } })
    .template.spec.volumes;
const interfacesOf = (vm: KubeObject | undefined) =>
  (
    vm?.spec as {
      template: { spec: { domain: { devices: { interfaces: { macAddress?: string }[] } } } };
    }
  ).template.spec.domain.devices.interfaces;

const setRunStrategy = async (name: string, runStrategy: string) => {
  const response = await cluster.api(
    `${VMS}/${name}`,
    'PATCH',
    { spec: { runStrategy } },
    'application/merge-patch+json',
  );
  expect(response.status).toBe(200);
};

/** A stopped VM `name` on one RBD disk holding `marker`, snapshotted as `<name>-snap`. */
const snapshottedVm = async (name: string, marker: string, extra = {}) => {
  await cluster.api(`/api/v1/namespaces/${NS}/persistentvolumeclaims`, 'POST', {
    ...claimBody(`${name}-root`, 'ocs-storagecluster-ceph-rbd'),
  });
  await cluster.until(
    'core/persistentvolumeclaims',
    NS,
    `${name}-root`,
    (c) => phaseOf(c) === 'Bound',
  );
  await writeMarker(claimFile(cluster.store, NS, `${name}-root`) ?? '', marker);
  await cluster.api(VMS, 'POST', vmBody(name, { rootdisk: `${name}-root` }, extra));
  await cluster.api(`${BASE}/virtualmachinesnapshots`, 'POST', {
    apiVersion: 'snapshot.kubevirt.io/v1beta1',
    kind: 'VirtualMachineSnapshot',
    metadata: { name: `${name}-snap` },
    spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name } },
  });
  return cluster.until(SNAPSHOT, NS, `${name}-snap`, (s) => phaseOf(s) === 'Succeeded');
};

const restoreBody = (name: string, target: string, snapshot: string) => ({
  apiVersion: 'snapshot.kubevirt.io/v1beta1',
  kind: 'VirtualMachineRestore',
  metadata: { name },
  spec: {
    target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: target },
    virtualMachineSnapshotName: snapshot,
  },
});

describe('VirtualMachineRestore', () => {
  it('waits while the VM runs, then restores the disk bytes and the spec once it stops', async () => {
    await snapshottedVm('web', 'snapshotted-bytes');
    await writeMarker(claimFile(cluster.store, NS, 'web-root') ?? '', 'overwritten');
    await setRunStrategy('web', 'Always');
    await cluster.until(VMI, NS, 'web', (v) => phaseOf(v) === 'Running');

    await cluster.api(
      `${BASE}/virtualmachinerestores`,
      'POST',
      restoreBody('web-restore', 'web', 'web-snap'),
    );
    const waiting = await cluster.until(
      RESTORE,
      NS,
      'web-restore',
      (r) => conditionOf(r, 'Ready')?.reason === 'Waiting for target to be ready',
    );
    expect(conditionOf(waiting, 'Progressing')).toMatchObject({ status: 'False' });
    expect(eventsFor(cluster, 'web-restore')).toContainEqual({
      type: 'Normal',
      reason: 'RestoreTargetNotReady',
      message: 'Restore target VMI still exists',
    });

    await setRunStrategy('web', 'Halted');
    const restore = await cluster.until(
      RESTORE,
      NS,
      'web-restore',
      (r) => (r?.status as { complete?: boolean } | undefined)?.complete === true,
    );
    const uid = restore?.metadata.uid ?? '';
    const claim = `restore-${uid}-rootdisk`;
    expect(restore?.status).toMatchObject({
      complete: true,
      restores: [
        {
          volumeName: 'rootdisk',
          persistentVolumeClaim: claim,
          volumeSnapshotName: expect.stringMatching(/^vmsnapshot-.*-volume-rootdisk$/),
        },
      ],
    });
    expect(conditionOf(restore, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'Operation complete',
    });
    const vm = cluster.store.get(VM, NS, 'web');
    expect(volumesOf(vm)[0]).toMatchObject({
      name: 'rootdisk',
      persistentVolumeClaim: { claimName: claim },
    });
    expect(vm?.metadata.annotations?.['restore.kubevirt.io/lastRestoreUID']).toBe(
      `web-restore-${uid}`,
    );
    expect((vm?.spec as { runStrategy?: string }).runStrategy).toBe('Halted');
    expect((vm?.status as { restoreInProgress?: string }).restoreInProgress).toBeUndefined();
    expect(await markerOfClaim(cluster, claim)).toBe('snapshotted-bytes');
    expect(await markerOfClaim(cluster, 'web-root')).toBe('overwritten');

    const token = cluster.users.find((u) => u.username === 'admin')?.token ?? '';
    const response = await fetch(`${cluster.httpURL}/metrics`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const metrics = await response.text();
    expect(metrics).toContain(
      `kubevirt_vmsnapshot_disks_restored_from_source{vm_name="web",vm_namespace="${NS}"} 1`,
    );
    expect(metrics).toContain(
      `kubevirt_vmsnapshot_disks_restored_from_source_bytes{vm_name="web",vm_namespace="${NS}"} ${8 * 2 ** 20}`,
    );
  });

  it('creates a new VM from a snapshot, without the source MAC address', async () => {
    await snapshottedVm('base', 'base-bytes', { mac: '02:00:00:00:00:01' });
    await cluster.api(
      `${BASE}/virtualmachinerestores`,
      'POST',
      restoreBody('from-snap', 'from-snap-vm', 'base-snap'),
    );
    await cluster.until(
      RESTORE,
      NS,
      'from-snap',
      (r) => (r?.status as { complete?: boolean })?.complete === true,
    );
    const vm = cluster.store.get(VM, NS, 'from-snap-vm');
    expect((vm?.spec as { runStrategy?: string }).runStrategy).toBe('Halted');
    expect(interfacesOf(vm)[0]?.macAddress).not.toBe('02:00:00:00:00:01');
    const claim = (volumesOf(vm)[0]?.persistentVolumeClaim as { claimName: string }).claimName;
    expect(await markerOfClaim(cluster, claim)).toBe('base-bytes');
  });
});

describe('VirtualMachineClone', () => {
  it('clones a VM with its disk bytes, filtered labels and a MAC of its own', async () => {
    await snapshottedVm('origin', 'origin-bytes', {
      mac: '02:00:00:00:00:aa',
      serial: 'origin-serial',
      labels: { app: 'shop', 'internal.example.com/owner': 'ops' },
    });
    await cluster.api(
      `/apis/clone.kubevirt.io/v1beta1/namespaces/${NS}/virtualmachineclones`,
      'POST',
      {
        apiVersion: 'clone.kubevirt.io/v1beta1',
        kind: 'VirtualMachineClone',
        metadata: { name: 'copy' },
        spec: {
          source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'origin' },
          target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'origin-copy' },
          labelFilters: ['*', '!internal.example.com/.*'],
        },
      },
    );
    const clone = await cluster.until(CLONE, NS, 'copy', (c) =>
      ['Succeeded', 'Failed'].includes(phaseOf(c) ?? ''),
    );
    expect(clone?.status).toMatchObject({ phase: 'Succeeded', targetName: 'origin-copy' });
    expect(conditionOf(clone, 'Ready')).toMatchObject({ status: 'True', reason: 'Ready' });
    expect(eventsFor(cluster, 'copy').map((e) => e.reason)).toEqual(
      expect.arrayContaining([
        'SnapshotCreated',
        'SnapshotReady',
        'RestoreCreated',
        'RestoreReady',
        'TargetVMCreated',
      ]),
    );
    const copy = cluster.store.get(VM, NS, 'origin-copy');
    expect(copy?.metadata.labels).toEqual({ app: 'shop' });
    expect(interfacesOf(copy)[0]?.macAddress).not.toBe('02:00:00:00:00:aa');
    const firmware = (
      copy?.spec as { template: { spec: { domain: { firmware?: { serial?: string } } } } }
    ).template.spec.domain.firmware;
    expect(firmware?.serial).toBeUndefined();
    const claim = (volumesOf(copy)[0]?.persistentVolumeClaim as { claimName: string }).claimName;
    expect(claim).not.toBe('origin-root');
    expect(await markerOfClaim(cluster, claim)).toBe('origin-bytes');
    // The temporary snapshot and restore are gone.
    const uid = clone?.metadata.uid ?? '';
    await cluster.until(SNAPSHOT, NS, `tmp-snapshot-${uid}`, (s) => !s);
    expect(cluster.store.get(RESTORE, NS, `tmp-restore-${uid}`)).toBeUndefined();
  });
});
