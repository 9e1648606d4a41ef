import type {
  DataVolume,
  PersistentVolumeClaim,
  VirtualMachine,
  VirtualMachineInstance,
} from '../../../../../api/types';
import {
  busOf,
  claimNameOf,
  driveOf,
  isHotpluggable,
  type DataVolumeTemplate,
  type Disk,
  type Drive,
  type Volume,
} from './diskTypes';

/** What backs a disk. */
export type SourceKind =
  | 'dataVolume'
  | 'persistentVolumeClaim'
  | 'containerDisk'
  | 'cloudInit'
  | 'emptyDisk'
  | 'ephemeral'
  | 'configMap'
  | 'secret'
  | 'serviceAccount'
  | 'sysprep'
  | 'downwardMetrics'
  | 'none'
  | 'other';

/**
 * `none`: an ordinary disk of the VM. `vmi-only`: hot-plugged into the running guest only, gone
 * when it stops. `persistent`: a hot-pluggable volume kept in the VM.
 */
export type HotplugState = 'none' | 'vmi-only' | 'persistent';

export interface DiskRow {
  name: string;
  disk: Disk;
  volume?: Volume;
  drive: Drive;
  bus: string;
  source: { kind: SourceKind; name?: string };
  /** The PVC behind the disk (a DataVolume's claim has the DataVolume's name). */
  claimName?: string;
  claim?: PersistentVolumeClaim;
  dataVolumeName?: string;
  /** The VM's `dataVolumeTemplates` entry that creates the DataVolume. */
  dataVolumeTemplate?: DataVolumeTemplate;
  /** The claim's capacity, else what was requested. */
  size?: string;
  /** The claim's capacity now (else its request): what Expand starts from. */
  capacity?: string;
  storageClass?: string;
  bootDisk: boolean;
  hotplug: HotplugState;
  /** In the VM but not in the running guest: it appears after a restart. */
  pendingRestart: boolean;
}

type Requests = Record<string, string> | undefined;
const storageRequest = (spec?: {
  storage?: { resources?: { requests?: object } };
  pvc?: { resources?: { requests?: object } };
}): string | undefined =>
  (spec?.storage?.resources?.requests as Requests)?.storage ??
  (spec?.pvc?.resources?.requests as Requests)?.storage;

/** A claim's capacity, else its request. */
export const claimCapacity = (claim?: PersistentVolumeClaim): string | undefined =>
  (claim?.status?.capacity as Requests)?.storage ??
  (claim?.spec?.resources?.requests as Requests)?.storage;

export const sourceOf = (volume?: Volume): DiskRow['source'] => {
  if (!volume) return { kind: 'none' };
  if (volume.dataVolume) return { kind: 'dataVolume', name: volume.dataVolume.name };
  if (volume.persistentVolumeClaim)
    return { kind: 'persistentVolumeClaim', name: volume.persistentVolumeClaim.claimName };
  if (volume.containerDisk) return { kind: 'containerDisk', name: volume.containerDisk.image };
  if (volume.cloudInitNoCloud || volume.cloudInitConfigDrive) return { kind: 'cloudInit' };
  if (volume.emptyDisk) return { kind: 'emptyDisk' };
  if (volume.ephemeral)
    return { kind: 'ephemeral', name: volume.ephemeral.persistentVolumeClaim?.claimName };
  if (volume.configMap) return { kind: 'configMap', name: volume.configMap.name };
  if (volume.secret) return { kind: 'secret', name: volume.secret.secretName };
  if (volume.serviceAccount)
    return { kind: 'serviceAccount', name: volume.serviceAccount.serviceAccountName };
  if (volume.sysprep) return { kind: 'sysprep' };
  if (volume.downwardMetrics) return { kind: 'downwardMetrics' };
  return { kind: 'other' };
};

/**
 * The disk the guest boots from: the disk with the lowest `bootOrder`; when no device has one,
 * the first disk (KubeVirt's default). When only interfaces have one, no disk boots.
 */
export const bootDiskName = (vm: VirtualMachine): string | undefined => {
  const devices = vm.spec?.template?.spec?.domain?.devices;
  const disks = devices?.disks ?? [];
  const ordered = disks
    .filter((disk) => disk.bootOrder !== undefined)
    .sort((a, b) => (a.bootOrder ?? 0) - (b.bootOrder ?? 0));
  if (ordered.length) return ordered[0]?.name;
  if ((devices?.interfaces ?? []).some((iface) => iface.bootOrder !== undefined)) return undefined;
  return disks[0]?.name;
};

/** Hot-plugged into the running guest only: a hot-pluggable volume KubeVirt attached, not in the VM. */
const vmiOnlyHotplugs = (
  vm: VirtualMachine,
  vmi?: VirtualMachineInstance,
): { disk: Disk; volume: Volume }[] => {
  if (!vmi) return [];
  const inVm = new Set((vm.spec?.template?.spec?.volumes ?? []).map((v) => v.name));
  const attached = new Set(
    (vmi.status?.volumeStatus ?? []).filter((s) => s.hotplugVolume).map((s) => s.name),
  );
  const disks = vmi.spec?.domain?.devices?.disks ?? [];
  return (vmi.spec?.volumes ?? [])
    .filter(
      (volume) => isHotpluggable(volume) && attached.has(volume.name) && !inVm.has(volume.name),
    )
    .map((volume) => ({
      volume,
      disk: disks.find((d) => d.name === volume.name) ?? {
        name: volume.name,
        disk: { bus: 'scsi' },
      },
    }));
};

/**
 * One row per disk: the VM's disks joined with their volumes, DataVolume templates, DataVolumes
 * and claims, then the disks hot-plugged into the running guest only.
 */
export const diskRows = (
  vm: VirtualMachine,
  vmi: VirtualMachineInstance | undefined,
  claims: PersistentVolumeClaim[],
  dataVolumes: DataVolume[],
): DiskRow[] => {
  const spec = vm.spec?.template?.spec;
  const volumes = spec?.volumes ?? [];
  const guestDisks = vmi
    ? new Set((vmi.spec?.domain?.devices?.disks ?? []).map((d) => d.name))
    : undefined;
  const boot = bootDiskName(vm);
  const row = (disk: Disk, volume: Volume | undefined, hotplug: HotplugState): DiskRow => {
    const claimName = claimNameOf(volume);
    const claim = claimName ? claims.find((c) => c.metadata?.name === claimName) : undefined;
    const dataVolumeName = volume?.dataVolume?.name;
    const dataVolume = dataVolumeName
      ? dataVolumes.find((dv) => dv.metadata?.name === dataVolumeName)
      : undefined;
    const dataVolumeTemplate = dataVolumeName
      ? vm.spec?.dataVolumeTemplates?.find((tpl) => tpl.metadata?.name === dataVolumeName)
      : undefined;
    const capacity = claimCapacity(claim);
    return {
      name: disk.name,
      disk,
      volume,
      drive: driveOf(disk),
      bus: busOf(disk),
      source: sourceOf(volume),
      claimName,
      claim,
      dataVolumeName,
      dataVolumeTemplate,
      size:
        capacity ??
        storageRequest(dataVolume?.spec) ??
        storageRequest(dataVolumeTemplate?.spec) ??
        volume?.emptyDisk?.capacity,
      capacity,
      storageClass:
        claim?.spec?.storageClassName ??
        dataVolume?.spec?.storage?.storageClassName ??
        dataVolume?.spec?.pvc?.storageClassName ??
        dataVolumeTemplate?.spec?.storage?.storageClassName ??
        dataVolumeTemplate?.spec?.pvc?.storageClassName,
      bootDisk: hotplug !== 'vmi-only' && disk.name === boot,
      hotplug,
      pendingRestart: hotplug !== 'vmi-only' && !!guestDisks && !guestDisks.has(disk.name),
    };
  };
  return [
    ...(spec?.domain?.devices?.disks ?? []).map((disk) => {
      const volume = volumes.find((v) => v.name === disk.name);
      return row(disk, volume, isHotpluggable(volume) ? 'persistent' : 'none');
    }),
    ...vmiOnlyHotplugs(vm, vmi).map(({ disk, volume }) => row(disk, volume, 'vmi-only')),
  ];
};
