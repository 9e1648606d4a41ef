import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestCluster, type ApiTestCluster } from '../conformance/testCluster';
import type { KubeObject } from '../types';

// What the VM configuration forms do to a running VM, through the API with the simulated
// runtime: hot-plugged disks made persistent, bridge NICs hot-plugged and unplugged, link
// state, what needs a restart and what does not, scheduling that fails, and the admission
// rules (disk names, Secure Boot, access credentials). QEMU runs are in *.qemu.test.ts.
let cluster: ApiTestCluster;
const NS = 'default';
const VMS = 'kubevirt.io/virtualmachines';
const VMIS = 'kubevirt.io/virtualmachineinstances';
const vmPath = (name = '') =>
  `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines${name ? `/${name}` : ''}`;
const subresource = (
  kind: 'virtualmachines' | 'virtualmachineinstances',
  name: string,
  verb: string,
) => `/apis/subresources.kubevirt.io/v1/namespaces/${NS}/${kind}/${name}/${verb}`;

beforeAll(async () => {
  cluster = await startApiTestCluster('vm-configuration-');
  await cluster.api(`/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions`, {
    method: 'POST',
    json: {
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: 'lab-net' },
      spec: { config: '{"cniVersion":"0.3.1","name":"lab-net","type":"cnv-bridge"}' },
    },
  });
}, 60_000);
afterAll(async () => {
  await cluster?.cleanup();
});

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
interface Iface {
  name: string;
  state?: string;
  bridge?: object;
  masquerade?: object;
  model?: string;
  macAddress?: string;
  bootOrder?: number;
}
type Vmi = KubeObject & {
  spec: {
    domain: { devices: { interfaces?: Iface[]; disks?: { name: string }[] } };
    networks?: { name: string }[];
    volumes?: { name: string }[];
  };
  status: {
    phase?: string;
    interfaces?: { name: string; interfaceName?: string; linkState?: string; mac?: string }[];
    volumeStatus?: { name: string; hotplugVolume?: object }[];
    conditions?: Condition[];
  };
};

const vm = () => cluster.store.get(VMS, NS, 'config')!;
const vmi = () => cluster.store.get(VMIS, NS, 'config') as Vmi | undefined;
const restartRequired = () =>
  ((vm().status as { conditions?: Condition[] }).conditions ?? []).find(
    (c) => c.type === 'RestartRequired',
  )?.status === 'True';
const template = () =>
  (vm().spec as { template: { spec: Vmi['spec'] & { nodeSelector?: object } } }).template.spec;

/** Replaces the VM's template spec (as the forms' JSON patches do) and lets the controllers run. */
const editTemplate = async (edit: (spec: ReturnType<typeof template>) => void) => {
  const spec = structuredClone(template());
  edit(spec);
  const response = await cluster.api(vmPath('config'), {
    method: 'PATCH',
    contentType: 'application/json-patch+json',
    json: [{ op: 'replace', path: '/spec/template/spec', value: spec }],
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  await cluster.controllersIdle();
};

const runningVmi = () =>
  cluster.until(VMIS, NS, 'config', (o) => (o as Vmi | undefined)?.status?.phase === 'Running');

describe('a running VM configured live', () => {
  it('starts with a pod NIC', async () => {
    for (const name of ['extra', 'extra2'])
      await cluster.api(`/api/v1/namespaces/${NS}/persistentvolumeclaims`, {
        method: 'POST',
        json: {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name },
          spec: {
            storageClassName: 'ocs-storagecluster-ceph-rbd',
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '64Mi' } },
          },
        },
      });
    const created = await cluster.api(vmPath(), {
      method: 'POST',
      json: {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'config' },
        spec: {
          runStrategy: 'Always',
          template: {
            spec: {
              domain: {
                memory: { guest: '128Mi' },
                devices: {
                  disks: [{ name: 'scratch', disk: { bus: 'virtio' }, bootOrder: 1 }],
                  interfaces: [{ name: 'default', masquerade: {} }],
                },
              },
              networks: [{ name: 'default', pod: {} }],
              volumes: [{ name: 'scratch', emptyDisk: { capacity: '16Mi' } }],
            },
          },
        },
      },
    });
    expect(created.status).toBe(201);
    await runningVmi();
    await cluster.until(
      VMS,
      NS,
      'config',
      (o) => !!o && (o.status as { ready?: boolean }).ready === true,
    );
    expect(vmi()?.status.interfaces).toEqual([
      expect.objectContaining({ name: 'default', interfaceName: 'eth0', linkState: 'up' }),
    ]);
  });

  it('makes a hot-plugged disk persistent without a second attach or a restart', async () => {
    await cluster.until(
      'core/persistentvolumeclaims',
      NS,
      'extra',
      (o) => (o?.status as { phase?: string } | undefined)?.phase === 'Bound',
    );
    const body = {
      name: 'extra',
      disk: { name: 'extra', disk: { bus: 'scsi' } },
      volumeSource: { persistentVolumeClaim: { claimName: 'extra', hotpluggable: true } },
    };
    const onVmi = await cluster.api(subresource('virtualmachineinstances', 'config', 'addvolume'), {
      method: 'PUT',
      json: body,
    });
    expect(onVmi.status, JSON.stringify(onVmi.body)).toBe(202);
    // The same name from another claim is a conflict.
    const conflict = { ...body, volumeSource: { persistentVolumeClaim: { claimName: 'extra2' } } };
    const other = await cluster.api(subresource('virtualmachines', 'config', 'addvolume'), {
      method: 'PUT',
      json: conflict,
    });
    expect(other.status).toBe(409);
    expect(other.body.message).toBe(
      'Unable to add volume [extra] because volume with that name already exists',
    );
    const persist = await cluster.api(subresource('virtualmachines', 'config', 'addvolume'), {
      method: 'PUT',
      json: body,
    });
    expect(persist.status, JSON.stringify(persist.body)).toBe(202);
    await cluster.controllersIdle();
    expect(template().volumes).toContainEqual({
      name: 'extra',
      persistentVolumeClaim: { claimName: 'extra', hotpluggable: true },
    });
    expect(template().domain.devices.disks).toContainEqual({
      name: 'extra',
      disk: { bus: 'scsi' },
    });
    expect(vmi()?.spec.volumes?.filter((v) => v.name === 'extra')).toHaveLength(1);
    expect(vmi()?.status.volumeStatus?.filter((v) => v.name === 'extra')).toHaveLength(1);
    expect(restartRequired()).toBe(false);
    // Once persistent, the name is taken in the template too.
    expect(
      (
        await cluster.api(subresource('virtualmachines', 'config', 'addvolume'), {
          method: 'PUT',
          json: body,
        })
      ).status,
    ).toBe(409);

    // Detaching a persistent hot-plug takes it off the VMI and the template, still no restart.
    const removed = await cluster.api(subresource('virtualmachines', 'config', 'removevolume'), {
      method: 'PUT',
      json: { name: 'extra' },
    });
    expect(removed.status, JSON.stringify(removed.body)).toBe(202);
    await cluster.controllersIdle();
    expect(template().volumes?.map((v) => v.name)).toEqual(['scratch']);
    expect(vmi()?.spec.volumes?.map((v) => v.name)).toEqual(['scratch']);
    expect(restartRequired()).toBe(false);
  });

  it('hot-plugs a bridge NIC on a NAD, sets its link down and up, and unplugs it', async () => {
    await editTemplate((spec) => {
      spec.domain.devices.interfaces = [
        ...(spec.domain.devices.interfaces ?? []),
        { name: 'lab', bridge: {}, model: 'virtio' },
      ];
      spec.networks = [
        ...(spec.networks ?? []),
        { name: 'lab', multus: { networkName: 'lab-net' } } as never,
      ];
    });
    const mac = template().domain.devices.interfaces?.[1]?.macAddress;
    expect(mac).toMatch(/^02:7e(:[0-9a-f]{2}){4}$/);
    expect(vmi()?.spec.domain.devices.interfaces?.map((i) => i.name)).toEqual(['default', 'lab']);
    expect(vmi()?.spec.networks?.map((n) => n.name)).toEqual(['default', 'lab']);
    expect(vmi()?.status.interfaces).toEqual([
      expect.objectContaining({ name: 'default', interfaceName: 'eth0' }),
      expect.objectContaining({ name: 'lab', interfaceName: 'eth1', mac, linkState: 'up' }),
    ]);
    expect(restartRequired()).toBe(false);

    await editTemplate((spec) => {
      spec.domain.devices.interfaces![1]!.state = 'down';
    });
    expect(vmi()?.status.interfaces?.[1]).toMatchObject({ name: 'lab', linkState: 'down' });
    expect(restartRequired()).toBe(false);
    await editTemplate((spec) => {
      delete spec.domain.devices.interfaces![1]!.state;
    });
    expect(vmi()?.status.interfaces?.[1]).toMatchObject({ name: 'lab', linkState: 'up' });

    await editTemplate((spec) => {
      spec.domain.devices.interfaces![1]!.state = 'absent';
    });
    expect(vmi()?.spec.domain.devices.interfaces?.map((i) => i.name)).toEqual(['default']);
    expect(vmi()?.spec.networks?.map((n) => n.name)).toEqual(['default']);
    expect(vmi()?.status.interfaces?.map((i) => i.name)).toEqual(['default']);
    expect(restartRequired()).toBe(false);
    // Once unplugged, the interface can leave the template without a restart.
    await editTemplate((spec) => {
      spec.domain.devices.interfaces = spec.domain.devices.interfaces?.slice(0, 1);
      spec.networks = spec.networks?.slice(0, 1);
    });
    expect(restartRequired()).toBe(false);
  });

  it('takes the pod NIC link down live, but asks for a restart for its model', async () => {
    await editTemplate((spec) => {
      spec.domain.devices.interfaces![0]!.state = 'down';
    });
    expect(vmi()?.status.interfaces?.[0]).toMatchObject({ name: 'default', linkState: 'down' });
    expect(restartRequired()).toBe(false);
    await editTemplate((spec) => {
      spec.domain.devices.interfaces![0] = { name: 'default', masquerade: {}, model: 'e1000e' };
    });
    expect(restartRequired()).toBe(true);
    // Undone, nothing is pending any more.
    await editTemplate((spec) => {
      const mac = spec.domain.devices.interfaces![0]!.macAddress;
      spec.domain.devices.interfaces![0] = {
        name: 'default',
        masquerade: {},
        macAddress: mac,
        state: 'down',
      };
    });
    expect(restartRequired()).toBe(false);
  });

  it('plugs a NIC whose NAD is missing once the NAD exists, saying why it waits', async () => {
    await editTemplate((spec) => {
      spec.domain.devices.interfaces = [
        ...(spec.domain.devices.interfaces ?? []),
        { name: 'late', bridge: {} },
      ];
      spec.networks = [
        ...(spec.networks ?? []),
        { name: 'late', multus: { networkName: 'late-net' } } as never,
      ];
    });
    expect(vmi()?.spec.domain.devices.interfaces?.map((i) => i.name)).toContain('late');
    expect(vmi()?.status.interfaces?.map((i) => i.name)).toEqual(['default']);
    const events = cluster.store
      .list('core/events', NS)
      .filter((e) => (e as { reason?: string }).reason === 'SyncFailed')
      .map((e) => (e as { message?: string }).message);
    expect(events).toContain(
      'failed to hot plug interface late: failed to locate network attachment definition default/late-net',
    );
    expect(restartRequired()).toBe(false);
    await cluster.api(`/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions`, {
      method: 'POST',
      json: {
        apiVersion: 'k8s.cni.cncf.io/v1',
        kind: 'NetworkAttachmentDefinition',
        metadata: { name: 'late-net' },
        spec: { config: '{"cniVersion":"0.3.1","name":"late-net","type":"cnv-bridge"}' },
      },
    });
    await cluster.controllersIdle();
    expect(vmi()?.status.interfaces?.map((i) => [i.name, i.interfaceName])).toEqual([
      ['default', 'eth0'],
      ['late', 'eth1'],
    ]);
    await editTemplate((spec) => {
      spec.domain.devices.interfaces![1]!.state = 'absent';
    });
    await editTemplate((spec) => {
      spec.domain.devices.interfaces = spec.domain.devices.interfaces?.slice(0, 1);
      spec.networks = spec.networks?.slice(0, 1);
    });
    expect(vmi()?.status.interfaces?.map((i) => i.name)).toEqual(['default']);
    expect(restartRequired()).toBe(false);
  });

  it('flags a boot order change until the VM restarts', async () => {
    await editTemplate((spec) => {
      spec.domain.devices.disks = [
        { name: 'scratch', disk: { bus: 'virtio' }, bootOrder: 2 } as never,
      ];
    });
    expect(restartRequired()).toBe(true);
    const before = vmi()?.metadata.uid;
    expect(
      (
        await cluster.api(subresource('virtualmachines', 'config', 'restart'), {
          method: 'PUT',
          json: {},
        })
      ).status,
    ).toBe(202);
    await cluster.until(
      VMIS,
      NS,
      'config',
      (o) => !!o && o.metadata.uid !== before && (o as Vmi).status?.phase === 'Running',
    );
    await cluster.controllersIdle();
    expect(restartRequired()).toBe(false);
    // The link state chosen before the restart is the new VMI's from the start.
    expect(vmi()?.status.interfaces?.[0]).toMatchObject({ name: 'default', linkState: 'down' });
  });

  it('reports a node selector that matches no node after the restart', async () => {
    await editTemplate((spec) => {
      spec.nodeSelector = { 'example.com/nowhere': 'true' };
    });
    expect(restartRequired()).toBe(true);
    await cluster.api(subresource('virtualmachines', 'config', 'restart'), {
      method: 'PUT',
      json: {},
    });
    const stuck = (await cluster.until(VMIS, NS, 'config', (o) =>
      ((o as Vmi | undefined)?.status?.conditions ?? []).some((c) => c.reason === 'Unschedulable'),
    )) as Vmi;
    expect(stuck.status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.",
      }),
    );
    await cluster.until(
      VMS,
      NS,
      'config',
      (o) => (o?.status as { printableStatus?: string }).printableStatus === 'ErrorUnschedulable',
    );
    await editTemplate((spec) => {
      delete spec.nodeSelector;
    });
  });
});

describe('admission of VM configurations', () => {
  const post = (name: string, spec: object) =>
    cluster.api(vmPath(), {
      method: 'POST',
      json: {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name },
        spec: { runStrategy: 'Halted', template: { spec } },
      },
    });

  it('refuses a disk name that is not a DNS-1123 label, naming the disk', async () => {
    const response = await post('bad-disk', {
      domain: { devices: { disks: [{ name: 'root' }, { name: 'Data_1' }] } },
      volumes: [
        { name: 'root', emptyDisk: { capacity: '1Gi' } },
        { name: 'Data_1', emptyDisk: { capacity: '1Gi' } },
      ],
    });
    expect(response.status).toBe(422);
    expect(response.body.message).toMatch(
      /^admission webhook "virtualmachine-validator.kubevirt.io" denied the request: a lowercase RFC 1123 label/,
    );
    const details = response.body.details as { causes: { field: string }[] };
    expect(details.causes.map((c) => c.field)).toEqual([
      'spec.template.spec.domain.devices.disks[1].name',
    ]);
  });

  it('refuses Secure Boot without SMM', async () => {
    const response = await post('secure', {
      domain: { devices: {}, firmware: { bootloader: { efi: { secureBoot: true } } } },
    });
    expect(response.status).toBe(422);
    expect(response.body.message).toBe(
      'admission webhook "virtualmachine-validator.kubevirt.io" denied the request: spec.template.spec.domain has EFI SecureBoot enabled. SecureBoot requires SMM, which is currently disabled.',
    );
    expect(
      (
        await post('secure', {
          domain: {
            devices: {},
            firmware: { bootloader: { efi: { secureBoot: true } } },
            features: { smm: { enabled: true } },
          },
        })
      ).status,
    ).toBe(201);
  });

  it('refuses SSH keys by cloud-init without a cloud-init volume', async () => {
    const response = await post('keys', {
      domain: { devices: {} },
      accessCredentials: [
        {
          sshPublicKey: {
            source: { secret: { secretName: 'my-keys' } },
            propagationMethod: { noCloud: {} },
          },
        },
      ],
    });
    expect(response.status).toBe(422);
    const details = response.body.details as { causes: { field: string; message: string }[] };
    expect(details.causes).toEqual([
      expect.objectContaining({
        field: 'spec.template.spec.accessCredentials[0].sshPublicKey.propagationMethod',
        message:
          'spec.template.spec.accessCredentials[0] requires a noCloud volume to exist when the noCloud propagationMethod is in use.',
      }),
    ]);
  });

  it('says the guest agent is offline for credentials it should propagate', async () => {
    await cluster.api(`/api/v1/namespaces/${NS}/secrets`, {
      method: 'POST',
      json: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'agent-keys' },
        stringData: { key: 'ssh-ed25519 AAAA agent@example' },
      },
    });
    const created = await cluster.api(vmPath(), {
      method: 'POST',
      json: {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'agent' },
        spec: {
          runStrategy: 'Always',
          template: {
            spec: {
              domain: { devices: {}, memory: { guest: '128Mi' } },
              accessCredentials: [
                {
                  sshPublicKey: {
                    source: { secret: { secretName: 'agent-keys' } },
                    propagationMethod: { qemuGuestAgent: { users: ['fedora'] } },
                  },
                },
              ],
            },
          },
        },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const running = (await cluster.until(
      VMIS,
      NS,
      'agent',
      (o) => (o as Vmi | undefined)?.status?.phase === 'Running',
    )) as Vmi;
    expect(running.status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'AccessCredentialsSynchronized',
        status: 'False',
        message: 'Guest agent is offline',
      }),
    );
  });
});
