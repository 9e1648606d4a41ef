// What the snapshot, restore, clone and export controllers share: the resources they touch,
// their condition shape, and writes that go through the API (finalizers, creation, deletion) so
// garbage collection and admission behave as they do for KubeVirt's own client.
import type { ClusterContext } from '../modules/clusterModule';
import type { KubeObject, ObjectMeta, OwnerReference } from '../types';
import { keyOf, now, splitKey } from '../objectRefs';

export { keyOf, now, splitKey };

export const VMS = 'kubevirt.io/virtualmachines';
export const VMIS = 'kubevirt.io/virtualmachineinstances';
export const PVCS = 'core/persistentvolumeclaims';
export const DATAVOLUMES = 'cdi.kubevirt.io/datavolumes';
export const STORAGE_CLASSES = 'storage.k8s.io/storageclasses';
export const STORAGE_PROFILES = 'cdi.kubevirt.io/storageprofiles';
export const VOLUME_SNAPSHOTS = 'snapshot.storage.k8s.io/volumesnapshots';
export const VOLUME_SNAPSHOT_CLASSES = 'snapshot.storage.k8s.io/volumesnapshotclasses';
export const VM_SNAPSHOTS = 'snapshot.kubevirt.io/virtualmachinesnapshots';
export const VM_SNAPSHOT_CONTENTS = 'snapshot.kubevirt.io/virtualmachinesnapshotcontents';
export const VM_RESTORES = 'snapshot.kubevirt.io/virtualmachinerestores';
export const VM_CLONES = 'clone.kubevirt.io/virtualmachineclones';
export const VM_EXPORTS = 'export.kubevirt.io/virtualmachineexports';
export const SECRETS = 'core/secrets';
export const SERVICES = 'core/services';

/** Where each resource is served: `group/plural` → [group, version, plural]. */
const SERVED: Record<string, [string, string, string]> = {
  [VMS]: ['kubevirt.io', 'v1', 'virtualmachines'],
  [PVCS]: ['', 'v1', 'persistentvolumeclaims'],
  [DATAVOLUMES]: ['cdi.kubevirt.io', 'v1beta1', 'datavolumes'],
  [VOLUME_SNAPSHOTS]: ['snapshot.storage.k8s.io', 'v1', 'volumesnapshots'],
  [VM_SNAPSHOTS]: ['snapshot.kubevirt.io', 'v1beta1', 'virtualmachinesnapshots'],
  [VM_SNAPSHOT_CONTENTS]: ['snapshot.kubevirt.io', 'v1beta1', 'virtualmachinesnapshotcontents'],
  [VM_RESTORES]: ['snapshot.kubevirt.io', 'v1beta1', 'virtualmachinerestores'],
  [VM_CLONES]: ['clone.kubevirt.io', 'v1beta1', 'virtualmachineclones'],
  [VM_EXPORTS]: ['export.kubevirt.io', 'v1beta1', 'virtualmachineexports'],
  [SECRETS]: ['', 'v1', 'secrets'],
  [SERVICES]: ['', 'v1', 'services'],
};

export const apiVersionOf = (resource: string) => {
  const [group = '', version = ''] = SERVED[resource] ?? [];
  return group ? `${group}/${version}` : version;
};

/** A controller owner reference to `owner`, as metav1.NewControllerRef builds it. */
export const controllerRef = (owner: KubeObject): OwnerReference => ({
  apiVersion: owner.apiVersion,
  kind: owner.kind,
  name: owner.metadata.name ?? '',
  uid: owner.metadata.uid ?? '',
  controller: true,
  blockOwnerDeletion: true,
});

export const ownedBy = (object: KubeObject, kind: string) =>
  object.metadata.ownerReferences?.find((ref) => ref.kind === kind && ref.controller);

/** KubeVirt's snapshot, restore and clone conditions: type, status, reason, transition time. */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}

/**
 * KubeVirt's updateCondition: a condition is replaced when its status changes (or its reason,
 * when `includeReason`), so the transition time only moves on a real change.
 */
export const updateCondition = (
  conditions: Condition[] | undefined,
  type: string,
  status: Condition['status'],
  reason: string,
  options: { includeReason?: boolean; message?: string } = {},
): Condition[] => {
  const list = [...(conditions ?? [])];
  const next: Condition = {
    type,
    status,
    reason,
    ...(options.message !== undefined ? { message: options.message } : {}),
    lastProbeTime: null,
    lastTransitionTime: now(),
  };
  const index = list.findIndex((c) => c.type === type);
  const current = list[index];
  if (!current) return [...list, next];
  const includeReason = options.includeReason ?? true;
  const changed =
    current.status !== status ||
    (includeReason && (current.reason !== reason || current.message !== options.message));
  if (changed) list[index] = next;
  return list;
};

const rtOf = (context: ClusterContext, resource: string) => {
  const served = SERVED[resource];
  if (!served) throw new Error(`snapshots: ${resource} is not served`);
  return context.registry.require(...served);
};

const WRITE = { dryRun: false, fieldValidation: 'Ignore' as const };

/** Creates an object through the API (uid, timestamps, admission), as a controller's client does. */
export const createObject = async (
  context: ClusterContext,
  resource: string,
  object: { apiVersion?: string; kind: string; metadata: ObjectMeta; [field: string]: unknown },
): Promise<KubeObject> => {
  const body = { ...object, apiVersion: object.apiVersion ?? apiVersionOf(resource) };
  const { object: created } = await context.resources.create(
    rtOf(context, resource),
    object.metadata.namespace,
    body,
    WRITE,
  );
  return created;
};

/** Replaces an object's spec and metadata through the API (generation, admission). */
export const updateObject = async (
  context: ClusterContext,
  resource: string,
  object: KubeObject,
): Promise<KubeObject> => {
  const { object: updated } = await context.resources.update(
    rtOf(context, resource),
    object.metadata.namespace,
    object.metadata.name ?? '',
    object,
    undefined,
    WRITE,
  );
  return updated;
};

/** Deletes through the API: finalizers, then garbage collection of what the object owns. */
export const deleteObject = async (
  context: ClusterContext,
  resource: string,
  object: KubeObject,
) => {
  const current = context.store.get(
    resource,
    object.metadata.namespace,
    object.metadata.name ?? '',
  );
  if (!current || current.metadata.deletionTimestamp) return;
  await context.resources.delete(
    rtOf(context, resource),
    current.metadata.namespace,
    current.metadata.name ?? '',
    WRITE,
  );
};

export const addFinalizer = async (
  context: ClusterContext,
  resource: string,
  object: KubeObject,
  finalizer: string,
): Promise<KubeObject> => {
  if (object.metadata.finalizers?.includes(finalizer)) return object;
  return context.store.put(resource, {
    ...object,
    metadata: {
      ...object.metadata,
      finalizers: [...(object.metadata.finalizers ?? []), finalizer],
    },
  });
};

/**
 * Removes a finalizer. When it was the last one of an object being deleted, the API removes the
 * object and collects what it owned, as kube-apiserver does.
 */
export const removeFinalizer = async (
  context: ClusterContext,
  resource: string,
  object: KubeObject,
  finalizer: string,
) => {
  const current = context.store.get(
    resource,
    object.metadata.namespace,
    object.metadata.name ?? '',
  );
  if (!current?.metadata.finalizers?.includes(finalizer)) return;
  const finalizers = current.metadata.finalizers.filter((f) => f !== finalizer);
  if (current.metadata.deletionTimestamp && !finalizers.length) {
    await context.resources.patch(
      rtOf(context, resource),
      current.metadata.namespace,
      current.metadata.name ?? '',
      'application/json-patch+json',
      [{ op: 'replace', path: '/metadata/finalizers', value: finalizers }],
      undefined,
      WRITE,
    );
    return;
  }
  await context.store.put(resource, { ...current, metadata: { ...current.metadata, finalizers } });
};

/** Writes a new status when it differs from the stored one. */
export const writeStatus = async (
  context: ClusterContext,
  resource: string,
  object: KubeObject,
  status: Record<string, unknown>,
): Promise<KubeObject> => {
  const current = context.store.get(
    resource,
    object.metadata.namespace,
    object.metadata.name ?? '',
  );
  if (!current) return object;
  if (JSON.stringify(current.status ?? {}) === JSON.stringify(status)) return current;
  return context.store.put(resource, { ...current, status });
};
