import { k8sCreate, k8sDelete, k8sGet, k8sPatch, vmAction } from '../../../api/k8s';
import {
  apiVersionOf,
  DataVolumeModel,
  PersistentVolumeClaimModel,
  VirtualMachineCloneModel,
  VirtualMachineInstanceMigrationModel,
  VirtualMachineModel,
  VirtualMachineSnapshotModel,
  type ResourceModel,
} from '../../../api/models';
import type {
  K8sObject,
  VirtualMachine,
  VirtualMachineClone,
  VirtualMachineSnapshot,
} from '../../../api/types';
import type { VirtualMachineInstanceMigration, VmDisk } from './vmState';

/** What the VM actions do to the cluster. Views call these; they never build a request. */

export interface VmRef {
  namespace: string;
  name: string;
}

export const startVm = (ref: VmRef) => vmAction(ref, 'start');

/** `gracePeriod: 0` is a force stop (`virtctl stop --grace-period 0 --force`). */
export const stopVm = (ref: VmRef, options: { gracePeriod?: number } = {}) =>
  vmAction(
    ref,
    'stop',
    options.gracePeriod === undefined ? undefined : { gracePeriod: options.gracePeriod },
  );

export const restartVm = (ref: VmRef) => vmAction(ref, 'restart');
export const pauseVm = (ref: VmRef) => vmAction(ref, 'pause');
export const unpauseVm = (ref: VmRef) => vmAction(ref, 'unpause');

/** A VirtualMachineInstanceMigration; a target node becomes an added node selector. */
export const migrateVm = (ref: VmRef, options: { targetNode?: string } = {}) =>
  k8sCreate<VirtualMachineInstanceMigration>(
    VirtualMachineInstanceMigrationModel,
    {
      apiVersion: apiVersionOf(VirtualMachineInstanceMigrationModel),
      kind: VirtualMachineInstanceMigrationModel.kind,
      metadata: { generateName: `${ref.name}-migration-`, namespace: ref.namespace },
      spec: {
        vmiName: ref.name,
        ...(options.targetNode
          ? { addedNodeSelector: { 'kubernetes.io/hostname': options.targetNode } }
          : {}),
      },
    },
    { namespace: ref.namespace },
  );

/** Cancelling a migration is deleting its VirtualMachineInstanceMigration. */
export const cancelMigration = (migration: VirtualMachineInstanceMigration) =>
  k8sDelete(VirtualMachineInstanceMigrationModel, {
    namespace: migration.metadata?.namespace ?? '',
    name: migration.metadata?.name ?? '',
  });

export const SNAPSHOT_DESCRIPTION_ANNOTATION = 'description';

export const takeSnapshot = (ref: VmRef, options: { name: string; description?: string }) =>
  k8sCreate<VirtualMachineSnapshot>(
    VirtualMachineSnapshotModel,
    {
      apiVersion: apiVersionOf(VirtualMachineSnapshotModel),
      kind: VirtualMachineSnapshotModel.kind,
      metadata: {
        name: options.name,
        namespace: ref.namespace,
        ...(options.description
          ? { annotations: { [SNAPSHOT_DESCRIPTION_ANNOTATION]: options.description } }
          : {}),
      },
      spec: {
        source: {
          apiGroup: VirtualMachineModel.group,
          kind: VirtualMachineModel.kind,
          name: ref.name,
        },
      },
    } as VirtualMachineSnapshot,
    { namespace: ref.namespace },
  );

export type CloneProgress = 'creating' | 'cloning' | 'starting' | 'done';

const CLONE_POLL_MS = 1_000;
const CLONE_TIMEOUT_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A clone's own failure, as a readable error. */
export class CloneFailedError extends Error {}

/**
 * A VirtualMachineClone of the VM into the same namespace (KubeVirt clones within a namespace).
 * With `start`, waits for the clone to succeed, then starts the new VM (it is created halted).
 */
export const cloneVm = async (
  ref: VmRef,
  options: { name: string; start?: boolean; onProgress?: (progress: CloneProgress) => void },
  timing: { pollMs?: number; timeoutMs?: number } = {},
): Promise<void> => {
  const { pollMs = CLONE_POLL_MS, timeoutMs = CLONE_TIMEOUT_MS } = timing;
  options.onProgress?.('creating');
  const existing = await k8sGet<VirtualMachine>(VirtualMachineModel, {
    namespace: ref.namespace,
    name: options.name,
  }).catch((error: unknown) => {
    if ((error as { code?: number } | null)?.code === 404) return undefined;
    throw error;
  });
  if (existing)
    throw new CloneFailedError(
      `A VirtualMachine named "${options.name}" already exists in project "${ref.namespace}".`,
    );
  const clone = await k8sCreate<VirtualMachineClone>(
    VirtualMachineCloneModel,
    {
      apiVersion: apiVersionOf(VirtualMachineCloneModel),
      kind: VirtualMachineCloneModel.kind,
      metadata: { generateName: `${ref.name}-clone-`, namespace: ref.namespace },
      spec: {
        source: {
          apiGroup: VirtualMachineModel.group,
          kind: VirtualMachineModel.kind,
          name: ref.name,
        },
        target: {
          apiGroup: VirtualMachineModel.group,
          kind: VirtualMachineModel.kind,
          name: options.name,
        },
      },
    },
    { namespace: ref.namespace },
  );
  if (!options.start) {
    options.onProgress?.('done');
    return;
  }
  options.onProgress?.('cloning');
  const cloneRef = { namespace: ref.namespace, name: clone.metadata?.name ?? '' };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await k8sGet<VirtualMachineClone>(VirtualMachineCloneModel, cloneRef);
    const phase = current.status?.phase;
    if (phase === 'Succeeded') break;
    if (phase === 'Failed')
      throw new CloneFailedError(`The clone ${cloneRef.name} failed; its events say why.`);
    if (Date.now() > deadline)
      throw new CloneFailedError(
        `The clone ${cloneRef.name} is still in phase ${phase ?? 'Pending'}; start ${options.name} when it is done.`,
      );
    await sleep(pollMs);
  }
  options.onProgress?.('starting');
  await startVm({ namespace: ref.namespace, name: options.name });
  options.onProgress?.('done');
};

/**
 * A merge patch with only the keys that changed (removed keys as `null`), so a concurrent edit
 * of another key is kept.
 */
export const metadataMapPatch = (
  field: 'labels' | 'annotations',
  before: Record<string, string>,
  after: Record<string, string>,
): Record<string, unknown> | undefined => {
  const delta: Record<string, string | null> = {};
  for (const key of Object.keys(before)) if (!(key in after)) delta[key] = null;
  for (const [key, value] of Object.entries(after)) if (before[key] !== value) delta[key] = value;
  return Object.keys(delta).length ? { metadata: { [field]: delta } } : undefined;
};

export const patchMetadataMap = async (
  model: ResourceModel,
  ref: VmRef,
  field: 'labels' | 'annotations',
  before: Record<string, string>,
  after: Record<string, string>,
): Promise<void> => {
  const patch = metadataMapPatch(field, before, after);
  if (patch) await k8sPatch<K8sObject>(model, ref, patch);
};

export interface DeleteVmOptions {
  /** Seconds; undefined leaves the default. */
  gracePeriodSeconds?: number;
  /** Disks to delete with the VM; the VM's other DataVolumes are released and kept. */
  deleteDisks: VmDisk[];
  /** Every disk of the VM (to know which owned DataVolumes to keep). */
  disks: VmDisk[];
  /** The VM's uid, to release only the owner reference that points at it. */
  uid?: string;
}

const diskModel = (disk: VmDisk) =>
  disk.kind === 'DataVolume' ? DataVolumeModel : PersistentVolumeClaimModel;

const diskKey = (disk: VmDisk) => `${disk.kind}/${disk.name}`;

/** Keeps an owned DataVolume: removes the owner reference to the VM so it outlives it. */
const releaseDisk = async (ref: VmRef, disk: VmDisk, uid: string | undefined) => {
  const object = await k8sGet<K8sObject>(diskModel(disk), {
    namespace: ref.namespace,
    name: disk.name,
  });
  const owners = object.metadata?.ownerReferences ?? [];
  const at = owners.findIndex(
    (owner) =>
      owner.kind === VirtualMachineModel.kind &&
      (uid ? owner.uid === uid : owner.name === ref.name),
  );
  if (at < 0) return;
  await k8sPatch(diskModel(disk), { namespace: ref.namespace, name: disk.name }, [
    { op: 'test', path: `/metadata/ownerReferences/${at}/uid`, value: owners[at]?.uid },
    { op: 'remove', path: `/metadata/ownerReferences/${at}` },
  ]);
};

/**
 * Deletes a VM. DataVolumes from its templates go with it unless kept (released first); other
 * disks chosen for deletion are deleted after it. Returns the disks that could not be deleted.
 */
export const deleteVm = async (
  ref: VmRef,
  options: DeleteVmOptions,
): Promise<{ disk: VmDisk; error: unknown }[]> => {
  const chosen = new Set(options.deleteDisks.map(diskKey));
  for (const disk of options.disks)
    if (disk.ownedByVm && !chosen.has(diskKey(disk))) await releaseDisk(ref, disk, options.uid);
  await k8sDelete(
    VirtualMachineModel,
    ref,
    options.gracePeriodSeconds === undefined
      ? undefined
      : { gracePeriodSeconds: options.gracePeriodSeconds },
  );
  const failures: { disk: VmDisk; error: unknown }[] = [];
  for (const disk of options.deleteDisks) {
    if (disk.ownedByVm) continue;
    await k8sDelete(diskModel(disk), { namespace: ref.namespace, name: disk.name }).catch(
      (error: unknown) => {
        if ((error as { code?: number } | null)?.code !== 404) failures.push({ disk, error });
      },
    );
  }
  return failures;
};
