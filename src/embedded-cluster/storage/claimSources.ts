import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { claimFile, quantityBytes, snapshotFile } from '../volumes';

export const VOLUME_SNAPSHOTS = 'snapshot.storage.k8s.io/volumesnapshots';
export const SNAPSHOT_CONTENTS = 'snapshot.storage.k8s.io/volumesnapshotcontents';

export interface DataSourceRef {
  apiGroup?: string;
  kind?: string;
  name?: string;
}

/** The claim's data source (`dataSourceRef` wins, as Kubernetes mirrors the two). */
export const dataSourceOf = (claim: KubeObject): DataSourceRef | undefined => {
  const spec = (claim.spec ?? {}) as { dataSource?: DataSourceRef; dataSourceRef?: DataSourceRef };
  return spec.dataSourceRef ?? spec.dataSource;
};

/** Sources the CSI provisioner fills itself: a restore from a snapshot, a clone of a claim. */
export const isCsiSource = (ref: DataSourceRef) =>
  (ref.kind === 'VolumeSnapshot' && ref.apiGroup === 'snapshot.storage.k8s.io') ||
  (ref.kind === 'PersistentVolumeClaim' && !ref.apiGroup);

/** Bytes to copy into a new volume, or why provisioning cannot go on yet (the provisioner's words). */
export type SourceResult = { file: string } | { error: string };

type ClaimSpec = { storageClassName?: string; volumeMode?: string };

/**
 * Resolves a restore or clone source as external-provisioner does before it calls CreateVolume:
 * the snapshot must be ready and of the class's driver, the source claim bound, of the same
 * class and volume mode, and the request at least as large as the source.
 */
export const resolveSource = (
  store: ObjectStore,
  claim: KubeObject,
  ref: DataSourceRef,
  provisioner: string,
  requestedBytes: number,
): SourceResult => {
  const namespace = claim.metadata.namespace ?? '';
  const name = ref.name ?? '';
  if (ref.kind === 'VolumeSnapshot') {
    const handle = `error getting handle for DataSource Type VolumeSnapshot by Name ${name}`;
    const snapshot = store.get(VOLUME_SNAPSHOTS, namespace, name);
    if (!snapshot)
      return {
        error: `${handle}: error getting snapshot ${name} from api server: volumesnapshots.snapshot.storage.k8s.io "${name}" not found`,
      };
    const file = snapshotFile(store, namespace, name);
    const status = (snapshot.status ?? {}) as {
      boundVolumeSnapshotContentName?: string;
      restoreSize?: string;
    };
    if (!file) return { error: `${handle}: snapshot ${name} is not Ready` };
    const content = store.get(
      SNAPSHOT_CONTENTS,
      undefined,
      status.boundVolumeSnapshotContentName ?? '',
    );
    const driver = (content?.spec as { driver?: string } | undefined)?.driver;
    if (driver !== provisioner)
      return {
        error: `${handle}: driver name ${driver} defined in snapshot content ${status.boundVolumeSnapshotContentName} does not match driver name ${provisioner} requested`,
      };
    const restoreBytes = quantityBytes(status.restoreSize) ?? 0;
    if (requestedBytes < restoreBytes)
      return {
        error: `requested volume size ${requestedBytes} is less than the size ${restoreBytes} for the source snapshot ${name}`,
      };
    return { file };
  }
  const handle = `error getting handle for DataSource Type PersistentVolumeClaim by Name ${name}`;
  const source = store.get('core/persistentvolumeclaims', namespace, name);
  if (!source)
    return {
      error: `${handle}: error getting PVC ${name} from api server: persistentvolumeclaims "${name}" not found`,
    };
  const file = claimFile(store, namespace, name);
  if (!file) return { error: `${handle}: the PVC ${name} is not yet bound to a PV` };
  const from = (source.spec ?? {}) as ClaimSpec;
  const to = (claim.spec ?? {}) as ClaimSpec;
  if (from.storageClassName !== to.storageClassName)
    return {
      error: `${handle}: the source PVC and destination PVCs must be in the same storage class for cloning. Source is in ${from.storageClassName}, but new PVC is in ${to.storageClassName}`,
    };
  const fromMode = from.volumeMode ?? 'Filesystem';
  const toMode = to.volumeMode ?? 'Filesystem';
  if (fromMode !== toMode)
    return {
      error: `${handle}: the source PVC and destination PVCs must have the same volume mode for cloning. Source is ${fromMode}. Destination is ${toMode}`,
    };
  const capacity = (source.status as { capacity?: { storage?: string } } | undefined)?.capacity
    ?.storage;
  if (requestedBytes < (quantityBytes(capacity) ?? 0))
    return {
      error: `${handle}: error, new PVC request must be greater than or equal in size to the specified PVC data source, requested ${requestedBytes} but source is ${quantityBytes(capacity)}`,
    };
  return { file };
};
