// virt-controller's VirtualMachineSnapshot controller: locks the source VM, writes the content
// (the VM as it is, one VolumeSnapshot per snapshottable volume), pauses a running guest while
// the volume snapshots are cut, and reports phases, conditions and indications as KubeVirt does.
// It also keeps each VM's `status.volumeSnapshotStatuses` (which disks a snapshot would include).
import { isDeepStrictEqual } from 'node:util';
import { WorkQueue } from '../controllers/workQueue';
import { recordEvent } from '../events';
import type { ClusterContext } from '../modules/clusterModule';
import type { KubeObject } from '../types';
import { durationMs } from '../goDuration';
import {
  addFinalizer,
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
  STORAGE_PROFILES,
  updateCondition,
  VM_SNAPSHOT_CONTENTS,
  VM_SNAPSHOTS,
  VMIS,
  VMS,
  VOLUME_SNAPSHOT_CLASSES,
  VOLUME_SNAPSHOTS,
  writeStatus,
  type Condition,
} from './objects';
import { claimNameOf, volumeSnapshotClassFor, volumeSnapshotStatus, volumesOf } from './vmVolumes';

export const SNAPSHOT_FINALIZER = 'snapshot.kubevirt.io/vmsnapshot-protection';
export const CONTENT_FINALIZER = 'snapshot.kubevirt.io/vmsnapshotcontent-protection';
export const SOURCE_FINALIZER = 'snapshot.kubevirt.io/snapshot-source-protection';
const DEFAULT_FAILURE_DEADLINE_MS = 5 * 60_000;
const COMPONENT = 'virt-controller';

export interface SnapshotStatus {
  phase?: 'InProgress' | 'Succeeded' | 'Failed';
  readyToUse?: boolean;
  creationTime?: string;
  sourceUID?: string;
  virtualMachineSnapshotContentName?: string;
  indications?: string[];
  conditions?: Condition[];
  error?: { message?: string; time?: string };
  snapshotVolumes?: { includedVolumes?: string[]; excludedVolumes?: string[] };
}

interface SnapshotSpec {
  source?: { apiGroup?: string; kind?: string; name?: string };
  deletionPolicy?: string;
  failureDeadline?: string;
}

export interface VolumeBackup {
  volumeName: string;
  persistentVolumeClaim: { metadata: KubeObject['metadata']; spec: Record<string, unknown> };
  volumeSnapshotName?: string;
}

interface ContentStatus {
  readyToUse?: boolean;
  creationTime?: string;
  error?: { message?: string; time?: string };
  volumeSnapshotStatus?: {
    volumeSnapshotName: string;
    readyToUse?: boolean;
    creationTime?: string;
    error?: unknown;
  }[];
}

type VmStatus = Record<string, unknown> & { snapshotInProgress?: string };
type Vmi = KubeObject & { status?: { conditions?: { type: string; status: string }[] } };

const specOf = (snapshot: KubeObject) => (snapshot.spec ?? {}) as SnapshotSpec;
const statusOf = (snapshot: KubeObject) => (snapshot.status ?? {}) as SnapshotStatus;
export const contentOf = (content: KubeObject) =>
  (content.spec ?? {}) as {
    virtualMachineSnapshotName?: string;
    source?: { virtualMachine?: KubeObject };
    volumeBackups?: VolumeBackup[];
  };

const progressing = (status: SnapshotStatus) =>
  status.phase !== 'Failed' && status.phase !== 'Succeeded';

/** Content is deleted with its snapshot unless retained (and ready: an unready one is useless). */
const shouldDeleteContent = (snapshot: KubeObject, content: KubeObject) =>
  !/^retain$/i.test(specOf(snapshot).deletionPolicy ?? '') ||
  (content.status as ContentStatus | undefined)?.readyToUse !== true;

/** The metadata KubeVirt keeps of a snapshotted object (everything but managedFields). */
const simplifiedMeta = (metadata: KubeObject['metadata']) => {
  const { managedFields: _managed, ...rest } = structuredClone(metadata);
  return rest;
};

const hasCondition = (vmi: Vmi | undefined, type: string, status?: string) =>
  !!vmi?.status?.conditions?.some((c) => c.type === type && (!status || c.status === status));

export class SnapshotController {
  /** VirtualMachineSnapshot keys. */
  readonly queue: WorkQueue;
  /** VirtualMachine keys, for `status.volumeSnapshotStatuses`. */
  readonly vmQueue: WorkQueue;
  private readonly unsubscribe: (() => void)[] = [];
  /** Content uid → the guest (VM key) paused while its volume snapshots are cut. */
  private readonly paused = new Map<string, string>();

  constructor(private readonly context: ClusterContext) {
    const { store } = context;
    this.queue = new WorkQueue(
      (key) => this.reconcile(key),
      (key, error) => console.error(`vmsnapshot ${key}:`, error),
    );
    this.vmQueue = new WorkQueue(
      (key) => this.reconcileVolumeStatuses(key),
      (key, error) => console.error(`vm volume snapshot statuses ${key}:`, error),
    );
    const on = (resource: string, listener: (object: KubeObject) => void) =>
      this.unsubscribe.push(store.subscribe(resource, (event) => listener(event.object)));
    on(VM_SNAPSHOTS, (snapshot) => this.queue.add(keyOf(snapshot)));
    on(VM_SNAPSHOT_CONTENTS, (content) => this.enqueueContent(content));
    on(VOLUME_SNAPSHOTS, (vs) => {
      const owner = vs.metadata.ownerReferences?.find(
        (ref) => ref.kind === 'VirtualMachineSnapshotContent',
      );
      const content = owner && store.get(VM_SNAPSHOT_CONTENTS, vs.metadata.namespace, owner.name);
      if (content) this.enqueueContent(content);
    });
    for (const resource of [VMS, VMIS]) {
      on(resource, (object) => {
        this.enqueueSnapshotsOf(object.metadata.namespace ?? '', object.metadata.name ?? '');
        if (resource === VMS) this.vmQueue.add(keyOf(object));
      });
    }
    for (const resource of [PVCS, DATAVOLUMES]) {
      on(resource, (object) => {
        const namespace = object.metadata.namespace ?? '';
        for (const snapshot of store.list(VM_SNAPSHOTS, namespace))
          if (progressing(statusOf(snapshot))) this.queue.add(keyOf(snapshot));
        for (const vm of store.list(VMS, namespace)) this.vmQueue.add(keyOf(vm));
      });
    }
    for (const resource of [STORAGE_CLASSES, STORAGE_PROFILES, VOLUME_SNAPSHOT_CLASSES])
      on(resource, () => store.list(VMS).forEach((vm) => this.vmQueue.add(keyOf(vm))));
    for (const snapshot of store.list(VM_SNAPSHOTS)) this.queue.add(keyOf(snapshot));
    for (const vm of store.list(VMS)) this.vmQueue.add(keyOf(vm));
  }

  stop() {
    for (const off of this.unsubscribe) off();
    this.queue.stop();
    this.vmQueue.stop();
  }

  private enqueueContent(content: KubeObject) {
    const name = contentOf(content).virtualMachineSnapshotName;
    if (name) this.queue.add(`${content.metadata.namespace ?? ''}/${name}`);
  }

  private enqueueSnapshotsOf(namespace: string, vmName: string) {
    for (const snapshot of this.context.store.list(VM_SNAPSHOTS, namespace))
      if (specOf(snapshot).source?.name === vmName) this.queue.add(keyOf(snapshot));
  }

  private async reconcileVolumeStatuses(key: string) {
    const { namespace, name } = splitKey(key);
    const vm = this.context.store.get(VMS, namespace, name);
    if (!vm) return;
    const statuses = volumesOf(vm).map((v) =>
      volumeSnapshotStatus(this.context.store, namespace, v),
    );
    const status = { ...((vm.status ?? {}) as VmStatus) };
    if (statuses.length) status.volumeSnapshotStatuses = statuses;
    else delete status.volumeSnapshotStatuses;
    if (isDeepStrictEqual(status, vm.status ?? {})) return;
    await this.context.store.put(VMS, { ...vm, status });
  }

  private failureDeadlineMs(snapshot: KubeObject): number {
    const configured = specOf(snapshot).failureDeadline;
    if (configured === undefined) return DEFAULT_FAILURE_DEADLINE_MS;
    return durationMs(configured) ?? DEFAULT_FAILURE_DEADLINE_MS;
  }

  /** Milliseconds left before the deadline; undefined when there is none. */
  private timeUntilDeadline(snapshot: KubeObject): number | undefined {
    const deadline = this.failureDeadlineMs(snapshot);
    if (deadline === 0) return undefined;
    const created = Date.parse(snapshot.metadata.creationTimestamp ?? '') || Date.now();
    return created + deadline - Date.now();
  }

  private deadlineExceeded(snapshot: KubeObject) {
    const status = statusOf(snapshot);
    if (status.phase === 'Failed') return true;
    if (!progressing(status)) return false;
    return (this.timeUntilDeadline(snapshot) ?? 1) < 0;
  }

  private async reconcile(key: string) {
    const { store } = this.context;
    const { namespace, name } = splitKey(key);
    let snapshot = store.get(VM_SNAPSHOTS, namespace, name);
    if (!snapshot) return this.releaseOrphanContents(namespace, name);
    const spec = specOf(snapshot);
    let vm =
      spec.source?.kind === 'VirtualMachine'
        ? store.get(VMS, namespace, spec.source.name ?? '')
        : undefined;
    let content = store.get(VM_SNAPSHOT_CONTENTS, namespace, this.contentName(snapshot));
    const deleting = !!snapshot.metadata.deletionTimestamp;
    const terminating = deleting || this.deadlineExceeded(snapshot);
    if (!terminating)
      snapshot = await addFinalizer(this.context, VM_SNAPSHOTS, snapshot, SNAPSHOT_FINALIZER);

    let canRemoveFinalizer = true;
    let lockMessage = 'Source not locked';
    if (vm && snapshot.status !== undefined) {
      if (progressing(statusOf(snapshot)) && !terminating) {
        const lock = await this.lock(vm, snapshot);
        vm = lock.vm;
        lockMessage = lock.message;
        if (lock.locked && !content) content = await this.createContent(snapshot, vm);
        canRemoveFinalizer = false;
      } else {
        const contentGone = !content || !shouldDeleteContent(snapshot, content);
        if (!progressing(statusOf(snapshot)) || (terminating && contentGone))
          vm = await this.unlock(vm, snapshot);
        canRemoveFinalizer = !this.locked(vm, snapshot);
        if (this.locked(vm, snapshot)) lockMessage = 'Source locked and operation in progress';
      }
    }

    if (terminating && content) {
      await this.unfreeze(content, snapshot);
      await removeFinalizer(this.context, VM_SNAPSHOT_CONTENTS, content, CONTENT_FINALIZER);
      if (shouldDeleteContent(snapshot, content)) {
        await deleteObject(this.context, VM_SNAPSHOT_CONTENTS, content);
      }
      content = store.get(VM_SNAPSHOT_CONTENTS, namespace, this.contentName(snapshot));
    } else if (content && !content.metadata.deletionTimestamp) {
      content = await this.reconcileContent(content, snapshot, vm);
    }

    snapshot = await writeStatus(
      this.context,
      VM_SNAPSHOTS,
      snapshot,
      this.nextStatus(snapshot, vm, content, lockMessage) as Record<string, unknown>,
    );
    if (deleting && canRemoveFinalizer)
      await removeFinalizer(this.context, VM_SNAPSHOTS, snapshot, SNAPSHOT_FINALIZER);
    const left = this.timeUntilDeadline(snapshot);
    if (progressing(statusOf(snapshot)) && left !== undefined)
      this.queue.addAfter(key, Math.max(0, left) + 10);
  }

  private contentName(snapshot: KubeObject) {
    return (
      statusOf(snapshot).virtualMachineSnapshotContentName ??
      `vmsnapshot-content-${snapshot.metadata.uid ?? ''}`
    );
  }

  /** Contents whose snapshot is gone keep no finalizer (KubeVirt's content controller). */
  private async releaseOrphanContents(namespace: string, snapshotName: string) {
    for (const content of this.context.store.list(VM_SNAPSHOT_CONTENTS, namespace)) {
      if (contentOf(content).virtualMachineSnapshotName !== snapshotName) continue;
      await this.unfreeze(content);
      await removeFinalizer(this.context, VM_SNAPSHOT_CONTENTS, content, CONTENT_FINALIZER);
    }
  }

  private locked(vm: KubeObject | undefined, snapshot: KubeObject) {
    return (
      !!vm &&
      (vm.status as VmStatus | undefined)?.snapshotInProgress === snapshot.metadata.name &&
      !!vm.metadata.finalizers?.includes(SOURCE_FINALIZER)
    );
  }

  /** Why the source's volumes cannot be snapshotted yet, as KubeVirt's verifyVolumes says. */
  private volumeProblem(vm: KubeObject): string | undefined {
    const { store } = this.context;
    const namespace = vm.metadata.namespace ?? '';
    for (const volume of volumesOf(vm)) {
      const claimName = claimNameOf(volume);
      if (!claimName) continue;
      const claim = store.get(PVCS, namespace, claimName);
      if (!claim) return `volume doesnt exist: ${claimName}`;
      if (claim.metadata.deletionTimestamp) return `volume is being deleted: ${claimName}`;
      if ((claim.status as { phase?: string } | undefined)?.phase !== 'Bound')
        return `volume not bound: ${claimName}`;
      const dv = store.get(DATAVOLUMES, namespace, claimName);
      const dvPhase = (dv?.status as { phase?: string } | undefined)?.phase;
      if (dv && dvPhase !== 'Succeeded') return `volume not populated: ${claimName}`;
    }
    return undefined;
  }

  private async lock(
    vm: KubeObject,
    snapshot: KubeObject,
  ): Promise<{ locked: boolean; message: string; vm: KubeObject }> {
    if (this.locked(vm, snapshot))
      return { locked: true, message: 'Source locked and operation in progress', vm };
    let message = 'Source not locked';
    const problem = this.volumeProblem(vm);
    if (problem) {
      message += ` source ${vm.metadata.namespace}/${vm.metadata.name} ${problem}`;
      return { locked: false, message, vm };
    }
    const inProgress = (vm.status as VmStatus | undefined)?.snapshotInProgress;
    if (inProgress && inProgress !== snapshot.metadata.name) {
      message += ` snapshot "${inProgress}" in progress`;
      return { locked: false, message, vm };
    }
    const locked = await this.context.store.put(VMS, {
      ...vm,
      metadata: {
        ...vm.metadata,
        finalizers: [
          ...(vm.metadata.finalizers ?? []).filter((f) => f !== SOURCE_FINALIZER),
          SOURCE_FINALIZER,
        ],
      },
      status: { ...((vm.status ?? {}) as VmStatus), snapshotInProgress: snapshot.metadata.name },
    });
    return { locked: true, message: 'Source locked and operation in progress', vm: locked };
  }

  private async unlock(vm: KubeObject, snapshot: KubeObject): Promise<KubeObject | undefined> {
    const { store } = this.context;
    if ((vm.status as VmStatus | undefined)?.snapshotInProgress !== snapshot.metadata.name)
      return vm;
    const { snapshotInProgress: _done, ...status } = (vm.status ?? {}) as VmStatus;
    const current = store.get(VMS, vm.metadata.namespace, vm.metadata.name ?? '') ?? vm;
    const unlocked = await store.put(VMS, { ...current, status });
    await removeFinalizer(this.context, VMS, unlocked, SOURCE_FINALIZER);
    return store.get(VMS, vm.metadata.namespace, vm.metadata.name ?? '');
  }

  private async createContent(snapshot: KubeObject, vm: KubeObject): Promise<KubeObject> {
    const { store } = this.context;
    const namespace = snapshot.metadata.namespace ?? '';
    const volumeBackups: VolumeBackup[] = [];
    for (const volume of volumesOf(vm)) {
      const claimName = claimNameOf(volume);
      const claim = claimName ? store.get(PVCS, namespace, claimName) : undefined;
      if (!claim || (claim.status as { phase?: string } | undefined)?.phase !== 'Bound') continue;
      const storageClass = (claim.spec as { storageClassName?: string } | undefined)
        ?.storageClassName;
      if (!storageClass) continue;
      let snapshotClass = '';
      try {
        snapshotClass = volumeSnapshotClassFor(store, storageClass);
      } catch {
        continue;
      }
      if (!snapshotClass) continue;
      volumeBackups.push({
        volumeName: volume.name,
        persistentVolumeClaim: {
          metadata: simplifiedMeta(claim.metadata),
          spec: structuredClone((claim.spec ?? {}) as Record<string, unknown>),
        },
        volumeSnapshotName: `vmsnapshot-${snapshot.metadata.uid ?? ''}-volume-${volume.name}`,
      });
    }
    const content = await createObject(this.context, VM_SNAPSHOT_CONTENTS, {
      kind: 'VirtualMachineSnapshotContent',
      metadata: {
        name: this.contentName(snapshot),
        namespace,
        finalizers: [CONTENT_FINALIZER],
      },
      spec: {
        virtualMachineSnapshotName: snapshot.metadata.name,
        source: {
          virtualMachine: {
            apiVersion: vm.apiVersion,
            kind: vm.kind,
            metadata: simplifiedMeta(vm.metadata),
            spec: structuredClone(vm.spec ?? {}),
            status: {},
          },
        },
        volumeBackups,
      },
    });
    await recordEvent(store, {
      involvedObject: snapshot,
      type: 'Normal',
      reason: 'SuccessfulVirtualMachineSnapshotContentCreate',
      message: `Successfully created VirtualMachineSnapshotContent ${content.metadata.name}`,
      component: COMPONENT,
    });
    return content;
  }

  /** Takes the missing VolumeSnapshots (guest paused meanwhile) and reports their state. */
  private async reconcileContent(
    content: KubeObject,
    snapshot: KubeObject,
    vm: KubeObject | undefined,
  ): Promise<KubeObject> {
    const { store } = this.context;
    const namespace = content.metadata.namespace ?? '';
    const previous = (content.status ?? {}) as ContentStatus;
    const statuses: NonNullable<ContentStatus['volumeSnapshotStatus']> = [];
    const missing: string[] = [];
    let froze = false;
    for (const backup of contentOf(content).volumeBackups ?? []) {
      const vsName = backup.volumeSnapshotName;
      if (!vsName) continue;
      let vs = store.get(VOLUME_SNAPSHOTS, namespace, vsName);
      if (!vs) {
        if (previous.creationTime) {
          await recordEvent(store, {
            involvedObject: content,
            type: 'Warning',
            reason: 'VolumeSnapshotMissing',
            message: `VolumeSnapshot ${vsName} no longer exists`,
            component: COMPONENT,
          });
          missing.push(vsName);
          continue;
        }
        if (!froze) {
          await this.freeze(content, snapshot, vm);
          froze = true;
        }
        vs = await this.createVolumeSnapshot(content, backup, vsName);
      }
      const vsStatus = (vs.status ?? {}) as {
        readyToUse?: boolean;
        creationTime?: string;
        error?: { message?: string };
      };
      statuses.push({
        volumeSnapshotName: vsName,
        readyToUse: vsStatus.readyToUse ?? false,
        ...(vsStatus.creationTime || vsStatus.readyToUse
          ? { creationTime: vsStatus.creationTime ?? vs.metadata.creationTimestamp }
          : {}),
        ...(vsStatus.error ? { error: vsStatus.error } : {}),
      });
    }
    let created = true;
    let ready = true;
    let errorMessage = '';
    if (missing.length) {
      created = ready = false;
      errorMessage = `VolumeSnapshots (${missing.join(',')}) missing`;
    } else {
      for (const vss of statuses) {
        if (!vss.creationTime) created = false;
        if (!vss.readyToUse) ready = false;
        const message = (vss.error as { message?: string } | undefined)?.message;
        if (message) {
          errorMessage = `VolumeSnapshot ${vss.volumeSnapshotName} error: ${message}`;
          break;
        }
      }
    }
    const status: ContentStatus = { ...previous };
    if (created && !status.creationTime) {
      status.creationTime = now();
      await this.unfreeze(content, snapshot);
    }
    if (errorMessage && !ready) {
      if (status.error?.message !== errorMessage)
        status.error = { message: errorMessage, time: now() };
    } else if (!errorMessage) delete status.error;
    status.readyToUse = ready;
    status.volumeSnapshotStatus = statuses;
    return writeStatus(
      this.context,
      VM_SNAPSHOT_CONTENTS,
      content,
      status as Record<string, unknown>,
    );
  }

  private async createVolumeSnapshot(
    content: KubeObject,
    backup: VolumeBackup,
    name: string,
  ): Promise<KubeObject> {
    const { store } = this.context;
    const claimSpec = backup.persistentVolumeClaim.spec as { storageClassName?: string };
    const source = contentOf(content).source?.virtualMachine?.metadata;
    const volumeSnapshot = await createObject(this.context, VOLUME_SNAPSHOTS, {
      kind: 'VolumeSnapshot',
      metadata: {
        name,
        namespace: content.metadata.namespace,
        labels: {
          'snapshot.kubevirt.io/source-vm-name': source?.name ?? '',
          'snapshot.kubevirt.io/source-vm-namespace': source?.namespace ?? '',
        },
        ownerReferences: [controllerRef(content)],
      },
      spec: {
        source: { persistentVolumeClaimName: backup.persistentVolumeClaim.metadata.name },
        volumeSnapshotClassName: volumeSnapshotClassFor(store, claimSpec.storageClassName ?? ''),
      },
    });
    await recordEvent(store, {
      involvedObject: content,
      type: 'Normal',
      reason: 'SuccessfulVolumeSnapshotCreate',
      message: `Successfully created VolumeSnapshot ${name}`,
      component: COMPONENT,
    });
    return volumeSnapshot;
  }

  /**
   * A running guest is paused while its volumes are snapshotted: our guests have no agent to
   * freeze their filesystems, and a paused QEMU writes nothing, so each copy is consistent.
   */
  private async freeze(content: KubeObject, snapshot: KubeObject, vm: KubeObject | undefined) {
    if (!vm) return;
    const key = keyOf(vm);
    const vmi = this.context.store.get(VMIS, vm.metadata.namespace, vm.metadata.name ?? '') as
      Vmi | undefined;
    if (!vmi || hasCondition(vmi, 'Paused', 'True') || !this.context.runtime.running(key)) return;
    await this.context.runtime.pause(key);
    this.paused.set(content.metadata.uid ?? '', key);
    await recordEvent(this.context.store, {
      involvedObject: snapshot,
      type: 'Normal',
      reason: 'FreezeVirtualMachine',
      message: `Paused the guest of ${vm.metadata.name} while its volumes are snapshotted (no guest agent to freeze its filesystems)`,
      component: COMPONENT,
    });
  }

  private async unfreeze(content: KubeObject, snapshot?: KubeObject) {
    const uid = content.metadata.uid ?? '';
    const key = this.paused.get(uid);
    if (!key) return;
    this.paused.delete(uid);
    if (this.context.runtime.running(key)) await this.context.runtime.resume(key);
    if (snapshot)
      await recordEvent(this.context.store, {
        involvedObject: snapshot,
        type: 'Normal',
        reason: 'UnfreezeVirtualMachine',
        message: `Resumed the guest of ${splitKey(key).name}: its volume snapshots are taken`,
        component: COMPONENT,
      });
  }

  private nextStatus(
    snapshot: KubeObject,
    vm: KubeObject | undefined,
    content: KubeObject | undefined,
    lockMessage: string,
  ): SnapshotStatus {
    const status: SnapshotStatus = structuredClone(statusOf(snapshot));
    if (snapshot.status === undefined) status.readyToUse = false;
    if (vm) status.sourceUID = vm.metadata.uid;
    const contentStatus = content?.status as ContentStatus | undefined;
    if (content && contentStatus) {
      status.virtualMachineSnapshotContentName = content.metadata.name;
      if (contentStatus.creationTime) status.creationTime = contentStatus.creationTime;
      status.readyToUse = contentStatus.readyToUse ?? false;
      if (contentStatus.error) status.error = contentStatus.error;
      else delete status.error;
    }
    let conditions = status.conditions;
    if (this.deadlineExceeded({ ...snapshot, status })) {
      status.phase = 'Failed';
      conditions = updateCondition(conditions, 'Failure', 'True', 'snapshot deadline exceeded');
      conditions = updateCondition(conditions, 'Progressing', 'False', 'Operation failed');
    } else if (status.phase === 'Succeeded' || status.creationTime) {
      status.phase = 'Succeeded';
      conditions = updateCondition(conditions, 'Progressing', 'False', 'Operation complete');
      status.snapshotVolumes = this.snapshotVolumes(content) ?? status.snapshotVolumes;
    } else {
      status.phase = 'InProgress';
      if (vm) {
        const locked = this.locked(vm, snapshot);
        conditions = updateCondition(
          conditions,
          'Progressing',
          locked ? 'True' : 'False',
          lockMessage,
        );
        this.updateIndications(status, vm);
      } else {
        conditions = updateCondition(conditions, 'Progressing', 'False', 'Source does not exist');
      }
    }
    conditions = status.readyToUse
      ? updateCondition(conditions, 'Ready', 'True', 'Operation complete')
      : updateCondition(conditions, 'Ready', 'False', 'Not ready');
    if (status.error)
      conditions = updateCondition(conditions, 'Progressing', 'False', 'In error state');
    status.conditions = conditions;
    return status;
  }

  private updateIndications(status: SnapshotStatus, vm: KubeObject) {
    const vmi = this.context.store.get(VMIS, vm.metadata.namespace, vm.metadata.name ?? '') as
      Vmi | undefined;
    if (!vmi) return;
    const indications = new Set(status.indications ?? []);
    indications.add('Online');
    indications.add(hasCondition(vmi, 'AgentConnected') ? 'GuestAgent' : 'NoGuestAgent');
    status.indications = [...indications];
  }

  private snapshotVolumes(content: KubeObject | undefined): SnapshotStatus['snapshotVolumes'] {
    const vm = content && contentOf(content).source?.virtualMachine;
    if (!vm) return undefined;
    const included = new Set((contentOf(content).volumeBackups ?? []).map((b) => b.volumeName));
    const names = volumesOf(vm).map((v) => v.name);
    return {
      includedVolumes: names.filter((n) => included.has(n)),
      excludedVolumes: names.filter((n) => !included.has(n)),
    };
  }
}
