import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { guestDiskHeader } from '../guestDisk';
import { tempDir } from '../runtime/testSupport';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { PV_PATH_ANNOTATION } from '../volumes';
import { tarImage } from './configDisk';
import {
  dataDiskFiles,
  diskDevice,
  diskTargets,
  interfaceStatus,
  nextInterfaceName,
  planDisks,
  planInterfaces,
  sshPublicKeys,
  usesGuestAgentCredentials,
  type VolumeEntry,
} from './guestDevices';
import { placeVmi, SELECTED_NODE, selectNodeForClaims } from './scheduler';

/** Just enough of ObjectStore for the planners: get, list and put over a map. */
const fakeStore = (objects: [string, KubeObject][]) => {
  const map = new Map<string, KubeObject>();
  const key = (resource: string, ns: string | undefined, name: string) =>
    `${resource}|${ns ?? ''}|${name}`;
  for (const [resource, object] of objects)
    map.set(key(resource, object.metadata.namespace, object.metadata.name ?? ''), object);
  return {
    get: (resource: string, ns: string | undefined, name: string) =>
      map.get(key(resource, ns, name)),
    list: (resource: string, ns?: string) =>
      [...map.entries()]
        .filter(([k]) => k.startsWith(`${resource}|${ns === undefined ? '' : `${ns}|`}`))
        .map(([, v]) => v),
    put: async (resource: string, object: KubeObject) => {
      map.set(key(resource, object.metadata.namespace, object.metadata.name ?? ''), object);
      return object;
    },
  } as unknown as ObjectStore;
};

const dir = tempDir('vp-devices-');
afterAll(() => dir.remove());

const claim = (
  name: string,
  phase: string,
  extra: Partial<KubeObject> = {},
): [string, KubeObject] => [
  'core/persistentvolumeclaims',
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'ns', ...(extra.metadata ?? {}) },
    spec: {
      storageClassName: 'rbd',
      volumeMode: 'Block',
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: '1Gi' } },
      ...(phase === 'Bound' ? { volumeName: `pv-${name}` } : {}),
      ...((extra.spec as object) ?? {}),
    },
    status: { phase, ...(phase === 'Bound' ? { capacity: { storage: '1Gi' } } : {}) },
  },
];
const volume = (name: string, file: string, affinityNode?: string): [string, KubeObject] => [
  'core/persistentvolumes',
  {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: `pv-${name}`, annotations: { [PV_PATH_ANNOTATION]: file } },
    spec: affinityNode
      ? {
          nodeAffinity: {
            required: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: 'kubernetes.io/hostname', operator: 'In', values: [affinityNode] },
                  ],
                },
              ],
            },
          },
        }
      : {},
  },
];
const node = (name: string, memory = '31Gi'): [string, KubeObject] => [
  'core/nodes',
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    status: { allocatable: { memory }, conditions: [{ type: 'Ready', status: 'True' }] },
  },
];
const classes: [string, KubeObject][] = [
  [
    'storage.k8s.io/storageclasses',
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'rbd' },
      volumeBindingMode: 'Immediate',
    } as KubeObject,
  ],
  [
    'storage.k8s.io/storageclasses',
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local' },
      volumeBindingMode: 'WaitForFirstConsumer',
    } as KubeObject,
  ],
];
const vmi = (spec: object): KubeObject => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstance',
  metadata: { name: 'guest', namespace: 'ns', uid: '1234567890' },
  spec,
});

describe('guest disks from a VMI', () => {
  it('defaults buses as KubeVirt does and names targets per bus prefix', () => {
    expect(diskDevice({ name: 'a' })).toEqual({ bus: 'virtio', readOnly: false, cdrom: false });
    expect(diskDevice({ name: 'b', cdrom: {} })).toEqual({
      bus: 'sata',
      readOnly: true,
      cdrom: true,
    });
    expect(diskDevice({ name: 'c', cdrom: { bus: 'virtio' } }).bus).toBe('sata');
    expect(diskDevice({ name: 'd', lun: {} })).toEqual({
      bus: 'scsi',
      readOnly: false,
      cdrom: false,
    });
    expect(diskDevice({ name: 'e', disk: { bus: 'sata', readonly: true } })).toMatchObject({
      bus: 'sata',
      readOnly: true,
    });
    expect(diskTargets(['virtio', 'sata', 'virtio', 'scsi'])).toEqual(['vda', 'sda', 'vdb', 'sdb']);
    expect(diskTargets(Array(28).fill('virtio')).slice(25)).toEqual(['vdz', 'vdaa', 'vdab']);
  });

  it('attaches claims as their files, data volumes as tar disks, and says what it leaves out', async () => {
    const rootFile = path.join(dir.path, 'root.img');
    const boot = Buffer.alloc(4096);
    guestDiskHeader({ os: 'rhel9', name: 'RHEL 9' }).copy(boot);
    writeFileSync(rootFile, boot);
    const store = fakeStore([
      ...classes,
      claim('root', 'Bound'),
      volume('root', rootFile),
      [
        'core/secrets',
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'creds', namespace: 'ns' },
          data: { password: Buffer.from('s3cret').toString('base64') },
        },
      ],
    ]);
    const plan = await planDisks(
      store,
      vmi({
        domain: {
          devices: {
            disks: [
              { name: 'cloudinit', disk: { bus: 'virtio' } },
              { name: 'root', disk: { bus: 'virtio' }, bootOrder: 1, serial: 'ROOT1' },
              { name: 'iso', cdrom: {} },
              { name: 'creds', disk: {} },
              { name: 'sysprep', cdrom: {} },
            ],
          },
        },
        volumes: [
          { name: 'root', dataVolume: { name: 'root' } },
          {
            name: 'cloudinit',
            cloudInitNoCloud: { userData: '#cloud-config\npassword: fedora\n' },
          },
          { name: 'iso', containerDisk: { image: 'quay.io/containerdisks/fedora:41' } },
          { name: 'creds', secret: { secretName: 'creds' } },
          { name: 'sysprep', sysprep: { configMap: { name: 'x' } } },
        ],
      }),
      path.join(dir.path, 'scratch'),
    );
    expect(plan.missingClaims).toEqual([]);
    expect(plan.os).toBe('rhel9');
    expect(plan.disks.map((d) => [d.name, d.bus, d.cdrom, d.readOnly])).toEqual([
      ['cloudinit', 'virtio', false, false],
      ['root', 'virtio', false, false],
      ['iso', 'sata', true, true],
      ['creds', 'virtio', false, false],
    ]);
    expect(plan.disks[1]).toMatchObject({ path: rootFile, serial: 'ROOT1', bootOrder: 1 });
    expect(plan.volumeStatus.map((v) => [v.name, v.target])).toEqual([
      ['cloudinit', 'vda'],
      ['root', 'vdb'],
      ['iso', 'sda'],
      ['creds', 'vdc'],
    ]);
    expect(plan.volumeStatus[1]).toMatchObject({
      phase: 'Ready',
      persistentVolumeClaimInfo: {
        claimName: 'root',
        accessModes: ['ReadWriteMany'],
        volumeMode: 'Block',
        capacity: { storage: '1Gi' },
        filesystemOverhead: '0',
      },
    });
    // The cloud-init disk is a tar archive the guest can read with `tar -xf /dev/vda`.
    const cloudinit = plan.disks[0]?.path ?? '';
    expect(execFileSync('tar', ['-tf', cloudinit], { encoding: 'utf8' }).split('\n')).toEqual(
      expect.arrayContaining(['meta-data', 'user-data']),
    );
    expect(execFileSync('tar', ['-xOf', cloudinit, 'user-data'], { encoding: 'utf8' })).toContain(
      'password: fedora',
    );
    expect(
      execFileSync('tar', ['-xOf', plan.disks[3]?.path ?? '', 'password'], { encoding: 'utf8' }),
    ).toBe('s3cret');
    expect(plan.notes.join('\n')).toMatch(
      /container disk image quay.io\/containerdisks\/fedora:41 is not pulled/,
    );
    expect(plan.notes.join('\n')).toMatch(/Volume sysprep \(sysprep\) is not supported/);
  });

  it('reports a claim without a file, so the guest waits for it', async () => {
    const store = fakeStore([...classes, claim('later', 'Pending')]);
    const plan = await planDisks(
      store,
      vmi({
        domain: { devices: { disks: [{ name: 'd' }] } },
        volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'later' } }],
      }),
      path.join(dir.path, 'scratch2'),
    );
    expect(plan.missingClaims).toEqual(['later']);
    expect(plan.disks).toEqual([]);
  });

  it('writes tar images a standard tar reads', () => {
    const file = path.join(dir.path, 'x.tar');
    writeFileSync(
      file,
      tarImage(
        [
          ['a.txt', 'hello'],
          ['dir/b', Buffer.from([1, 2, 3])],
        ],
        { minBytes: 1 << 20 },
      ),
    );
    expect(readFileSync(file).length).toBe(1 << 20);
    expect(execFileSync('tar', ['-tvf', file], { encoding: 'utf8' })).toMatch(
      /a\.txt[\s\S]*dir\/b/,
    );
    expect(existsSync(file)).toBe(true);
  });
});

describe('guest NICs from a VMI', () => {
  const nad: [string, KubeObject] = [
    'k8s.cni.cncf.io/network-attachment-definitions',
    {
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: 'blue', namespace: 'ns' },
    },
  ];
  const spec = (networkName: string) => ({
    domain: {
      devices: {
        interfaces: [
          { name: 'default', masquerade: {}, macAddress: '02:7E:00:00:00:01' },
          { name: 'blue', bridge: {}, model: 'e1000e' },
        ],
      },
    },
    networks: [
      { name: 'default', pod: {} },
      { name: 'blue', multus: { networkName } },
    ],
  });

  it('puts Multus interfaces on their NAD and keeps the assigned MACs', () => {
    const plan = planInterfaces(fakeStore([nad]), vmi(spec('blue')));
    if ('error' in plan) throw new Error(plan.error);
    expect(plan.interfaces[0]).toEqual({
      name: 'default',
      mac: '02:7e:00:00:00:01',
      model: 'virtio',
      network: { pod: true },
    });
    expect(plan.interfaces[1]).toMatchObject({
      name: 'blue',
      model: 'e1000e',
      network: { multus: 'ns/blue' },
    });
    expect(plan.interfaces[1]?.mac).toMatch(/^02(:[0-9a-f]{2}){5}$/);
    expect(interfaceStatus(plan.interfaces)).toEqual([
      expect.objectContaining({
        name: 'default',
        interfaceName: 'eth0',
        mac: '02:7e:00:00:00:01',
        ipAddress: '10.0.2.15',
      }),
      expect.not.objectContaining({ ipAddress: expect.anything() }),
    ]);
    const withNamespace = planInterfaces(fakeStore([nad]), vmi(spec('ns/blue')));
    expect('interfaces' in withNamespace && withNamespace.interfaces[1]?.network).toEqual({
      multus: 'ns/blue',
    });
  });

  it('fails a missing NetworkAttachmentDefinition, and gives a VMI without NICs the pod one', () => {
    expect(planInterfaces(fakeStore([]), vmi(spec('other/red')))).toEqual({
      error: 'failed to locate network attachment definition other/red',
      network: 'other/red',
    });
    const plain = planInterfaces(fakeStore([]), vmi({ domain: { devices: {} } }));
    expect('interfaces' in plain && plain.interfaces.map((i) => i.name)).toEqual(['default']);
  });
});

describe('scheduling with volumes', () => {
  const withClaim = (claimName: string) => ({
    domain: { memory: { guest: '1Gi' } },
    volumes: [{ name: 'd', persistentVolumeClaim: { claimName } }],
  });

  it('goes to the node of a local volume, and names the conflict when that node is full', () => {
    const store = fakeStore([
      ...classes,
      node('a'),
      node('b'),
      node('c', '512Mi'),
      claim('local', 'Bound'),
      volume('local', '/x', 'b'),
    ]);
    expect(placeVmi(store, 'ns', withClaim('local'))).toEqual({ node: 'b' });
    const full = fakeStore([
      ...classes,
      node('a'),
      node('b', '512Mi'),
      node('c'),
      claim('local', 'Bound'),
      volume('local', '/x', 'b'),
    ]);
    expect(placeVmi(full, 'ns', withClaim('local'))).toEqual({
      message:
        '0/3 nodes are available: 1 Insufficient memory, 2 node(s) had volume node affinity conflict.',
    });
  });

  it('marks Pending WaitForFirstConsumer claims with the selected node, and then keeps to it', async () => {
    const store = fakeStore([
      ...classes,
      node('a'),
      node('b'),
      claim('wffc', 'Pending', { spec: { storageClassName: 'local' } } as Partial<KubeObject>),
      claim('immediate', 'Pending'),
    ]);
    expect(await selectNodeForClaims(store, 'ns', ['wffc', 'immediate'], 'b')).toEqual(['wffc']);
    expect(
      store.get('core/persistentvolumeclaims', 'ns', 'wffc')?.metadata.annotations?.[SELECTED_NODE],
    ).toBe('b');
    expect(
      store.get('core/persistentvolumeclaims', 'ns', 'immediate')?.metadata.annotations,
    ).toBeUndefined();
    expect(placeVmi(store, 'ns', withClaim('wffc'))).toEqual({ node: 'b' });
  });
});

describe('access credentials and live devices', () => {
  const secret = (name: string, data: Record<string, string>): [string, KubeObject] => [
    'core/secrets',
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: 'ns' },
      data: Object.fromEntries(
        Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
    },
  ];
  const credential = (secretName: string, propagationMethod: object) => ({
    sshPublicKey: { source: { secret: { secretName } }, propagationMethod },
  });

  it('puts the SSH keys of noCloud credentials in the meta-data, one per line of every value', () => {
    const store = fakeStore([
      secret('keys', { b: 'ssh-rsa BBB b@x\n', a: 'ssh-ed25519 AAA a@x\nssh-rsa CCC c@x' }),
      secret('agent', { k: 'ssh-rsa AGENT' }),
    ]);
    const spec = {
      domain: { devices: { disks: [{ name: 'cloudinitdisk' }] } },
      hostname: 'web-1',
      volumes: [{ name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config\n' } }],
      accessCredentials: [
        credential('keys', { noCloud: {} }),
        credential('agent', { qemuGuestAgent: { users: ['fedora'] } }),
      ],
    };
    expect(sshPublicKeys(store, vmi(spec), 'noCloud')).toEqual([
      'ssh-ed25519 AAA a@x',
      'ssh-rsa CCC c@x',
      'ssh-rsa BBB b@x',
    ]);
    const files = new Map(dataDiskFiles(store, vmi(spec), spec.volumes[0] as VolumeEntry));
    expect(JSON.parse(String(files.get('meta-data')))).toEqual({
      'instance-id': `${vmi(spec).metadata.name}.ns`,
      'local-hostname': 'web-1',
      'public-keys': { '0': 'ssh-ed25519 AAA a@x', '1': 'ssh-rsa CCC c@x', '2': 'ssh-rsa BBB b@x' },
    });
    expect(String(files.get('user-data'))).toBe('#cloud-config\n');
    expect(usesGuestAgentCredentials(vmi(spec))).toBe(true);
    // ConfigDrive credentials go to the ConfigDrive meta-data only.
    const drive = {
      ...spec,
      volumes: [{ name: 'cloudinitdisk', cloudInitConfigDrive: { userData: '#cloud-config\n' } }],
      accessCredentials: [credential('keys', { configDrive: {} })],
    };
    const driveFiles = new Map(dataDiskFiles(store, vmi(drive), drive.volumes[0] as VolumeEntry));
    expect(JSON.parse(String(driveFiles.get('openstack/latest/meta_data.json')))).toMatchObject({
      hostname: 'web-1',
      public_keys: { '0': 'ssh-ed25519 AAA a@x' },
    });
    expect(usesGuestAgentCredentials(vmi(drive))).toBe(false);
  });

  it('plans interfaces with state down with their link down, and names new NICs', () => {
    const plan = planInterfaces(
      fakeStore([]),
      vmi({
        domain: {
          devices: { interfaces: [{ name: 'default', masquerade: {}, state: 'down' }] },
        },
        networks: [{ name: 'default', pod: {} }],
      }),
    );
    if ('error' in plan) throw new Error(plan.error);
    expect(plan.interfaces[0]?.linkDown).toBe(true);
    expect(interfaceStatus(plan.interfaces)[0]?.linkState).toBe('down');
    expect(nextInterfaceName([{ name: 'a', interfaceName: 'eth0' }])).toBe('eth1');
    expect(
      nextInterfaceName([
        { name: 'a', interfaceName: 'eth0' },
        { name: 'c', interfaceName: 'eth2' },
      ]),
    ).toBe('eth1');
  });

  it('keeps a persistent hot-plug a hot-plug when the VM starts with it', async () => {
    const file = path.join(dir.path, 'hot.img');
    writeFileSync(file, Buffer.alloc(4096));
    const store = fakeStore([...classes, claim('hot', 'Bound'), volume('hot', file, 'a')]);
    const plan = await planDisks(
      store,
      vmi({
        domain: { devices: { disks: [{ name: 'hot', disk: { bus: 'scsi' } }] } },
        volumes: [{ name: 'hot', persistentVolumeClaim: { claimName: 'hot', hotpluggable: true } }],
      }),
      path.join(dir.path, 'scratch-hot'),
    );
    expect(plan.volumeStatus[0]).toMatchObject({
      name: 'hot',
      target: 'sda',
      hotplugVolume: { attachPodName: expect.stringMatching(/^hp-volume-/) },
    });
  });
});
