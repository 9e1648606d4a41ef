import type { JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import { DEVICES, setAt, TEMPLATE_SPEC } from '../editor/vmPatch';
import { decodeBase64 } from './base64';

type Spec = NonNullable<NonNullable<VirtualMachine['spec']>['template']>['spec'];
export type Volume = NonNullable<NonNullable<Spec>['volumes']>[number];
export type Disk = NonNullable<
  NonNullable<NonNullable<Spec>['domain']['devices']>['disks']
>[number];

export type CloudInitKind = 'cloudInitNoCloud' | 'cloudInitConfigDrive';

/** The VM's cloud-init volume, its data decoded, and what the form may not change. */
export interface CloudInitState {
  volumeName: string;
  kind: CloudInitKind;
  /** The user data as text (from `userData` or `userDataBase64`); undefined when in a Secret. */
  userData?: string;
  /** `secretRef`: the user data lives in this Secret, read-only here. */
  userDataSecret?: string;
  networkData?: string;
  /** `networkDataSecretRef`: the network data lives in this Secret, read-only here. */
  networkDataSecret?: string;
  /** A `*Base64` field that does not decode: shown as an error, not overwritten blindly. */
  undecodable?: boolean;
}

const volumesOf = (vm: VirtualMachine): Volume[] => vm.spec?.template?.spec?.volumes ?? [];
const disksOf = (vm: VirtualMachine): Disk[] =>
  vm.spec?.template?.spec?.domain?.devices?.disks ?? [];

export const cloudInitVolumeOf = (vm: VirtualMachine): Volume | undefined =>
  volumesOf(vm).find((volume) => volume.cloudInitNoCloud || volume.cloudInitConfigDrive);

export const cloudInitOf = (vm: VirtualMachine): CloudInitState | undefined => {
  const volume = cloudInitVolumeOf(vm);
  if (!volume) return undefined;
  const kind: CloudInitKind = volume.cloudInitNoCloud ? 'cloudInitNoCloud' : 'cloudInitConfigDrive';
  const source = volume[kind] ?? {};
  const decoded = (text?: string, base64?: string) =>
    text ?? (base64 !== undefined ? decodeBase64(base64) : undefined);
  const userData = decoded(source.userData, source.userDataBase64);
  const networkData = decoded(source.networkData, source.networkDataBase64);
  return {
    volumeName: volume.name,
    kind,
    userData: source.secretRef ? undefined : (userData ?? ''),
    userDataSecret: source.secretRef?.name,
    networkData: source.networkDataSecretRef ? undefined : networkData,
    networkDataSecret: source.networkDataSecretRef?.name,
    undecodable:
      (source.userDataBase64 !== undefined && userData === undefined) ||
      (source.networkDataBase64 !== undefined && networkData === undefined),
  };
};

/** A volume and disk name not used by the VM yet: `base`, `base-2`, … */
export const freeDeviceName = (vm: VirtualMachine, base: string): string => {
  const taken = new Set([...volumesOf(vm), ...disksOf(vm)].map((item) => item.name));
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return name;
};

export const CLOUD_INIT_DISK = 'cloudinitdisk';

export interface CloudInitChange {
  userData: string;
  /** Undefined keeps the network data as it is; '' removes it. */
  networkData?: string;
}

/**
 * Writes user data (and network data) as plain `userData`/`networkData`, in place of the
 * `*Base64` fields; a VM without cloud-init gets a `cloudinitdisk` (virtio) with a NoCloud volume.
 * Whole arrays are replaced, so the patch's `test` refuses a VM changed meanwhile.
 */
export const writeCloudInitOps = (vm: VirtualMachine, change: CloudInitChange): JsonPatchOp[] => {
  const volumes = volumesOf(vm);
  const current = cloudInitVolumeOf(vm);
  const name = current?.name ?? freeDeviceName(vm, CLOUD_INIT_DISK);
  const kind: CloudInitKind = current?.cloudInitConfigDrive
    ? 'cloudInitConfigDrive'
    : 'cloudInitNoCloud';
  const { userData: _userData, userDataBase64: _userDataBase64, ...kept } = current?.[kind] ?? {};
  const source: Record<string, unknown> = { ...kept, userData: change.userData };
  if (change.networkData !== undefined) {
    delete source.networkData;
    delete source.networkDataBase64;
    if (change.networkData.trim()) source.networkData = change.networkData;
  }
  const volume = { name, [kind]: source } as Volume;
  const nextVolumes = current
    ? volumes.map((item) => (item === current ? volume : item))
    : [...volumes, volume];
  const ops = setAt(vm, [...TEMPLATE_SPEC, 'volumes'], nextVolumes);
  const disks = disksOf(vm);
  if (!disks.some((disk) => disk.name === name))
    ops.push(...setAt(vm, [...DEVICES, 'disks'], [...disks, { name, disk: { bus: 'virtio' } }]));
  return ops;
};
