// Which of a VM's volumes can be snapshotted, as KubeVirt's snapshot controller decides: PVC,
// DataVolume and memory-dump volumes whose storage class has a VolumeSnapshotClass.
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import {
  DATAVOLUMES,
  PVCS,
  STORAGE_CLASSES,
  STORAGE_PROFILES,
  VOLUME_SNAPSHOT_CLASSES,
  VMS,
} from './objects';

export interface VmVolume {
  name: string;
  persistentVolumeClaim?: { claimName?: string };
  dataVolume?: { name?: string };
  memoryDump?: { claimName?: string };
  [source: string]: unknown;
}

export interface VmSpec {
  running?: boolean;
  runStrategy?: string;
  dataVolumeTemplates?: KubeObject[];
  template?: {
    metadata?: KubeObject['metadata'];
    spec?: {
      volumes?: VmVolume[];
      domain?: {
        devices?: { interfaces?: { name: string; macAddress?: string }[] };
        firmware?: { uuid?: string; serial?: string };
      };
    } & Record<string, unknown>;
  };
  [field: string]: unknown;
}

export const vmSpec = (vm: KubeObject | undefined): VmSpec => (vm?.spec ?? {}) as VmSpec;
export const volumesOf = (vm: KubeObject | undefined): VmVolume[] =>
  vmSpec(vm).template?.spec?.volumes ?? [];

/** The claim behind a volume (a DataVolume's claim has the DataVolume's name). */
export const claimNameOf = (volume: VmVolume): string | undefined =>
  volume.persistentVolumeClaim?.claimName ??
  volume.dataVolume?.name ??
  volume.memoryDump?.claimName;

export const isSnapshottable = (volume: VmVolume) =>
  !!(volume.persistentVolumeClaim || volume.dataVolume || volume.memoryDump);

const claimStorageClass = (store: ObjectStore, namespace: string, name: string) => {
  const claim = store.get(PVCS, namespace, name);
  if (!claim) throw new Error('PVC not found');
  return (claim.spec as { storageClassName?: string } | undefined)?.storageClassName ?? '';
};

/** The storage class of a volume: the claim's, a DataVolume's or its VM template's. */
export const storageClassOf = (store: ObjectStore, namespace: string, volume: VmVolume): string => {
  const claim = volume.persistentVolumeClaim?.claimName ?? volume.memoryDump?.claimName;
  if (claim) return claimStorageClass(store, namespace, claim);
  const dvName = volume.dataVolume?.name;
  if (!dvName) throw new Error('volume type has no StorageClass defined');
  const dv = store.get(DATAVOLUMES, namespace, dvName);
  if (!dv) return claimStorageClass(store, namespace, dvName);
  const spec = dv.spec as
    { pvc?: { storageClassName?: string }; storage?: { storageClassName?: string } } | undefined;
  const direct = spec?.pvc?.storageClassName;
  if (direct) return direct;
  for (const ref of dv.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'VirtualMachine') continue;
    const vm = store.get(VMS, namespace, ref.name);
    const template = vmSpec(vm).dataVolumeTemplates?.find((t) => t.metadata.name === dvName);
    const fromTemplate = (template?.spec as { pvc?: { storageClassName?: string } } | undefined)
      ?.pvc?.storageClassName;
    if (fromTemplate) return fromTemplate;
  }
  return claimStorageClass(store, namespace, dvName);
};

/**
 * The VolumeSnapshotClass for a storage class: its StorageProfile's `status.snapshotClass`, else
 * the one class whose driver is the provisioner (the default-annotated one among several).
 * Empty when there is none.
 */
export const volumeSnapshotClassFor = (store: ObjectStore, storageClassName: string): string => {
  const storageClass = store.get(STORAGE_CLASSES, undefined, storageClassName);
  if (!storageClass) return '';
  const profile = store.get(STORAGE_PROFILES, undefined, storageClassName);
  const fromProfile = (profile?.status as { snapshotClass?: string } | undefined)?.snapshotClass;
  if (fromProfile)
    return store.get(VOLUME_SNAPSHOT_CLASSES, undefined, fromProfile) ? fromProfile : '';
  const matches = store
    .list(VOLUME_SNAPSHOT_CLASSES)
    .filter((vsc) => vsc.driver === storageClass.provisioner);
  if (matches.length === 1) return matches[0]?.metadata.name ?? '';
  if (!matches.length) return '';
  const preferred = matches.find(
    (vsc) =>
      vsc.metadata.annotations?.['snapshot.storage.kubernetes.io/is-default-class'] !== undefined,
  );
  if (preferred) return preferred.metadata.name ?? '';
  throw new Error(`${matches.length} matching VolumeSnapshotClasses for ${storageClassName}`);
};

export interface VolumeSnapshotStatus {
  name: string;
  enabled: boolean;
  reason?: string;
}

/** One entry of a VM's `status.volumeSnapshotStatuses`, with KubeVirt's reasons. */
export const volumeSnapshotStatus = (
  store: ObjectStore,
  namespace: string,
  volume: VmVolume,
): VolumeSnapshotStatus => {
  if (!isSnapshottable(volume))
    return {
      name: volume.name,
      enabled: false,
      reason: `Snapshot is not supported for this volumeSource type [${volume.name}]`,
    };
  try {
    const storageClass = storageClassOf(store, namespace, volume);
    if (!volumeSnapshotClassFor(store, storageClass))
      return {
        name: volume.name,
        enabled: false,
        reason: `No VolumeSnapshotClass: Volume snapshots are not configured for this StorageClass [${storageClass}] [${volume.name}]`,
      };
    return { name: volume.name, enabled: true };
  } catch (error) {
    return { name: volume.name, enabled: false, reason: (error as Error).message };
  }
};
