// The devices a VMI's guest gets, from its spec as virt-launcher would build the domain: disks
// (claims' files, small data disks, scratch images) with their buses and `vda`/`sda` targets,
// and NICs (pod network or a Multus network's segment) with their MACs. Also what virt-handler
// reports of them: `status.volumeStatus` and `status.interfaces`.
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readGuestDiskLabel } from '../guestDisk';
import { normalizeMac, stableMac } from '../network/macPool';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { claimFile, copyVolumeFile, quantityBytes } from '../volumes';
import { tarImage } from './configDisk';
import { PVCS, storageClassOf } from './scheduler';
import type { GuestDisk, GuestInterface } from './vmRuntime';

export const NADS = 'k8s.cni.cncf.io/network-attachment-definitions';
const SECRETS = 'core/secrets';
const CONFIGMAPS = 'core/configmaps';
const CDI_CONFIGS = 'cdi.kubevirt.io/cdiconfigs';
/** CDI's default filesystem overhead for Filesystem-mode claims. */
const DEFAULT_FS_OVERHEAD = '0.06';

type Bus = GuestDisk['bus'];

export interface DiskEntry {
  name: string;
  disk?: { bus?: string; readonly?: boolean };
  cdrom?: { bus?: string; readonly?: boolean };
  lun?: { bus?: string; readonly?: boolean };
  bootOrder?: number;
  serial?: string;
}

export interface VolumeEntry {
  name: string;
  persistentVolumeClaim?: { claimName?: string; readOnly?: boolean; hotpluggable?: boolean };
  dataVolume?: { name?: string; hotpluggable?: boolean };
  ephemeral?: { persistentVolumeClaim?: { claimName?: string } };
  containerDisk?: { image?: string };
  emptyDisk?: { capacity?: string };
  hostDisk?: { path?: string; type?: string; capacity?: string };
  cloudInitNoCloud?: CloudInit;
  cloudInitConfigDrive?: CloudInit;
  secret?: { secretName?: string };
  configMap?: { name?: string };
  serviceAccount?: { serviceAccountName?: string };
  sysprep?: object;
  downwardAPI?: object;
  downwardMetrics?: object;
  memoryDump?: object;
}

interface CloudInit {
  userData?: string;
  userDataBase64?: string;
  secretRef?: { name?: string };
  networkData?: string;
  networkDataBase64?: string;
  networkDataSecretRef?: { name?: string };
}

interface VmiSpec {
  domain?: {
    devices?: {
      disks?: DiskEntry[];
      interfaces?: InterfaceEntry[];
      autoattachPodInterface?: boolean;
    };
  };
  volumes?: VolumeEntry[];
  networks?: NetworkEntry[];
}

const specOf = (vmi: KubeObject) => (vmi.spec ?? {}) as VmiSpec;
const BUSES = new Set<Bus>(['virtio', 'sata', 'scsi']);

/** A disk's bus and kind as KubeVirt defaults them: disk virtio, cdrom sata (read-only), lun scsi. */
export const diskDevice = (entry: DiskEntry): { bus: Bus; readOnly: boolean; cdrom: boolean } => {
  const pick = (bus: string | undefined, fallback: Bus): Bus =>
    bus === 'usb' ? 'scsi' : BUSES.has(bus as Bus) ? (bus as Bus) : fallback;
  if (entry.cdrom) {
    const bus = pick(entry.cdrom.bus, 'sata');
    return {
      bus: bus === 'virtio' ? 'sata' : bus,
      readOnly: entry.cdrom.readonly ?? true,
      cdrom: true,
    };
  }
  if (entry.lun) return { bus: 'scsi', readOnly: entry.lun.readonly ?? false, cdrom: false };
  return {
    bus: pick(entry.disk?.bus, 'virtio'),
    readOnly: entry.disk?.readonly ?? false,
    cdrom: false,
  };
};

/** `vda`, `vdb`… for virtio; `sda`… for SATA and SCSI (they share the `sd` names). */
export const diskTargets = (buses: Bus[]): string[] => {
  const counters = new Map<string, number>();
  const letters = (index: number): string =>
    index < 26
      ? String.fromCharCode(97 + index)
      : letters(Math.floor(index / 26) - 1) + String.fromCharCode(97 + (index % 26));
  return buses.map((bus) => {
    const prefix = bus === 'virtio' ? 'vd' : 'sd';
    const index = counters.get(prefix) ?? 0;
    counters.set(prefix, index + 1);
    return prefix + letters(index);
  });
};

/** The claim a volume's data lives in, for the volume kinds that have one. */
export const volumeClaim = (volume: VolumeEntry): string | undefined =>
  volume.persistentVolumeClaim?.claimName ??
  volume.dataVolume?.name ??
  volume.ephemeral?.persistentVolumeClaim?.claimName;

const volumeKind = (volume: VolumeEntry): string =>
  Object.keys(volume).find((key) => key !== 'name') ?? 'unknown';

const decode = (value: string | undefined) =>
  value === undefined ? undefined : Buffer.from(value, 'base64');

export interface DiskPlan {
  disks: GuestDisk[];
  volumeStatus: Record<string, unknown>[];
  /** The boot disk's OS label, when its image carries one. */
  os?: string;
  /** Volumes attached without their data, or not at all, and why (for events). */
  notes: string[];
  /** Claims whose file is not there yet (left out of `disks`): a real guest cannot start. */
  missingClaims: string[];
}

const writeDataFile = async (file: string, data: Buffer) => {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, data);
};

const sparseFile = async (file: string, bytes: number) => {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'w');
  try {
    await handle.truncate(bytes);
  } finally {
    await handle.close();
  }
};

const ensureSparseFile = async (file: string, bytes: number) => {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'a');
  try {
    if ((await handle.stat()).size < bytes) await handle.truncate(bytes);
  } finally {
    await handle.close();
  }
};

/** Where a VMI's own small disks go (removed with the VMI). */
export const scratchDirFor = (root: string, vmi: KubeObject) =>
  path.join(
    root,
    vmi.metadata.namespace ?? 'default',
    `${vmi.metadata.name ?? 'vmi'}-${(vmi.metadata.uid ?? '').slice(0, 8)}`,
  );

export const removeScratch = (root: string, vmi: KubeObject) =>
  rm(scratchDirFor(root, vmi), { recursive: true, force: true });

/** The claim's details for `volumeStatus[].persistentVolumeClaimInfo`. */
const claimInfo = (store: ObjectStore, namespace: string, claimName: string) => {
  const claim = store.get(PVCS, namespace, claimName);
  const spec = (claim?.spec ?? {}) as {
    accessModes?: string[];
    volumeMode?: string;
    resources?: { requests?: Record<string, string> };
  };
  const status = (claim?.status ?? {}) as {
    capacity?: Record<string, string>;
    accessModes?: string[];
  };
  const volumeMode = spec.volumeMode ?? 'Filesystem';
  let filesystemOverhead = '0';
  if (volumeMode === 'Filesystem') {
    const overhead = (
      store.get(CDI_CONFIGS, undefined, 'config')?.status as
        | { filesystemOverhead?: { global?: string; storageClass?: Record<string, string> } }
        | undefined
    )?.filesystemOverhead;
    const className = claim ? storageClassOf(store, claim)?.metadata.name : undefined;
    filesystemOverhead =
      (className ? overhead?.storageClass?.[className] : undefined) ??
      overhead?.global ??
      DEFAULT_FS_OVERHEAD;
  }
  return {
    claimName,
    accessModes: status.accessModes ?? spec.accessModes ?? ['ReadWriteOnce'],
    volumeMode,
    capacity: status.capacity ?? spec.resources?.requests ?? {},
    requests: spec.resources?.requests ?? {},
    filesystemOverhead,
  };
};

/**
 * The disks of a VMI in its disk order, each with the file the guest sees. Claims resolve to
 * their bound volume's file; data volumes (cloud-init, Secret, ConfigMap) become small tar
 * disks and `emptyDisk`/`containerDisk` sparse scratch images in `scratchDir`; volumes the
 * embedded cluster cannot give (sysprep, service account, downward API…) are left out with a
 * note. Hot-plugged volumes (with a hot-plug entry in `volumeStatus`) are the hot-plug's.
 */
export const planDisks = async (
  store: ObjectStore,
  vmi: KubeObject,
  scratchDir: string,
): Promise<DiskPlan> => {
  const namespace = vmi.metadata.namespace ?? '';
  const spec = specOf(vmi);
  const hotplugged = new Set(
    (
      ((vmi.status as { volumeStatus?: { name: string; hotplugVolume?: object }[] } | undefined)
        ?.volumeStatus ?? []) as { name: string; hotplugVolume?: object }[]
    )
      .filter((v) => v.hotplugVolume)
      .map((v) => v.name),
  );
  const volumes = new Map((spec.volumes ?? []).map((v) => [v.name, v]));
  const plan: DiskPlan = { disks: [], volumeStatus: [], notes: [], missingClaims: [] };
  const infos = new Map<string, Record<string, unknown>>();
  const pending: {
    entry: DiskEntry;
    volume: VolumeEntry;
    file: string;
    size?: number;
    claim?: string;
  }[] = [];
  for (const entry of spec.domain?.devices?.disks ?? []) {
    const volume = volumes.get(entry.name);
    if (!volume || hotplugged.has(entry.name)) continue;
    const claim = volumeClaim(volume);
    const scratch = path.join(scratchDir, `${entry.name}.img`);
    if (claim) {
      const file = claimFile(store, namespace, claim);
      if (!file) {
        plan.missingClaims.push(claim);
        continue;
      }
      if (volume.ephemeral) {
        // Writes to an ephemeral volume are thrown away: the guest writes to a copy.
        await copyVolumeFile(file, scratch);
        pending.push({ entry, volume, file: scratch, claim });
      } else pending.push({ entry, volume, file, claim });
      infos.set(entry.name, claimInfo(store, namespace, claim));
      continue;
    }
    const data = dataDiskFiles(store, vmi, volume);
    if (data) {
      const image = tarImage(data, { minBytes: 1024 * 1024 });
      await writeDataFile(scratch, image);
      pending.push({ entry, volume, file: scratch, size: image.length });
      continue;
    }
    if (volume.emptyDisk || volume.containerDisk) {
      // An empty disk of its capacity; a container disk's image is not pulled here, so the
      // guest gets an empty scratch disk in its place (and its OS from the VM's labels).
      const bytes = quantityBytes(volume.emptyDisk?.capacity ?? '1Gi') ?? 2 ** 30;
      await sparseFile(scratch, bytes);
      pending.push({ entry, volume, file: scratch, size: bytes });
      if (volume.containerDisk)
        plan.notes.push(
          `Volume ${entry.name}: the container disk image ${volume.containerDisk.image ?? ''} is not pulled in the embedded cluster; the guest gets an empty scratch disk in its place.`,
        );
      continue;
    }
    if (volume.hostDisk?.path) {
      const bytes = quantityBytes(volume.hostDisk.capacity ?? '1Gi') ?? 2 ** 30;
      if (volume.hostDisk.type === 'DiskOrCreate')
        await ensureSparseFile(volume.hostDisk.path, bytes);
      pending.push({ entry, volume, file: volume.hostDisk.path });
      continue;
    }
    plan.notes.push(
      `Volume ${entry.name} (${volumeKind(volume)}) is not supported by the embedded cluster yet; the guest starts without it.`,
    );
  }
  const devices = pending.map(({ entry }) => diskDevice(entry));
  const targets = diskTargets(devices.map((d) => d.bus));
  pending.forEach(({ entry, volume, file, size }, index) => {
    const device = devices[index] ?? diskDevice(entry);
    const readOnly = device.readOnly || volume.persistentVolumeClaim?.readOnly === true;
    plan.disks.push({
      name: entry.name,
      path: file,
      bus: device.bus,
      readOnly,
      cdrom: device.cdrom,
      ...(entry.serial ? { serial: entry.serial } : {}),
      ...(entry.bootOrder !== undefined ? { bootOrder: entry.bootOrder } : {}),
    });
    const info = infos.get(entry.name);
    // A persistent hot-plug (a hot-pluggable volume in the VM's template) stays a hot-plug
    // after a restart: it can be detached while the guest runs.
    const hotpluggable =
      volume.persistentVolumeClaim?.hotpluggable === true ||
      volume.dataVolume?.hotpluggable === true;
    plan.volumeStatus.push({
      name: entry.name,
      target: targets[index] ?? '',
      phase: 'Ready',
      reason: 'VolumeReady',
      ...(hotpluggable
        ? {
            message: 'Successfully attach hotplugged volume',
            hotplugVolume: { attachPodName: `hp-volume-${vmi.metadata.name ?? ''}` },
          }
        : {}),
      ...(info ? { persistentVolumeClaimInfo: info } : {}),
      ...(size !== undefined && !info ? { size } : {}),
    });
  });
  const boot =
    [...plan.disks]
      .filter((d) => d.bootOrder !== undefined)
      .sort((a, b) => (a.bootOrder ?? 0) - (b.bootOrder ?? 0))[0] ?? plan.disks[0];
  if (boot) plan.os = (await readGuestDiskLabel(boot.path))?.os;
  return plan;
};

interface AccessCredential {
  sshPublicKey?: {
    source?: { secret?: { secretName?: string } };
    propagationMethod?: { noCloud?: object; configDrive?: object; qemuGuestAgent?: object };
  };
  userPassword?: { propagationMethod?: { qemuGuestAgent?: object } };
}

const accessCredentialsOf = (vmi: KubeObject) =>
  ((vmi.spec as { accessCredentials?: AccessCredential[] } | undefined)?.accessCredentials ??
    []) as AccessCredential[];

/**
 * The SSH public keys `accessCredentials` propagate through the cloud-init disk (`noCloud` or
 * `configDrive`): every value of each Secret, in key order, one key per line. A missing
 * Secret gives none (the VM still starts, as in KubeVirt).
 */
export const sshPublicKeys = (
  store: ObjectStore,
  vmi: KubeObject,
  method: 'noCloud' | 'configDrive',
): string[] => {
  const keys: string[] = [];
  for (const credential of accessCredentialsOf(vmi)) {
    const ssh = credential.sshPublicKey;
    if (!ssh?.propagationMethod?.[method]) continue;
    const secret = store.get(SECRETS, vmi.metadata.namespace, ssh.source?.secret?.secretName ?? '');
    const data = (secret?.data ?? {}) as Record<string, string>;
    for (const key of Object.keys(data).sort()) {
      const text = Buffer.from(data[key] ?? '', 'base64').toString('utf8');
      for (const line of text.split(/\r?\n/)) if (line.trim()) keys.push(line.trim());
    }
  }
  return keys;
};

/** Whether the VMI asks for credentials through the guest agent (which this guest lacks). */
export const usesGuestAgentCredentials = (vmi: KubeObject): boolean =>
  accessCredentialsOf(vmi).some(
    (c) =>
      !!c.sshPublicKey?.propagationMethod?.qemuGuestAgent ||
      !!c.userPassword?.propagationMethod?.qemuGuestAgent,
  );

/** The files of a data volume (cloud-init, Secret, ConfigMap), or undefined for other kinds. */
export const dataDiskFiles = (
  store: ObjectStore,
  vmi: KubeObject,
  volume: VolumeEntry,
): [string, Buffer | string][] | undefined => {
  const namespace = vmi.metadata.namespace ?? '';
  const secretData = (name: string | undefined) =>
    (store.get(SECRETS, namespace, name ?? '')?.data ?? {}) as Record<string, string>;
  const cloudInit = volume.cloudInitNoCloud ?? volume.cloudInitConfigDrive;
  if (cloudInit) {
    const fromSecret = (name: string | undefined, ...keys: string[]) => {
      const data = secretData(name);
      for (const key of keys) if (data[key] !== undefined) return decode(data[key]);
      return undefined;
    };
    const userData =
      decode(cloudInit.userDataBase64) ??
      (cloudInit.userData !== undefined ? Buffer.from(cloudInit.userData) : undefined) ??
      fromSecret(cloudInit.secretRef?.name, 'userdata', 'userData') ??
      Buffer.alloc(0);
    const networkData =
      decode(cloudInit.networkDataBase64) ??
      (cloudInit.networkData !== undefined ? Buffer.from(cloudInit.networkData) : undefined) ??
      fromSecret(cloudInit.networkDataSecretRef?.name, 'networkdata', 'networkData');
    const name = vmi.metadata.name ?? '';
    const hostname = (vmi.spec as { hostname?: string } | undefined)?.hostname || name;
    const instance = `${name}.${namespace}`;
    const keys = sshPublicKeys(store, vmi, volume.cloudInitNoCloud ? 'noCloud' : 'configDrive');
    const publicKeys = keys.length
      ? Object.fromEntries(keys.map((key, index) => [String(index), key]))
      : undefined;
    // The meta-data is JSON, as KubeVirt writes it; SSH keys of `accessCredentials` are its
    // `public-keys` (cloud-init gives them to the default user).
    const files: [string, Buffer | string][] = volume.cloudInitNoCloud
      ? [
          [
            'meta-data',
            `${JSON.stringify({
              'instance-id': instance,
              'local-hostname': hostname,
              ...(publicKeys ? { 'public-keys': publicKeys } : {}),
            })}\n`,
          ],
          ['user-data', userData],
        ]
      : [
          [
            'openstack/latest/meta_data.json',
            JSON.stringify({
              instance_id: instance,
              hostname,
              uuid: vmi.metadata.uid ?? instance,
              ...(publicKeys ? { public_keys: publicKeys } : {}),
            }),
          ],
          ['openstack/latest/user_data', userData],
        ];
    if (networkData)
      files.push([
        volume.cloudInitNoCloud ? 'network-config' : 'openstack/latest/network_data.json',
        networkData,
      ]);
    return files;
  }
  if (volume.secret) {
    return Object.entries(secretData(volume.secret.secretName)).map(([key, value]) => [
      key,
      Buffer.from(value, 'base64'),
    ]);
  }
  if (volume.configMap) {
    const map = store.get(CONFIGMAPS, namespace, volume.configMap.name ?? '');
    const data = (map?.data ?? {}) as Record<string, string>;
    const binary = (map?.binaryData ?? {}) as Record<string, string>;
    return [
      ...Object.entries(data).map(([k, v]): [string, string] => [k, v]),
      ...Object.entries(binary).map(([k, v]): [string, Buffer] => [k, Buffer.from(v, 'base64')]),
    ];
  }
  return undefined;
};

// ---- interfaces -----------------------------------------------------------------------------

export interface InterfaceEntry {
  name: string;
  macAddress?: string;
  model?: string;
  masquerade?: object;
  bridge?: object;
  sriov?: object;
  state?: string;
}

export interface NetworkEntry {
  name: string;
  pod?: object;
  multus?: { networkName?: string; default?: boolean };
}

const MODELS = new Set<GuestInterface['model']>(['virtio', 'e1000', 'e1000e', 'rtl8139']);

/** `ns/name` of a Multus network name (`name` alone is in the VMI's namespace). */
export const nadKey = (networkName: string, namespace: string): string =>
  networkName.includes('/') ? networkName : `${namespace}/${networkName}`;

export type InterfacePlan = { interfaces: GuestInterface[] } | { error: string; network: string };

/** One VMI interface as a guest NIC, or why it cannot be made (its NAD is missing). */
export const planInterface = (
  store: ObjectStore,
  vmi: KubeObject,
  entry: InterfaceEntry,
  networks: NetworkEntry[],
): GuestInterface | { error: string; network: string } => {
  const namespace = vmi.metadata.namespace ?? '';
  const network = networks.find((n) => n.name === entry.name);
  const model = MODELS.has(entry.model as GuestInterface['model'])
    ? (entry.model as GuestInterface['model'])
    : 'virtio';
  const mac =
    normalizeMac(entry.macAddress) ?? stableMac(`${vmi.metadata.uid ?? ''}/${entry.name}`);
  const link = entry.state === 'down' ? { linkDown: true } : {};
  if (network?.multus?.networkName) {
    const key = nadKey(network.multus.networkName, namespace);
    const [nadNamespace = '', nadName = ''] = key.split('/');
    if (!store.get(NADS, nadNamespace, nadName))
      return { error: `failed to locate network attachment definition ${key}`, network: key };
    return { name: entry.name, mac, model, network: { multus: key }, ...link };
  }
  return { name: entry.name, mac, model, network: { pod: true }, ...link };
};

/** A VMI's interfaces and networks, with the default pod NIC KubeVirt adds when it has none. */
export const interfaceEntries = (
  vmi: KubeObject,
): { entries: InterfaceEntry[]; networks: NetworkEntry[] } => {
  const spec = specOf(vmi);
  const entries = spec.domain?.devices?.interfaces ?? [];
  const networks = spec.networks ?? [];
  if (!entries.length && !networks.length && spec.domain?.devices?.autoattachPodInterface !== false)
    return {
      entries: [{ name: 'default', masquerade: {} }],
      networks: [{ name: 'default', pod: {} }],
    };
  return { entries, networks };
};

/**
 * The NICs of a VMI in interface order: pod network or a Multus network, whose
 * NetworkAttachmentDefinition must exist (else the error virt-controller reports). A VMI
 * without interfaces gets the default pod NIC, as KubeVirt adds it. Interfaces with
 * `state: absent` are left out; `state: down` ones come with their link down.
 */
export const planInterfaces = (store: ObjectStore, vmi: KubeObject): InterfacePlan => {
  const { entries, networks } = interfaceEntries(vmi);
  const interfaces: GuestInterface[] = [];
  for (const entry of entries.filter((i) => i.state !== 'absent')) {
    const nic = planInterface(store, vmi, entry, networks);
    if ('error' in nic) return nic;
    interfaces.push(nic);
  }
  return { interfaces };
};

/** One entry of `status.interfaces`. */
export interface InterfaceStatus {
  name: string;
  interfaceName?: string;
  mac?: string;
  ipAddress?: string;
  ipAddresses?: string[];
  infoSource?: string;
  queueCount?: number;
  linkState?: 'up' | 'down';
}

/** The status entry of a NIC the guest names `interfaceName`. */
export const nicStatus = (
  nic: GuestInterface,
  interfaceName: string,
  podAddress = false,
): InterfaceStatus => {
  const pod = 'pod' in nic.network;
  return {
    name: nic.name,
    interfaceName,
    mac: nic.mac,
    ...(podAddress ? { ipAddress: '10.0.2.15', ipAddresses: ['10.0.2.15'] } : {}),
    infoSource: pod ? 'domain, guest-agent' : 'domain, multus-status',
    queueCount: 1,
    linkState: nic.linkDown ? 'down' : 'up',
  };
};

/** `status.interfaces` for the guest's NICs: the pod NIC has the user-mode network's address. */
export const interfaceStatus = (interfaces: GuestInterface[]): InterfaceStatus[] => {
  let podAddressGiven = false;
  return interfaces.map((nic, index) => {
    const withAddress = 'pod' in nic.network && !podAddressGiven;
    if (withAddress) podAddressGiven = true;
    return nicStatus(nic, `eth${index}`, withAddress);
  });
};

/** The name the guest kernel gives a new NIC: the lowest ethN no NIC has. */
export const nextInterfaceName = (statuses: InterfaceStatus[]): string => {
  const taken = new Set(statuses.map((s) => s.interfaceName));
  let index = 0;
  while (taken.has(`eth${index}`)) index++;
  return `eth${index}`;
};
