import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { ClusterContext } from '../modules/clusterModule';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { now } from './conditions';
import { keyOf, splitKey } from '../objectRefs';

export { keyOf, splitKey };

// Resource keys (group/plural) the boot-source controllers read and write.
export const HYPERCONVERGEDS = 'hco.kubevirt.io/hyperconvergeds';
export const DATA_IMPORT_CRONS = 'cdi.kubevirt.io/dataimportcrons';
export const DATA_SOURCES = 'cdi.kubevirt.io/datasources';
export const DATA_VOLUMES = 'cdi.kubevirt.io/datavolumes';
export const STORAGE_PROFILES = 'cdi.kubevirt.io/storageprofiles';
export const PVCS = 'core/persistentvolumeclaims';
export const STORAGE_CLASSES = 'storage.k8s.io/storageclasses';
export const SNAPSHOTS = 'snapshot.storage.k8s.io/volumesnapshots';
export const SNAPSHOT_CLASSES = 'snapshot.storage.k8s.io/volumesnapshotclasses';

/** Where OpenShift Virtualization keeps its boot sources ("golden images"). */
export const GOLDEN_IMAGES_NAMESPACE = 'openshift-virtualization-os-images';
export const HCO_NAMESPACE = 'openshift-cnv';
export const HCO_NAME = 'kubevirt-hyperconverged';

/**
 * Re-reads an object and stores what `change(copy)` returns when it differs. Reading and writing happen in
 * one tick, so controllers writing different parts of one object (spec, labels, status) never
 * lose each other's changes. `change` returns undefined to leave the object alone.
 */
export const mutate = async (
  store: ObjectStore,
  resource: string,
  namespace: string | undefined,
  name: string,
  change: (copy: KubeObject) => KubeObject | undefined,
): Promise<KubeObject | undefined> => {
  const current = store.get(resource, namespace, name);
  if (!current) return undefined;
  const copy = structuredClone(current);
  const next = change(copy);
  if (!next || isDeepStrictEqual(next, current)) return current;
  const specChanged = !isDeepStrictEqual(next.spec, current.spec);
  const generation = (current.metadata.generation ?? 1) + (specChanged ? 1 : 0);
  return store.put(resource, { ...next, metadata: { ...next.metadata, generation } });
};

/** Creates an object as a controller does (uid, creation time); an existing one is kept. */
export const createObject = async (
  store: ObjectStore,
  resource: string,
  object: KubeObject,
): Promise<KubeObject> => {
  const existing = store.get(resource, object.metadata.namespace, object.metadata.name ?? '');
  if (existing) return existing;
  return store.put(resource, {
    ...object,
    metadata: { ...object.metadata, uid: randomUUID(), creationTimestamp: now(), generation: 1 },
  });
};

/** Deletes through the API semantics (finalizers, garbage collection of dependents). */
export const deleteObject = async (context: ClusterContext, object: KubeObject) => {
  const rt = context.registry.byKind(object.apiVersion, object.kind);
  if (!rt || !object.metadata.name) return;
  await context.resources
    .delete(rt, object.metadata.namespace, object.metadata.name, {
      dryRun: false,
      fieldValidation: 'Ignore',
    })
    .catch(() => undefined);
};

/** A small view of a labelled object's labels, never undefined. */
export const labelsOf = (o: KubeObject | undefined): Record<string, string> =>
  o?.metadata.labels ?? {};
