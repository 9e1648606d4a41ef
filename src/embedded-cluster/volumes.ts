import { mkdir, open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ObjectStore } from './store/objectStore';

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
