import { execFile } from 'node:child_process';
import { mkdir, open, rename, rm, stat, truncate } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import type { ObjectStore } from './store/objectStore';

const execFileAsync = promisify(execFile);

/**
 * Where a PersistentVolumeClaim's bytes live: a sparse raw image in the cluster's data
 * directory. Disks of running guests are these files.
 */
export const volumePath = (dataDir: string, namespace: string, claimName: string) =>
  path.join(dataDir, 'volumes', namespace, `${claimName}.img`);

const UNITS: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  '': 1,
};

/** Bytes of a Kubernetes quantity such as `10Gi` or `500M`. */
export const quantityBytes = (value: unknown): number | undefined => {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|K|M|G|T)?$/.exec(String(value ?? '').trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (UNITS[match[2] ?? ''] ?? 1));
};

/** Creates the image (sparse, so a 30Gi claim costs nothing until written) if it is missing. */
export const ensureVolumeFile = async (file: string, sizeBytes: number) => {
  await mkdir(path.dirname(file), { recursive: true });
  const existing = await stat(file).catch(() => undefined);
  if (existing) return;
  const handle = await open(file, 'wx');
  try {
    await handle.truncate(sizeBytes);
  } finally {
    await handle.close();
  }
};

/** The PersistentVolume annotation that names the file holding the volume's bytes. */
export const PV_PATH_ANNOTATION = 'embedded-cluster.kubevirt.io/path';

/**
 * The file of a claim that storage has bound: its PersistentVolume's file. Undefined while the
 * claim is missing, unbound, or its volume has no file.
 */
export const claimFile = (
  store: ObjectStore,
  namespace: string,
  claimName: string,
): string | undefined => {
  const claim = store.get('core/persistentvolumeclaims', namespace, claimName);
  const volumeName = (claim?.spec as { volumeName?: string } | undefined)?.volumeName;
  const phase = (claim?.status as { phase?: string } | undefined)?.phase;
  if (!volumeName || phase !== 'Bound') return undefined;
  const volume = store.get('core/persistentvolumes', undefined, volumeName);
  return volume?.metadata.annotations?.[PV_PATH_ANNOTATION];
};

/** Where a provisioned PersistentVolume's bytes live (`DATA/volumes/pvc-<claim uid>.img`). */
export const persistentVolumePath = (dataDir: string, volumeName: string) =>
  path.join(dataDir, 'volumes', `${volumeName}.img`);

/** Grows a volume file to `sizeBytes` (sparse: the new tail costs nothing); never shrinks it. */
export const growVolumeFile = async (file: string, sizeBytes: number) => {
  const { size } = await stat(file);
  if (sizeBytes > size) await truncate(file, sizeBytes);
};

/** Removes a volume or snapshot file (and a partial copy left by a crash), if present. */
export const removeVolumeFile = async (file: string) => {
  await rm(file, { force: true });
  await rm(`${file}.partial`, { force: true });
};

/**
 * Resolves with a claim's file once storage has bound it, or undefined after `timeoutMs` (or
 * when the claim is deleted). For consumers that just asked for binding (a hot-plug, a VM start).
 */
export const awaitClaimFile = (
  store: ObjectStore,
  namespace: string,
  claimName: string,
  timeoutMs: number,
): Promise<string | undefined> => {
  const ready = claimFile(store, namespace, claimName);
  if (ready) return Promise.resolve(ready);
  return new Promise((resolve) => {
    const done = (file: string | undefined) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(file);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    const unsubscribe = store.subscribe('core/persistentvolumeclaims', (event) => {
      const { namespace: ns, name } = event.object.metadata;
      if (ns !== namespace || name !== claimName) return;
      if (event.type === 'DELETED') return done(undefined);
      const file = claimFile(store, namespace, claimName);
      if (file) done(file);
    });
  });
};

/** Where a VolumeSnapshotContent's bytes live (a sparse copy of the source volume's file). */
export const snapshotContentPath = (dataDir: string, contentName: string) =>
  path.join(dataDir, 'snapshots', `${contentName}.img`);

/** The file of a ready VolumeSnapshot: its bound content's file; undefined until ready. */
export const snapshotFile = (
  store: ObjectStore,
  namespace: string,
  snapshotName: string,
): string | undefined => {
  const snapshot = store.get('snapshot.storage.k8s.io/volumesnapshots', namespace, snapshotName);
  const status = snapshot?.status as
    { readyToUse?: boolean; boundVolumeSnapshotContentName?: string } | undefined;
  if (!status?.readyToUse || !status.boundVolumeSnapshotContentName) return undefined;
  const content = store.get(
    'snapshot.storage.k8s.io/volumesnapshotcontents',
    undefined,
    status.boundVolumeSnapshotContentName,
  );
  return content?.metadata.annotations?.[PV_PATH_ANNOTATION];
};

/**
 * Copies a volume file, keeping it sparse (holes stay holes), then grows the copy to
 * `sizeBytes` when that is larger. The copy is written beside the target and renamed into
 * place, so a crash never leaves a half-copied volume under the target's name.
 */
export const copyVolumeFile = async (source: string, target: string, sizeBytes?: number) => {
  await mkdir(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  await execFileAsync('cp', ['--sparse=always', source, partial]);
  if (sizeBytes !== undefined) {
    const { size } = await stat(partial);
    if (sizeBytes > size) await truncate(partial, sizeBytes);
  }
  await rename(partial, target);
};

/** A byte count as Kubernetes prints it: `30Gi` when a binary unit divides it, else bytes. */
export const formatBytes = (bytes: number): string => {
  for (const [suffix, unit] of [
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const) {
    if (bytes >= unit && bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
};
