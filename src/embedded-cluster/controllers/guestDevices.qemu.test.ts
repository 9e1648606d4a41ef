import { mkdtempSync, openSync, readSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster } from '../cluster';
import { waitForStore } from '../store/waitFor';
import type { KubeObject } from '../types';
import { claimFile } from '../volumes';
import { QemuVmRuntime } from './qemuVmRuntime';

// Guests that use their devices, under QEMU: a claim's file as a virtio disk the guest writes,
// the MAC KubeMacPool assigned on eth0, and two guests on one NetworkAttachmentDefinition that
// ping each other over its L2 segment (also after one of them live-migrates).
const available = QemuVmRuntime.available();
const skipReason = available ? '' : ' (skipped: QEMU or the guest image is not available)';
const dataDir = mkdtempSync(path.join(tmpdir(), 'guest-devices-'));
const NS = 'default';
let cluster: Awaited<ReturnType<typeof startEmbeddedCluster>>;
let token = '';

beforeAll(async () => {
  if (!available) return;
  cluster = await startEmbeddedCluster({ dataDir, runtime: new QemuVmRuntime(), sampleVMs: false });
  token = cluster.users.find((u) => u.username === 'admin')!.token;
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = async (method: string, apiPath: string, body?: unknown, type = 'application/json') => {
  const response = await fetch(`${cluster.httpURL}${apiPath}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': type },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as KubeObject & { message?: string };
  if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${json.message}`);
  return json;
};

/** Resolves with the object once `ready` holds, as the store's change stream reports it. */
const reaches = (resource: string, name: string, ready: (o: KubeObject) => boolean, what: string) =>
  waitForStore(
    cluster.store,
    () => {
      const object = cluster.store.get(resource, NS, name);
      return object && ready(object) ? object : undefined;
    },
    () =>
      `${name}: ${what}; status ${JSON.stringify(cluster.store.get(resource, NS, name)?.status)}`,
    90_000,
  );
interface Status {
  printableStatus?: string;
  phase?: string;
  interfaces?: { name: string; mac: string }[];
  volumeStatus?: unknown[];
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
}
const status = (o: KubeObject) => (o.status ?? {}) as Status;
const vmReaches = (name: string, printable: string) =>
  reaches(
    'kubevirt.io/virtualmachines',
    name,
    (vm) => status(vm).printableStatus === printable,
    printable,
  );

const guest = async (vm: string, command: string) => {
  const result = await cluster.runtime.guestCommand!(`${NS}/${vm}`, command, { timeoutMs: 45_000 });
  expect(result.exitCode, `${command}: ${result.output}`).toBe(0);
  return result.output.trim();
};

const vm = (name: string, disks: object[], volumes: object[]) => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name, namespace: NS },
  spec: {
    runStrategy: 'Always',
    template: {
      spec: {
        domain: {
          memory: { guest: '128Mi' },
          devices: {
            disks,
            interfaces: [
              { name: 'default', masquerade: {} },
              { name: 'lab', bridge: {} },
            ],
          },
        },
        networks: [
          { name: 'default', pod: {} },
          { name: 'lab', multus: { networkName: 'lab-net' } },
        ],
        volumes,
      },
    },
  },
});

const MARKER = 'written-by-the-guest';

describe.skipIf(!available)(`guests with disks, MACs and a secondary network${skipReason}`, () => {
  it('writes to its claim, uses its MAC, and pings a peer on the same NAD', async () => {
    await api('POST', `/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions`, {
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: 'lab-net' },
      spec: {
        config: JSON.stringify({
          cniVersion: '0.3.1',
          name: 'lab-net',
          type: 'cnv-bridge',
          bridge: 'br1',
        }),
      },
    });
    await api('POST', `/api/v1/namespaces/${NS}/persistentvolumeclaims`, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'alpha-data' },
      spec: {
        storageClassName: 'ocs-storagecluster-ceph-rbd',
        volumeMode: 'Block',
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '64Mi' } },
      },
    });
    const alpha = await api(
      'POST',
      `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines`,
      vm(
        'alpha',
        [{ name: 'data', disk: { bus: 'virtio' } }],
        [{ name: 'data', persistentVolumeClaim: { claimName: 'alpha-data' } }],
      ),
    );
    await api('POST', `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines`, vm('beta', [], []));
    const macs = (
      alpha.spec as {
        template: { spec: { domain: { devices: { interfaces: { macAddress: string }[] } } } };
      }
    ).template.spec.domain.devices.interfaces.map((i) => i.macAddress);
    expect(macs).toHaveLength(2);

    await Promise.all([vmReaches('alpha', 'Running'), vmReaches('beta', 'Running')]);
    const vmi = cluster.store.get('kubevirt.io/virtualmachineinstances', NS, 'alpha')!;
    expect(
      (status(vmi).interfaces ?? []).map((i: { name: string; mac: string }) => [i.name, i.mac]),
    ).toEqual([
      ['default', macs[0]],
      ['lab', macs[1]],
    ]);
    expect(status(vmi).volumeStatus).toEqual([
      expect.objectContaining({
        name: 'data',
        target: 'vda',
        phase: 'Ready',
        persistentVolumeClaimInfo: expect.objectContaining({
          claimName: 'alpha-data',
          volumeMode: 'Block',
        }),
      }),
    ]);

    // A ReadWriteOnce claim keeps the VMI where it is, as in KubeVirt.
    expect(status(vmi).conditions).toContainEqual(
      expect.objectContaining({
        type: 'LiveMigratable',
        status: 'False',
        reason: 'DisksNotLiveMigratable',
      }),
    );

    // The guest's NICs carry the MACs the pool assigned.
    expect(
      await guest('alpha', 'cat /sys/class/net/eth0/address /sys/class/net/eth1/address'),
    ).toBe(macs.join('\n'));

    // One L2 segment for the NAD: static addresses, then ping both ways.
    await guest('alpha', 'ip addr add 192.168.77.1/24 dev eth1 && ip link set eth1 up');
    await guest('beta', 'ip addr add 192.168.77.2/24 dev eth1 && ip link set eth1 up');
    expect(await guest('alpha', 'ping -c 2 -W 5 192.168.77.2')).toMatch(/2 packets received/);
    expect(await guest('beta', 'ping -c 1 -W 5 192.168.77.1')).toMatch(/1 packets received/);

    // A migrated guest keeps its place on the segment.
    await api('POST', `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachineinstancemigrations`, {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachineInstanceMigration',
      metadata: { name: 'move-beta' },
      spec: { vmiName: 'beta' },
    });
    await reaches(
      'kubevirt.io/virtualmachineinstancemigrations',
      'move-beta',
      (m) => ['Succeeded', 'Failed'].includes(status(m).phase ?? ''),
      'the migration finishing',
    );
    expect(
      status(cluster.store.get('kubevirt.io/virtualmachineinstancemigrations', NS, 'move-beta')!)
        .phase,
    ).toBe('Succeeded');
    expect(await guest('alpha', 'ping -c 1 -W 5 192.168.77.2')).toMatch(/1 packets received/);

    // The guest writes its disk; after the VM stops, the claim's file holds the bytes.
    await guest(
      'alpha',
      `printf ${MARKER} | dd of=/dev/vda bs=512 seek=16 conv=fsync 2>/dev/null && sync`,
    );
    await api(
      'PATCH',
      `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines/alpha`,
      { spec: { runStrategy: 'Halted' } },
      'application/merge-patch+json',
    );
    await vmReaches('alpha', 'Stopped');
    const file = claimFile(cluster.store, NS, 'alpha-data');
    expect(file).toBeDefined();
    const fd = openSync(file!, 'r');
    const bytes = Buffer.alloc(MARKER.length);
    readSync(fd, bytes, 0, bytes.length, 16 * 512);
    closeSync(fd);
    expect(bytes.toString()).toBe(MARKER);
  }, 120_000);

  it('keeps a VMI on a missing NetworkAttachmentDefinition from starting, saying which', async () => {
    const spec = vm('gamma', [], []);
    (
      spec.spec.template.spec.networks[1] as { multus: { networkName: string } }
    ).multus.networkName = 'nowhere';
    await api('POST', `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines`, spec);
    const vmi = await reaches(
      'kubevirt.io/virtualmachineinstances',
      'gamma',
      (o) =>
        (status(o).conditions ?? []).some((c: { reason?: string }) => c.reason === 'FailedCreate'),
      'a FailedCreate condition',
    );
    expect(status(vmi).phase).toBe('Scheduling');
    expect(status(vmi).conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'Synchronized',
          status: 'False',
          message:
            'failed to render launch manifest: failed to locate network attachment definition default/nowhere',
        }),
      ]),
    );
  });
});
