// virt-controller's VirtualMachineRestore controller: once the target VM is stopped, restores
// each backed-up volume into a new claim populated from its VolumeSnapshot, then rewrites the
// VM (or creates it, when the target does not exist) from the snapshot, as KubeVirt does.
import { isDeepStrictEqual } from 'node:util';
import { WorkQueue } from '../controllers/workQueue';
import { recordEvent } from '../events';
import type { ClusterContext } from '../modules/clusterModule';
import type { KubeObject } from '../types';
import { quantityBytes } from '../volumes';
import {
  addFinalizer,
  apiVersionOf,
  controllerRef,
  createObject,
  DATAVOLUMES,
  deleteObject,
  keyOf,
  now,
  PVCS,
  removeFinalizer,
  splitKey,
  STORAGE_CLASSES,
  updateCondition,
  updateObject,
  VM_RESTORES,
  VM_SNAPSHOT_CONTENTS,
  VM_SNAPSHOTS,
  VMIS,
  VMS,
  VOLUME_SNAPSHOTS,
  writeStatus,
  type Condition,
} from './objects';
import {
  applyRestorePatches,
  dropSourceIdentity,
  LAST_RESTORE_ANNOTATION,
  lastRestoreValue,
  restoredSpec,
  type VolumeRestore,
} from './restoredVm';
import { contentOf, type SnapshotStatus, type VolumeBackup } from './snapshotController';
import { vmSpec, volumesOf, type VmSpec } from './vmVolumes';

export const RESTORE_FINALIZER = 'snapshot.kubevirt.io/vmrestore-protection';
const RESTORE_NAME_ANNOTATION = 'restore.kubevirt.io/name';
const SOURCE_NAME_LABEL = 'restore.kubevirt.io/source-vm-name';
const SOURCE_NAMESPACE_LABEL = 'restore.kubevirt.io/source-vm-namespace';
const POPULATED_FOR = 'cdi.kubevirt.io/storage.populatedFor';
const PRE_POPULATED = 'cdi.kubevirt.io/storage.prePopulated';
const NOT_READY = 'Waiting for target to be ready';
const EXISTING_TARGET =
  'restore source and restore target are different but restore target already exists';
/** Annotations of the source claim that describe its old binding, not its data. */
const DROPPED_ANNOTATION_PREFIXES = [
  'pv.kubernetes.io',
  'volume.beta.kubernetes.io',
  'cdi.kubevirt.io',
  'volume.kubernetes.io',
  'k8s.io/CloneRequest',
  'k8s.io/CloneOf',
];
const COMPONENT = 'virt-controller';

interface RestoreSpec {
  target?: { apiGroup?: string; kind?: string; name?: string };
  virtualMachineSnapshotName?: string;
  patches?: string[];
}

export interface RestoreStatus {
  complete?: boolean;
  restoreTime?: string;
  conditions?: Condition[];
  deletedDataVolumes?: string[];
  restores?: VolumeRestore[];
}

type VmStatus = Record<string, unknown> & { restoreInProgress?: string };

const specOf = (restore: KubeObject) => (restore.spec ?? {}) as RestoreSpec;
const restoreStatusOf = (restore: KubeObject) => (restore.status ?? {}) as RestoreStatus;
const failed = (status: RestoreStatus) =>
  !!status.conditions?.some((c) => c.type === 'Failure' && c.status === 'True');
export const restoreProgressing = (restore: KubeObject) => {
  const status = restoreStatusOf(restore);
  return !status.complete && !failed(status);
};

/** Thrown to stop a pass with KubeVirt's error handling (event, conditions, retry). */
class RestoreError extends Error {}

export class RestoreController {
  readonly queue: WorkQueue;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly context: ClusterContext) {
    const { store } = context;
    this.queue = new WorkQueue(
      (key) => this.reconcile(key),
      (key, error) => console.error(`vmrestore ${key}:`, error),
    );
    const on = (resource: string, listener: (object: KubeObject) => void) =>
      this.unsubscribe.push(store.subscribe(resource, (event) => listener(event.object)));
    const inNamespace = (object: KubeObject, match: (restore: KubeObject) => boolean) => {
      for (const restore of store.list(VM_RESTORES, object.metadata.namespace ?? ''))
        if (match(restore)) this.queue.add(keyOf(restore));
    };
    on(VM_RESTORES, (restore) => this.queue.add(keyOf(restore)));
    for (const resource of [VMS, VMIS])
      on(resource, (o) => inNamespace(o, (r) => specOf(r).target?.name === o.metadata.name));
    on(VM_SNAPSHOTS, (o) =>
      inNamespace(o, (r) => specOf(r).virtualMachineSnapshotName === o.metadata.name),
    );
    for (const resource of [PVCS, DATAVOLUMES])
      on(resource, (o) => inNamespace(o, restoreProgressing));
    for (const restore of store.list(VM_RESTORES)) this.queue.add(keyOf(restore));
  }

  stop() {
    for (const off of this.unsubscribe) off();
    this.queue.stop();
  }

  private async reconcile(key: string) {
    const { store } = this.context;
    const { namespace, name } = splitKey(key);
    let restore = store.get(VM_RESTORES, namespace, name);
    if (!restore) return;
    if (restore.status === undefined) {
      let conditions = updateCondition(
        [],
        'Progressing',
        'True',
        'Initializing VirtualMachineRestore',
      );
      conditions = updateCondition(
        conditions,
        'Ready',
        'False',
        'Initializing VirtualMachineRestore',
      );
      await writeStatus(this.context, VM_RESTORES, restore, { complete: false, conditions });
      return;
    }
    const target = specOf(restore).target;
    const vm =
      target?.kind === 'VirtualMachine' ? store.get(VMS, namespace, target.name ?? '') : undefined;
    if (restore.metadata.deletionTimestamp) return this.finalize(restore, vm);
    if (!restoreProgressing(restore)) return;

    if (vm && !restore.metadata.ownerReferences?.length) {
      restore = await store.put(VM_RESTORES, {
        ...restore,
        metadata: { ...restore.metadata, ownerReferences: [controllerRef(vm)] },
      });
    }
    restore = await addFinalizer(this.context, VM_RESTORES, restore, RESTORE_FINALIZER);
    const status = structuredClone(restoreStatusOf(restore));
    try {
      await this.progress(restore, status, vm);
    } catch (error) {
      if (!(error instanceof RestoreError)) throw error;
      await this.reportError(restore, status, error.message);
      this.queue.addAfter(key, 5_000);
    }
  }

  /** One step of the restore; each step that changes something writes status and returns. */
  private async progress(restore: KubeObject, status: RestoreStatus, vm: KubeObject | undefined) {
    const { store } = this.context;
    const save = (progressing: string, ready: string) => {
      status.conditions = updateCondition(status.conditions, 'Progressing', 'True', progressing);
      status.conditions = updateCondition(status.conditions, 'Ready', 'False', ready);
      return writeStatus(this.context, VM_RESTORES, restore, status as Record<string, unknown>);
    };
    if (vm && store.get(VMIS, vm.metadata.namespace, vm.metadata.name ?? '')) {
      const waiting = status.conditions?.find((c) => c.type === 'Ready')?.reason === NOT_READY;
      if (!waiting)
        await recordEvent(store, {
          involvedObject: restore,
          type: 'Normal',
          reason: 'RestoreTargetNotReady',
          message: 'Restore target VMI still exists',
          component: COMPONENT,
        });
      status.conditions = updateCondition(status.conditions, 'Progressing', 'False', NOT_READY);
      status.conditions = updateCondition(status.conditions, 'Ready', 'False', NOT_READY);
      await writeStatus(this.context, VM_RESTORES, restore, status as Record<string, unknown>);
      return;
    }
    const { snapshot, content } = this.snapshotAndContent(restore);
    const restored =
      !!vm && vm.metadata.annotations?.[LAST_RESTORE_ANNOTATION] === lastRestoreValue(restore);
    const sourceUID = (snapshot.status as SnapshotStatus | undefined)?.sourceUID;
    if (vm && !restored && sourceUID && vm.metadata.uid !== sourceUID)
      throw new RestoreError(EXISTING_TARGET);
    if (vm && !restored) await this.markInProgress(vm, restore);

    if (await this.reconcileVolumeRestores(restore, status, content, vm))
      return save('Creating new PVCs', 'Waiting for new PVCs');
    if (!restored && (await this.reconcileTarget(restore, status, content, vm)))
      return save('Updating target spec', 'Waiting for target update');

    for (const dvName of status.deletedDataVolumes ?? []) {
      const dv = store.get(DATAVOLUMES, restore.metadata.namespace, dvName);
      if (dv) await deleteObject(this.context, DATAVOLUMES, dv);
    }
    const current = store.get(VMS, restore.metadata.namespace, specOf(restore).target?.name ?? '');
    if (!current) throw new RestoreError('At this point target should exist');
    await this.clearInProgress(current, restore);
    await recordEvent(store, {
      involvedObject: restore,
      type: 'Normal',
      reason: 'VirtualMachineRestoreComplete',
      message: `Successfully completed VirtualMachineRestore ${restore.metadata.name}`,
      component: COMPONENT,
    });
    status.complete = true;
    status.restoreTime = now();
    status.conditions = updateCondition(
      status.conditions,
      'Progressing',
      'False',
      'Operation complete',
    );
    status.conditions = updateCondition(status.conditions, 'Ready', 'True', 'Operation complete');
    await writeStatus(this.context, VM_RESTORES, restore, status as Record<string, unknown>);
  }

  private snapshotAndContent(restore: KubeObject) {
    const { store } = this.context;
    const namespace = restore.metadata.namespace ?? '';
    const snapshotName = specOf(restore).virtualMachineSnapshotName ?? '';
    const objKey = `${namespace}/${snapshotName}`;
    const snapshot = store.get(VM_SNAPSHOTS, namespace, snapshotName);
    if (!snapshot) throw new RestoreError(`VMSnapshot ${objKey} does not exist`);
    const status = (snapshot.status ?? {}) as SnapshotStatus;
    if (status.phase === 'Failed')
      throw new RestoreError(`VMSnapshot ${objKey} failed and is invalid to use`);
    if (!status.readyToUse) throw new RestoreError(`VMSnapshot ${objKey} not ready`);
    if (!status.virtualMachineSnapshotContentName)
      throw new RestoreError(`no snapshot content name in ${objKey}`);
    const contentKey = `${namespace}/${status.virtualMachineSnapshotContentName}`;
    const content = store.get(
      VM_SNAPSHOT_CONTENTS,
      namespace,
      status.virtualMachineSnapshotContentName,
    );
    if (!content) throw new RestoreError(`VMSnapshotContent ${contentKey} does not exist`);
    if ((content.status as { readyToUse?: boolean } | undefined)?.readyToUse !== true)
      throw new RestoreError(`VMSnapshotContent ${contentKey} not ready`);
    return { snapshot, content };
  }

  private async markInProgress(vm: KubeObject, restore: KubeObject) {
    const inProgress = (vm.status as VmStatus | undefined)?.restoreInProgress;
    if (inProgress === restore.metadata.name) return;
    if (inProgress) throw new RestoreError(`vm restore ${inProgress} in progress`);
    await this.context.store.put(VMS, {
      ...vm,
      status: { ...((vm.status ?? {}) as VmStatus), restoreInProgress: restore.metadata.name },
    });
  }

  private async clearInProgress(vm: KubeObject, restore: KubeObject) {
    const status = (vm.status ?? {}) as VmStatus;
    if (status.restoreInProgress !== restore.metadata.name) return;
    const { restoreInProgress: _done, ...rest } = status;
    await this.context.store.put(VMS, { ...vm, status: rest });
  }

  /** Creates the restored claims; true while some are missing or not bound yet. */
  private async reconcileVolumeRestores(
    restore: KubeObject,
    status: RestoreStatus,
    content: KubeObject,
    vm: KubeObject | undefined,
  ): Promise<boolean> {
    const { store } = this.context;
    const namespace = restore.metadata.namespace ?? '';
    const snapshotVm = contentOf(content).source?.virtualMachine;
    const memoryDumps = new Set(
      volumesOf(snapshotVm)
        .filter((v) => v.memoryDump)
        .map((v) => v.name),
    );
    const backups = (contentOf(content).volumeBackups ?? []).filter(
      (b) => !memoryDumps.has(b.volumeName),
    );
    const restores: VolumeRestore[] = [];
    for (const backup of backups) {
      const existing = status.restores?.find((r) => r.volumeName === backup.volumeName);
      if (existing) restores.push(existing);
      else if (!backup.volumeSnapshotName)
        throw new RestoreError(`VolumeSnapshotName missing ${JSON.stringify(backup)}`);
      else
        restores.push({
          volumeName: backup.volumeName,
          persistentVolumeClaim: `restore-${restore.metadata.uid ?? ''}-${backup.volumeName}`,
          volumeSnapshotName: backup.volumeSnapshotName,
        });
    }
    if (!isDeepStrictEqual(status.restores ?? [], restores)) {
      status.restores = restores;
      return true;
    }
    let busy = false;
    for (const volumeRestore of restores) {
      const claim = store.get(PVCS, namespace, volumeRestore.persistentVolumeClaim);
      const backup = backups.find((b) => b.volumeName === volumeRestore.volumeName);
      if (!claim) {
        if (!backup)
          throw new RestoreError(`volume backup for volume ${volumeRestore.volumeName} not found`);
        await this.createRestoreClaim(restore, volumeRestore, backup, snapshotVm, vm);
        busy = true;
        continue;
      }
      const phase = (claim.status as { phase?: string } | undefined)?.phase ?? 'Pending';
      if (phase === 'Pending') {
        const className = (claim.spec as { storageClassName?: string } | undefined)
          ?.storageClassName;
        const storageClass = className
          ? store.get(STORAGE_CLASSES, undefined, className)
          : undefined;
        if (className && !storageClass)
          throw new RestoreError(`StorageClass ${className} does not exist`);
        if (!storageClass || storageClass.volumeBindingMode !== 'WaitForFirstConsumer') busy = true;
      } else if (phase !== 'Bound') {
        throw new RestoreError(`PVC ${namespace}/${claim.metadata.name} in status "${phase}"`);
      }
    }
    return busy;
  }

  private async createRestoreClaim(
    restore: KubeObject,
    volumeRestore: VolumeRestore,
    backup: VolumeBackup,
    snapshotVm: KubeObject | undefined,
    vm: KubeObject | undefined,
  ) {
    const { store } = this.context;
    const namespace = restore.metadata.namespace ?? '';
    const volumeSnapshot = store.get(VOLUME_SNAPSHOTS, namespace, volumeRestore.volumeSnapshotName);
    if (!volumeSnapshot)
      throw new RestoreError(`missing volumeSnapshot ${volumeRestore.volumeSnapshotName}`);
    const source = backup.persistentVolumeClaim;
    const sourceSpec = source.spec as {
      accessModes?: string[];
      resources?: { requests?: Record<string, string> };
      storageClassName?: string;
      volumeMode?: string;
    };
    const requests = { ...(sourceSpec.resources?.requests ?? {}) };
    const restoreSize = (volumeSnapshot.status as { restoreSize?: string } | undefined)
      ?.restoreSize;
    if (restoreSize && (quantityBytes(requests.storage) ?? 0) < (quantityBytes(restoreSize) ?? 0))
      requests.storage = restoreSize;
    const annotations = Object.fromEntries(
      Object.entries(source.metadata.annotations ?? {}).filter(
        ([key]) => !DROPPED_ANNOTATION_PREFIXES.some((prefix) => key.startsWith(prefix)),
      ),
    );
    const dataSource = {
      apiGroup: 'snapshot.storage.k8s.io',
      kind: 'VolumeSnapshot',
      name: volumeRestore.volumeSnapshotName,
    };
    await createObject(this.context, PVCS, {
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: volumeRestore.persistentVolumeClaim,
        namespace,
        labels: {
          ...(source.metadata.labels ?? {}),
          [SOURCE_NAME_LABEL]: snapshotVm?.metadata.name ?? '',
          [SOURCE_NAMESPACE_LABEL]: snapshotVm?.metadata.namespace ?? namespace,
        },
        annotations: {
          ...annotations,
          [RESTORE_NAME_ANNOTATION]: restore.metadata.name ?? '',
          [LAST_RESTORE_ANNOTATION]: lastRestoreValue(restore),
        },
        ...(vm ? { ownerReferences: [controllerRef(vm)] } : {}),
      },
      spec: {
        ...(sourceSpec.accessModes ? { accessModes: sourceSpec.accessModes } : {}),
        resources: { ...(sourceSpec.resources ?? {}), requests },
        ...(sourceSpec.storageClassName ? { storageClassName: sourceSpec.storageClassName } : {}),
        ...(sourceSpec.volumeMode ? { volumeMode: sourceSpec.volumeMode } : {}),
        dataSource,
        dataSourceRef: dataSource,
      },
    });
  }

  /**
   * Names the DataVolumes of restored template volumes, creates them over their restored claims
   * (pre-populated, so CDI adopts instead of importing), then writes the VM. True while working.
   */
  private async reconcileTarget(
    restore: KubeObject,
    status: RestoreStatus,
    content: KubeObject,
    vm: KubeObject | undefined,
  ): Promise<boolean> {
    const { store } = this.context;
    const namespace = restore.metadata.namespace ?? '';
    const snapshotVm = contentOf(content).source?.virtualMachine;
    if (!snapshotVm) throw new RestoreError('unexpected snapshot source');
    const templates = vmSpec(snapshotVm).dataVolumeTemplates ?? [];
    const restores = (status.restores ?? []).map((volumeRestore) => {
      const volume = volumesOf(snapshotVm).find((v) => v.name === volumeRestore.volumeName);
      const dvName = volume?.dataVolume?.name;
      if (!dvName || !templates.some((t) => t.metadata.name === dvName)) return volumeRestore;
      return { ...volumeRestore, dataVolumeName: volumeRestore.persistentVolumeClaim };
    });
    for (const volumeRestore of restores) {
      if (!volumeRestore.dataVolumeName) continue;
      const claim = store.get(PVCS, namespace, volumeRestore.persistentVolumeClaim);
      if (!claim)
        throw new RestoreError(
          `pvc ${namespace}/${volumeRestore.persistentVolumeClaim} does not exist and should`,
        );
      if (claim.metadata.annotations?.[POPULATED_FOR] !== volumeRestore.dataVolumeName) {
        // The DataVolume will take ownership.
        await store.put(PVCS, {
          ...claim,
          metadata: {
            ...claim.metadata,
            annotations: {
              ...claim.metadata.annotations,
              [POPULATED_FOR]: volumeRestore.dataVolumeName,
            },
            ownerReferences: undefined,
          },
        });
      }
    }
    if (!isDeepStrictEqual(status.restores, restores)) {
      status.restores = restores;
      return true;
    }

    const spec = restoredSpec(snapshotVm, restores);
    let busy = false;
    for (const template of spec.dataVolumeTemplates ?? []) {
      const dvName = template.metadata.name ?? '';
      const dv = store.get(DATAVOLUMES, namespace, dvName);
      if (dv) {
        const phase = (dv.status as { phase?: string } | undefined)?.phase;
        busy ||= !['Succeeded', 'WaitForFirstConsumer', 'PendingPopulation'].includes(phase ?? '');
        continue;
      }
      const claim = store.get(PVCS, namespace, dvName);
      if (!claim)
        throw new RestoreError(
          `when creating restore dv pvc ${namespace}/${dvName} does not exist and should`,
        );
      if (
        claim.metadata.annotations?.[POPULATED_FOR] !== dvName ||
        claim.metadata.ownerReferences?.length
      )
        continue;
      await createObject(this.context, DATAVOLUMES, {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        metadata: {
          ...template.metadata,
          name: dvName,
          namespace,
          annotations: {
            ...(template.metadata.annotations ?? {}),
            [RESTORE_NAME_ANNOTATION]: restore.metadata.name ?? '',
            [PRE_POPULATED]: 'true',
          },
          ...(vm ? { ownerReferences: [controllerRef(vm)] } : {}),
        },
        spec: template.spec,
      });
      busy = true;
    }
    if (vm) {
      const kept = new Set((spec.dataVolumeTemplates ?? []).map((t) => t.metadata.name));
      const deleted = (vmSpec(vm).dataVolumeTemplates ?? [])
        .map((t) => t.metadata.name ?? '')
        .filter((n) => !kept.has(n));
      if (!isDeepStrictEqual(status.deletedDataVolumes ?? [], deleted)) {
        if (deleted.length) status.deletedDataVolumes = deleted;
        else delete status.deletedDataVolumes;
        return true;
      }
    }
    if (busy) return true;
    const written = vm
      ? await this.updateTarget(vm, spec, restore)
      : await this.createTarget(snapshotVm, spec, restore);
    await this.adoptDataVolumes(written);
    return true;
  }

  private async updateTarget(vm: KubeObject, spec: VmSpec, restore: KubeObject) {
    const current = vmSpec(vm);
    if (current.running !== undefined) {
      spec.running = false;
      delete spec.runStrategy;
    } else {
      spec.runStrategy = current.runStrategy ?? 'Halted';
      delete spec.running;
    }
    return updateObject(this.context, VMS, {
      ...vm,
      metadata: {
        ...vm.metadata,
        annotations: {
          ...vm.metadata.annotations,
          [LAST_RESTORE_ANNOTATION]: lastRestoreValue(restore),
        },
      },
      spec,
    });
  }

  /** Restore to a VM that does not exist: a new, stopped VM with the snapshot's spec. */
  private async createTarget(snapshotVm: KubeObject, spec: VmSpec, restore: KubeObject) {
    if (spec.running !== undefined) spec.running = false;
    else spec.runStrategy = 'Halted';
    const name = specOf(restore).target?.name ?? '';
    let vm: KubeObject = {
      apiVersion: apiVersionOf(VMS),
      kind: 'VirtualMachine',
      metadata: {
        name,
        namespace: restore.metadata.namespace,
        labels: { ...(snapshotVm.metadata.labels ?? {}) },
        annotations: {
          ...(snapshotVm.metadata.annotations ?? {}),
          [LAST_RESTORE_ANNOTATION]: lastRestoreValue(restore),
        },
      },
      spec,
    };
    vm = applyRestorePatches(vm, specOf(restore).patches);
    if (name !== snapshotVm.metadata.name) dropSourceIdentity(vmSpec(vm), vmSpec(snapshotVm));
    return createObject(this.context, VMS, vm);
  }

  /** DataVolumes of the VM's templates are the VM's, as virt-controller adopts them. */
  private async adoptDataVolumes(vm: KubeObject) {
    const { store } = this.context;
    for (const template of vmSpec(vm).dataVolumeTemplates ?? []) {
      const dv = store.get(DATAVOLUMES, vm.metadata.namespace, template.metadata.name ?? '');
      if (!dv || dv.metadata.ownerReferences?.length) continue;
      await store.put(DATAVOLUMES, {
        ...dv,
        metadata: { ...dv.metadata, ownerReferences: [controllerRef(vm)] },
      });
    }
  }

  private async reportError(restore: KubeObject, status: RestoreStatus, message: string) {
    await recordEvent(this.context.store, {
      involvedObject: restore,
      type: 'Warning',
      reason: 'VirtualMachineRestoreError',
      message: `VirtualMachineRestore encountered error ${message}`,
      component: COMPONENT,
    });
    status.conditions = updateCondition(status.conditions, 'Progressing', 'False', message);
    status.conditions = updateCondition(status.conditions, 'Ready', 'False', message);
    await writeStatus(this.context, VM_RESTORES, restore, status as Record<string, unknown>);
  }

  private async finalize(restore: KubeObject, vm: KubeObject | undefined) {
    if (!restore.metadata.finalizers?.includes(RESTORE_FINALIZER)) return;
    if (vm) await this.clearInProgress(vm, restore);
    const status = structuredClone(restoreStatusOf(restore));
    status.conditions = updateCondition(
      status.conditions,
      'Progressing',
      'False',
      'VM restore is deleting',
    );
    status.conditions = updateCondition(
      status.conditions,
      'Ready',
      'False',
      'VM restore is deleting',
    );
    if (!isDeepStrictEqual(status, restoreStatusOf(restore))) {
      await writeStatus(this.context, VM_RESTORES, restore, status as Record<string, unknown>);
      return;
    }
    await removeFinalizer(this.context, VM_RESTORES, restore, RESTORE_FINALIZER);
  }
}
