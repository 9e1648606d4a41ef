import type { Authorizer } from '../api/apiServer';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { quantityBytes, snapshotFile } from '../volumes';
import { type ClaimSpec, claimSize, profileOf, STORAGE_CLASSES } from './claimSpec';
import { type Condition, type CondInput, PVCS } from './dataVolumeStatus';

const DATASOURCES = 'cdi.kubevirt.io/datasources';
export const SNAPSHOTS = 'snapshot.storage.k8s.io/volumesnapshots';
const SNAPSHOT_CONTENTS = 'snapshot.storage.k8s.io/volumesnapshotcontents';
const SNAPSHOT_CLASSES = 'snapshot.storage.k8s.io/volumesnapshotclasses';
const VMIS = 'kubevirt.io/virtualmachineinstances';

/** Where a DataVolume's bytes come from. */
export type Source =
  | { kind: 'blank' }
  | { kind: 'http'; url: string }
  | { kind: 'registry'; url: string; pullMethod?: string }
  | { kind: 'upload' }
  | { kind: 'pvc'; namespace: string; name: string }
  | { kind: 'snapshot'; namespace: string; name: string }
  | { kind: 'unsupported'; type: string };
export type CloneSource = Extract<Source, { kind: 'pvc' | 'snapshot' }>;

export const isClone = (s: Source): s is CloneSource => s.kind === 'pvc' || s.kind === 'snapshot';

type Ref = { namespace?: string; name?: string };

const sourceOf = (dv: KubeObject): Source | { sourceRef: { namespace: string; name: string } } => {
  const namespace = dv.metadata.namespace ?? '';
  const spec = (dv.spec ?? {}) as {
    source?: Record<string, Record<string, string> | undefined>;
    sourceRef?: { kind?: string; namespace?: string; name?: string };
  };
  if (spec.sourceRef?.name)
    return {
      sourceRef: { namespace: spec.sourceRef.namespace ?? namespace, name: spec.sourceRef.name },
    };
  const source = spec.source ?? {};
  const ref = (r: Ref) => ({ namespace: r.namespace ?? namespace, name: r.name ?? '' });
  if (source.http) return { kind: 'http', url: source.http.url ?? '' };
  if (source.registry)
    return {
      kind: 'registry',
      url: source.registry.url ?? '',
      pullMethod: source.registry.pullMethod,
    };
  if (source.upload) return { kind: 'upload' };
  if (source.pvc) return { kind: 'pvc', ...ref(source.pvc) };
  if (source.snapshot) return { kind: 'snapshot', ...ref(source.snapshot) };
  if (source.blank) return { kind: 'blank' };
  const type = Object.keys(source)[0];
  return type ? { kind: 'unsupported', type } : { kind: 'blank' };
};

/** The source, a `sourceRef` DataSource resolved to its PVC or snapshot (pending until usable). */
export const resolveSource = (
  store: ObjectStore,
  dv: KubeObject,
): Source | { pending: CondInput } => {
  const source = sourceOf(dv);
  if (!('sourceRef' in source)) return source;
  const { namespace, name } = source.sourceRef;
  const ds = store.get(DATASOURCES, namespace, name);
  if (!ds)
    return {
      pending: {
        status: 'False',
        reason: 'NotFound',
        message: `DataSource ${namespace}/${name} not found`,
      },
    };
  const spec = (ds.spec as { source?: { pvc?: Ref; snapshot?: Ref } } | undefined)?.source;
  const ready = ((ds.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find(
    (c) => c.type === 'Ready',
  );
  const notReady = {
    pending: {
      status: 'False' as const,
      reason: 'DataSourceNotReady',
      message: `DataSource ${namespace}/${name} is not ready${ready?.message ? `: ${ready.message}` : ''}`,
    },
  };
  if (ready && ready.status !== 'True') return notReady;
  if (spec?.pvc?.name) {
    const target = { namespace: spec.pvc.namespace ?? namespace, name: spec.pvc.name };
    const claim = store.get(PVCS, target.namespace, target.name);
    if ((claim?.status as { phase?: string } | undefined)?.phase !== 'Bound') return notReady;
    return { kind: 'pvc', ...target };
  }
  if (spec?.snapshot?.name) {
    const target = { namespace: spec.snapshot.namespace ?? namespace, name: spec.snapshot.name };
    if (!snapshotFile(store, target.namespace, target.name)) return notReady;
    return { kind: 'snapshot', ...target };
  }
  return notReady;
};

/**
 * CDI's clone authorization: within a namespace always; across namespaces when the target
 * namespace's `default` service account may create `datavolumes/source` in the source one.
 */
export const cloneAllowed = (authorizer: Authorizer, dv: KubeObject, source: CloneSource) => {
  const namespace = dv.metadata.namespace ?? '';
  if (source.namespace === namespace) return true;
  const user = {
    username: `system:serviceaccount:${namespace}:default`,
    groups: [
      'system:serviceaccounts',
      `system:serviceaccounts:${namespace}`,
      'system:authenticated',
    ],
  };
  return authorizer.authorize(user, {
    verb: 'create',
    apiGroup: 'cdi.kubevirt.io',
    resource: 'datavolumes',
    subresource: 'source',
    namespace: source.namespace,
  }).allowed;
};

/** The running VMI using a claim, if any (a clone source must be idle). */
export const claimUser = (store: ObjectStore, namespace: string, claim: string) =>
  store.list(VMIS, namespace).find((vmi) => {
    const phase = (vmi.status as { phase?: string } | undefined)?.phase ?? 'Pending';
    if (['Succeeded', 'Failed'].includes(phase)) return false;
    type Volume = {
      persistentVolumeClaim?: { claimName?: string };
      dataVolume?: { name?: string };
    };
    const volumes = (vmi.spec as { volumes?: Volume[] } | undefined)?.volumes ?? [];
    return volumes.some(
      (v) => v.persistentVolumeClaim?.claimName === claim || v.dataVolume?.name === claim,
    );
  })?.metadata.name;

/** What the source claim or snapshot holds (the size of clones that name none). */
export const sourceSize = (store: ObjectStore, source: Source): number | undefined => {
  if (source.kind === 'pvc') return claimSize(store.get(PVCS, source.namespace, source.name));
  if (source.kind !== 'snapshot') return undefined;
  const snapshot = store.get(SNAPSHOTS, source.namespace, source.name);
  return quantityBytes((snapshot?.status as { restoreSize?: string } | undefined)?.restoreSize);
};

const snapshotVolumeMode = (store: ObjectStore, source: CloneSource) => {
  const snapshot = store.get(SNAPSHOTS, source.namespace, source.name);
  const content = (snapshot?.status as { boundVolumeSnapshotContentName?: string } | undefined)
    ?.boundVolumeSnapshotContentName;
  const spec = content ? store.get(SNAPSHOT_CONTENTS, undefined, content)?.spec : undefined;
  return (spec as { sourceVolumeMode?: string } | undefined)?.sourceVolumeMode;
};

export interface CloneType {
  type: 'copy' | 'snapshot' | 'csi-clone';
  /** Event reason and message of a fall back to host-assisted copy. */
  fallback?: [reason: string, message: string];
}

/**
 * CDI's choice of clone method: host-assisted `copy` when volume modes differ, the profile says
 * copy, or classes differ; `csi-clone` when the profile asks for it; `snapshot` when a
 * VolumeSnapshotClass serves the provisioner (and for snapshot sources).
 */
export const cloneTypeFor = (
  store: ObjectStore,
  source: CloneSource,
  target: ClaimSpec,
): CloneType => {
  const className = target.storageClassName ?? '';
  const strategy = profileOf(store, className).cloneStrategy;
  const provisioner = store.get(STORAGE_CLASSES, undefined, className)?.provisioner;
  const snapshotClass = store.list(SNAPSHOT_CLASSES).some((c) => c.driver === provisioner);
  const claim =
    source.kind === 'pvc'
      ? (store.get(PVCS, source.namespace, source.name)?.spec as ClaimSpec | undefined)
      : undefined;
  const sourceMode =
    source.kind === 'pvc' ? (claim?.volumeMode ?? 'Filesystem') : snapshotVolumeMode(store, source);
  if (sourceMode && sourceMode !== (target.volumeMode ?? 'Filesystem'))
    return {
      type: 'copy',
      fallback: [
        'IncompatibleVolumeModes',
        'The volume modes of source and target are incompatible',
      ],
    };
  if (source.kind === 'snapshot') return { type: 'snapshot' };
  if (strategy === 'copy') return { type: 'copy' };
  if (claim?.storageClassName !== className)
    return {
      type: 'copy',
      fallback: [
        'IncompatibleProvisioners',
        'The storage classes of source and target are different',
      ],
    };
  if (strategy === 'csi-clone') return { type: 'csi-clone' };
  if (snapshotClass) return { type: 'snapshot' };
  return {
    type: 'copy',
    fallback: ['NoVolumeSnapshotClass', 'No VolumeSnapshotClass found for target storage class'],
  };
};
