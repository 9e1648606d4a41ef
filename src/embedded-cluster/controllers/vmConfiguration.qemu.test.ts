import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster } from '../cluster';
import { waitForStore } from '../store/waitFor';
import type { KubeObject } from '../types';
import { QemuVmRuntime } from './qemuVmRuntime';

// The VM configuration forms against a real guest, booted once: cloud-init applies the SSH key
// of `accessCredentials` and the user-data's user, a persistent hot-plug is detached, a bridge NIC is hot-plugged (a new ethN in
// the guest with the assigned MAC), its link goes down, survives a live migration, comes up,
// and the NIC is unplugged again, all without RestartRequired.
const available = QemuVmRuntime.available();
const skipReason = available ? '' : ' (skipped: QEMU or the guest image is not available)';
const dataDir = mkdtempSync(path.join(tmpdir(), 'vm-configuration-'));
const NS = 'default';
const VMIS = 'kubevirt.io/virtualmachineinstances';
const VMS = 'kubevirt.io/virtualmachines';
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEmbeddedClusterTestKey tester@example';
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
  const text = await response.text();
  const json = (text ? JSON.parse(text) : {}) as KubeObject & { message?: string };
  if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${json.message}`);
  return json;
};

interface Iface {
  name: string;
  macAddress?: string;
  state?: string;
  bridge?: object;
  masquerade?: object;
}
interface VmiStatus {
  phase?: string;
  interfaces?: { name: string; interfaceName?: string; mac?: string; linkState?: string }[];
  conditions?: { type: string; status: string }[];
}
const vmiStatus = () => (cluster.store.get(VMIS, NS, 'guest')?.status ?? {}) as VmiStatus;
const until = <T>(check: () => T | undefined, what: string, ms = 30_000) =>
  waitForStore(
    cluster.store,
    check,
    () => `${what}; VMI status ${JSON.stringify(vmiStatus())}`,
    ms,
  );
const restartRequired = () =>
  (
    (cluster.store.get(VMS, NS, 'guest')?.status as { conditions?: { type: string }[] })
      ?.conditions ?? []
  ).some((c) => c.type === 'RestartRequired');

const guest = async (command: string) => {
  const result = await cluster.runtime.guestCommand!(`${NS}/guest`, command, { timeoutMs: 45_000 });
  expect(result.exitCode, `${command}: ${result.output}`).toBe(0);
  return result.output.trim();
};

/** The VM's interfaces and networks, edited as the forms do (one JSON patch). */
const editInterfaces = async (edit: (ifaces: Iface[], networks: object[]) => void) => {
  const vm = cluster.store.get(VMS, NS, 'guest')!;
  const spec = (vm.spec as { template: { spec: Record<string, unknown> } }).template.spec as {
    domain: { devices: { interfaces: Iface[] } };
    networks: object[];
  };
  const interfaces = structuredClone(spec.domain.devices.interfaces);
  const networks = structuredClone(spec.networks);
  edit(interfaces, networks);
  await api(
    'PATCH',
    `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines/guest`,
    [
      { op: 'replace', path: '/spec/template/spec/domain/devices/interfaces', value: interfaces },
      { op: 'replace', path: '/spec/template/spec/networks', value: networks },
    ],
    'application/json-patch+json',
  );
};

describe.skipIf(!available)(`VM configuration on a real guest${skipReason}`, () => {
  it('applies cloud-init keys and user, detaches a persistent hot-plug, and hot-plugs, links, migrates and unplugs a bridge NIC', async () => {
    await api('POST', `/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions`, {
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: 'lab-net' },
      spec: { config: '{"cniVersion":"0.3.1","name":"lab-net","type":"cnv-bridge"}' },
    });
    await api('POST', `/api/v1/namespaces/${NS}/secrets`, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'guest-keys' },
      stringData: { key: KEY },
    });
    await api('POST', `/api/v1/namespaces/${NS}/persistentvolumeclaims`, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'persisted' },
      spec: {
        storageClassName: 'ocs-storagecluster-ceph-rbd',
        volumeMode: 'Block',
        accessModes: ['ReadWriteMany'],
        resources: { requests: { storage: '16Mi' } },
      },
    });
    await api('POST', `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines`, {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: 'guest' },
      spec: {
        runStrategy: 'Always',
        template: {
          spec: {
            domain: {
              memory: { guest: '128Mi' },
              devices: {
                logSerialConsole: true,
                disks: [
                  { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
                  // A hot-plug made persistent earlier: the guest starts with it, on SCSI.
                  { name: 'persisted', disk: { bus: 'scsi' } },
                ],
                interfaces: [{ name: 'default', masquerade: {} }],
              },
            },
            networks: [{ name: 'default', pod: {} }],
            volumes: [
              {
                name: 'persisted',
                persistentVolumeClaim: { claimName: 'persisted', hotpluggable: true },
              },
              {
                name: 'cloudinitdisk',
                cloudInitNoCloud: {
                  userData:
                    '#cloud-config\nuser: fedora\npassword: fedora-pw\nchpasswd: { expire: False }\n',
                },
              },
            ],
            accessCredentials: [
              {
                sshPublicKey: {
                  source: { secret: { secretName: 'guest-keys' } },
                  propagationMethod: { noCloud: {} },
                },
              },
            ],
          },
        },
      },
    });
    await until(() => (vmiStatus().phase === 'Running' ? true : undefined), 'Running', 90_000);
    // The first command waits for the prompt: cloud-init ran before it.
    expect(await guest('cat /root/.ssh/authorized_keys')).toBe(KEY);
    expect(await guest('cat /home/fedora/.ssh/authorized_keys')).toBe(KEY);
    expect(await guest("grep -c '^fedora:[$]6[$]' /etc/shadow")).toBe('1');
    // The line rcS printed on the serial console at boot: a console opened now gets it from the
    // scroll-back. The guest keeps it in its log as well.
    const serial = await new Promise<string>((resolve) => {
      const stream = cluster.runtime.openConsole(`${NS}/guest`, 'serial', {
        preserveSession: false,
      });
      stream.onData((data) => {
        resolve(data.toString('utf8'));
        stream.close();
      });
    });
    expect(serial).toContain('cloud-init: applied user-data: 1 ssh key, user fedora');
    // logSerialConsole: the virt-launcher pod logs the same output as `guest-console-log`.
    const pod = cluster.store
      .list('core/pods', NS)
      .find((p) => p.metadata.labels?.['vm.kubevirt.io/name'] === 'guest')!;
    expect((pod.spec as { containers: { name: string }[] }).containers.map((c) => c.name)).toEqual([
      'compute',
      'guest-console-log',
    ]);
    const log = await fetch(
      `${cluster.httpURL}/api/v1/namespaces/${NS}/pods/${pod.metadata.name}/log?container=guest-console-log&tailLines=1000`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(log.status).toBe(200);
    expect(await log.text()).toContain('cloud-init: applied user-data: 1 ssh key, user fedora');
    expect(await guest('cat /var/log/cloud-init.log')).toBe(
      'cloud-init: applied user-data: 1 ssh key, user fedora',
    );

    // The persistent hot-plug can be detached while the guest runs, without a restart.
    expect(await guest('ls /sys/block')).toMatch(/sda/);
    await api(
      'PUT',
      `/apis/subresources.kubevirt.io/v1/namespaces/${NS}/virtualmachines/guest/removevolume`,
      { name: 'persisted' },
    );
    expect(await guest('sleep 0.5; ls /sys/block')).not.toMatch(/sda/);
    const volumes = (
      cluster.store.get(VMIS, NS, 'guest')?.status as { volumeStatus?: { name: string }[] }
    ).volumeStatus?.map((v) => v.name);
    expect(volumes).toEqual(['cloudinitdisk']);
    await cluster.controllersIdle();
    expect(restartRequired()).toBe(false);

    // Hot-plug: a bridge interface on the NAD appears in the guest with its MAC.
    const plugged = Date.now();
    await editInterfaces((interfaces, networks) => {
      interfaces.push({ name: 'lab', bridge: {} });
      networks.push({ name: 'lab', multus: { networkName: 'lab-net' } });
    });
    const lab = await until(
      () => vmiStatus().interfaces?.find((i) => i.name === 'lab'),
      'the hot-plugged interface in the VMI status',
    );
    console.log(`NIC hot-plug: in the VMI status ${Date.now() - plugged} ms after the patch`);
    expect(lab).toMatchObject({ interfaceName: 'eth1', linkState: 'up' });
    // The guest's kernel takes the ACPI hot-plug event a moment later.
    expect(
      await guest(
        'for i in $(seq 100); do [ -e /sys/class/net/eth1 ] && break; sleep 0.1; done; cat /sys/class/net/eth1/address',
      ),
    ).toBe(lab.mac);
    console.log(`NIC hot-plug: eth1 in the guest ${Date.now() - plugged} ms after the patch`);
    expect(restartRequired()).toBe(false);

    // Link state: the guest sees the carrier go and come back.
    await guest('ip link set eth1 up');
    await editInterfaces((interfaces) => {
      interfaces[1]!.state = 'down';
    });
    await until(
      () => (vmiStatus().interfaces?.[1]?.linkState === 'down' ? true : undefined),
      'linkState down',
    );
    expect(await guest('cat /sys/class/net/eth1/carrier')).toBe('0');

    // A live migration keeps the hot-plugged NIC (same PCI slot on the target) and its link.
    await api('POST', `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachineinstancemigrations`, {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachineInstanceMigration',
      metadata: { name: 'move-guest' },
      spec: { vmiName: 'guest' },
    });
    const migration = await waitForStore(
      cluster.store,
      () => {
        const phase = (
          cluster.store.get('kubevirt.io/virtualmachineinstancemigrations', NS, 'move-guest')
            ?.status as { phase?: string } | undefined
        )?.phase;
        return phase === 'Succeeded' || phase === 'Failed' ? phase : undefined;
      },
      'the migration finishing',
      60_000,
    );
    expect(migration).toBe('Succeeded');
    expect(await guest('cat /sys/class/net/eth1/address /sys/class/net/eth1/carrier')).toBe(
      `${lab.mac}\n0`,
    );
    await editInterfaces((interfaces) => {
      delete interfaces[1]!.state;
    });
    await until(
      () => (vmiStatus().interfaces?.[1]?.linkState === 'up' ? true : undefined),
      'linkState up',
    );
    expect(await guest('sleep 0.2; cat /sys/class/net/eth1/carrier')).toBe('1');

    // Unplug: absent, then the interface is gone from the guest and the VMI.
    const unplugged = Date.now();
    await editInterfaces((interfaces) => {
      interfaces[1]!.state = 'absent';
    });
    await until(
      () => (vmiStatus().interfaces?.some((i) => i.name === 'lab') ? undefined : true),
      'the interface leaving the VMI status',
    );
    console.log(
      `NIC unplug: gone from the VMI status ${Date.now() - unplugged} ms after the patch`,
    );
    expect(await guest('ls /sys/class/net')).not.toMatch(/eth1/);
    console.log(
      `NIC unplug: eth1 gone from the guest ${Date.now() - unplugged} ms after the patch`,
    );
    expect(restartRequired()).toBe(false);
    await editInterfaces((interfaces, networks) => {
      interfaces.splice(1, 1);
      networks.splice(1, 1);
    });
    await cluster.controllersIdle();
    expect(restartRequired()).toBe(false);
  }, 180_000);
});
