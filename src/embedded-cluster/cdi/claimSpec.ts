import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { formatBytes, quantityBytes } from '../volumes';
import { filesystemOverhead } from './cdiConfig';

export const STORAGE_CLASSES = 'storage.k8s.io/storageclasses';
export const STORAGE_PROFILES = 'cdi.kubevirt.io/storageprofiles';
const MiB = 2 ** 20;

export type ClaimSpec = Record<string, unknown> & {
  storageClassName?: string;
  accessModes?: string[];
  volumeMode?: string;
  resources?: { requests?: Record<string, string> };
};

/** Why a DataVolume gets no claim yet (pending) or never (fatal, the webhook's refusal). */
export interface ClaimProblem {
  reason: string;
  message: string;
  fatal: boolean;
}

const annotated = (store: ObjectStore, annotation: string) =>
  store.list(STORAGE_CLASSES).find((c) => c.metadata.annotations?.[annotation] === 'true')?.metadata
    .name;

/** The cluster default class (`storageclass.kubernetes.io/is-default-class`). */
export const defaultStorageClass = (store: ObjectStore) =>
  annotated(store, 'storageclass.kubernetes.io/is-default-class');

/** The class VM disks default to: the virt default, else the cluster default. */
export const defaultVirtStorageClass = (store: ObjectStore) =>
  annotated(store, 'storageclass.kubevirt.io/is-default-virt-class') ?? defaultStorageClass(store);

type PropertySet = { accessModes?: string[]; volumeMode?: string };
type ProfileFields = {
  claimPropertySets?: PropertySet[];
  cloneStrategy?: string;
  snapshotClass?: string;
};

/** A StorageProfile's effective values (status, which CDI fills, else spec). */
export const profileOf = (store: ObjectStore, className: string): ProfileFields => {
  const profile = store.get(STORAGE_PROFILES, undefined, className);
  const status = (profile?.status ?? {}) as ProfileFields;
  const spec = (profile?.spec ?? {}) as ProfileFields;
  return {
    claimPropertySets: spec.claimPropertySets?.length
      ? spec.claimPropertySets
      : status.claimPropertySets,
    cloneStrategy: spec.cloneStrategy ?? status.cloneStrategy,
    snapshotClass: spec.snapshotClass ?? status.snapshotClass,
  };
};

/**
 * The space a Filesystem volume needs to hold `bytes` of image: aligned to 1 MiB, then grown
 * so the filesystem's overhead fits too (CDI's GetRequiredSpace).
 */
export const requiredSpace = (bytes: number, overhead: number) =>
  Math.ceil((Math.ceil(bytes / MiB) * MiB) / (1 - overhead));

/** The claim a clone source has: its capacity, else its request. */
export const claimSize = (claim: KubeObject | undefined): number | undefined => {
  const status = claim?.status as { capacity?: { storage?: string } } | undefined;
  const spec = claim?.spec as ClaimSpec | undefined;
  return quantityBytes(status?.capacity?.storage ?? spec?.resources?.requests?.storage);
};

/**
 * The PersistentVolumeClaim spec for a DataVolume, as CDI renders it: `spec.pvc` as given (the
 * cluster default class when none is named); `spec.storage` completed from the StorageProfile
 * of its class (the virt default class when none is named) and grown by the filesystem overhead
 * on Filesystem volumes. `sourceSize` stands in for a missing size on clones.
 */
export const renderClaimSpec = (
  store: ObjectStore,
  dv: KubeObject,
  sourceSize?: number,
): ClaimSpec | ClaimProblem => {
  const spec = (dv.spec ?? {}) as { pvc?: ClaimSpec; storage?: ClaimSpec };
  if (spec.pvc) {
    const pvc = { ...spec.pvc };
    if (!pvc.accessModes?.length)
      return {
        reason: 'ErrClaimNotValid',
        message: 'spec.pvc.accessModes: Required value: at least 1 access mode is required',
        fatal: true,
      };
    const requested = pvc.resources?.requests?.storage;
    if (!requested && sourceSize === undefined)
      return {
        reason: 'ErrClaimNotValid',
        message: 'spec.pvc.resources.requests.storage: Required value: PVC size is missing',
        fatal: true,
      };
    return {
      ...pvc,
      storageClassName: pvc.storageClassName ?? defaultStorageClass(store),
      volumeMode: pvc.volumeMode ?? 'Filesystem',
      resources: {
        ...(pvc.resources ?? {}),
        requests: { ...(pvc.resources?.requests ?? {}), storage: requested ?? String(sourceSize) },
      },
    };
  }
  const storage: ClaimSpec = { ...(spec.storage ?? {}) };
  const className = storage.storageClassName ?? defaultVirtStorageClass(store);
  if (!className)
    return {
      reason: 'ErrClaimNotValid',
      message:
        'DataVolume.storage spec is missing accessMode and no storageClass to choose profile',
      fatal: false,
    };
  let { accessModes, volumeMode } = storage;
  if (volumeMode === 'FromStorageProfile') volumeMode = undefined;
  if (!accessModes?.length) {
    const sets = profileOf(store, className).claimPropertySets ?? [];
    const chosen = volumeMode ? sets.find((s) => s.volumeMode === volumeMode) : sets[0];
    if (!chosen?.accessModes?.length)
      return {
        reason: 'ErrClaimNotValid',
        message: `DataVolume.storage spec is missing accessMode and volumeMode, cannot get access mode from StorageProfile ${className}`,
        fatal: false,
      };
    accessModes = chosen.accessModes;
    volumeMode = volumeMode ?? chosen.volumeMode;
  } else if (!volumeMode) {
    const sets = profileOf(store, className).claimPropertySets ?? [];
    volumeMode =
      sets.find((s) => accessModes?.every((m) => s.accessModes?.includes(m)))?.volumeMode ??
      'Filesystem';
  }
  const asked = quantityBytes(storage.resources?.requests?.storage);
  const requested = asked ?? sourceSize;
  if (requested === undefined)
    return {
      reason: 'ErrClaimNotValid',
      message: 'DataVolume.storage spec is missing resources.requests.storage',
      fatal: true,
    };
  const bytes =
    volumeMode === 'Filesystem' && asked !== undefined
      ? requiredSpace(requested, filesystemOverhead(store, className))
      : requested;
  const { storageClassName: _class, ...rest } = storage;
  return {
    ...rest,
    storageClassName: className,
    accessModes,
    volumeMode: volumeMode ?? 'Filesystem',
    resources: {
      ...(storage.resources ?? {}),
      requests: { ...(storage.resources?.requests ?? {}), storage: formatBytes(bytes) },
    },
  };
};

export const isProblem = (value: ClaimSpec | ClaimProblem): value is ClaimProblem =>
  typeof (value as ClaimProblem).fatal === 'boolean' && 'reason' in value;
