// virt-controller's VirtualMachineClone controller: a temporary snapshot of the source VM (or
// the given snapshot), a restore of it into a new VM with the clone's patches, then cleanup.
// Phases SnapshotInProgress → RestoreInProgress → CreatingTargetVM → Succeeded, as KubeVirt.
import { randomBytes } from 'node:crypto';
import { WorkQueue } from '../controllers/workQueue';
import { recordEvent } from '../events';
import type { ClusterContext } from '../modules/clusterModule';
import type { KubeObject } from '../types';
import { generateClonePatches, type CloneSpec } from './clonePatches';
import {
  controllerRef,
  createObject,
  deleteObject,
  keyOf,
  now,
  ownedBy,
  splitKey,
  updateCondition,
  VM_CLONES,
  VM_RESTORES,
  VM_SNAPSHOT_CONTENTS,
  VM_SNAPSHOTS,
  VMS,
  writeStatus,
  type Condition,
} from './objects';
import { restoreProgressing } from './restoreController';
import type { SnapshotStatus } from './snapshotController';

type Phase =
  'SnapshotInProgress' | 'RestoreInProgress' | 'CreatingTargetVM' | 'Succeeded' | 'Failed';

interface CloneStatus {
  phase?: Phase;
  conditions?: Condition[];
  snapshotName?: string;
  restoreName?: string;
  targetName?: string;
  creationTime?: string;
}

const COMPONENT = 'virt-controller';
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** KubeVirt's generated target name: `<source>-clone-<5 random characters>`. */
const generatedVmName = (source: string) => {
  const suffix = [...randomBytes(5)].map((b) => NAME_ALPHABET[b % NAME_ALPHABET.length]).join('');
  const base = `${source}-clone`;
  return `${base.length > 252 ? 'clone-object' : base}-${suffix}`;
};

export class CloneController {
  readonly queue: WorkQueue;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly context: ClusterContext) {
    const { store } = context;
    this.queue = new WorkQueue(
      (key) => this.reconcile(key),
      (key, error) => console.error(`vmclone ${key}:`, error),
    );
    this.unsubscribe.push(
      store.subscribe(VM_CLONES, (event) => this.queue.add(keyOf(event.object))),
    );
    // The temporary snapshot and restore belong to their clone.
    for (const resource of [VM_SNAPSHOTS, VM_RESTORES]) {
      this.unsubscribe.push(
        store.subscribe(resource, (event) => {
          const owner = ownedBy(event.object, 'VirtualMachineClone');
          if (owner) this.queue.add(`${event.object.metadata.namespace ?? ''}/${owner.name}`);
        }),
      );
    }
    this.unsubscribe.push(
      store.subscribe(VMS, (event) => {
        for (const clone of store.list(VM_CLONES, event.object.metadata.namespace ?? ''))
          this.queue.add(keyOf(clone));
      }),
    );
    for (const clone of store.list(VM_CLONES)) this.queue.add(keyOf(clone));
  }

  stop() {
    for (const off of this.unsubscribe) off();
    this.queue.stop();
  }

  private async event(clone: KubeObject, reason: string, message: string) {
    await recordEvent(this.context.store, {
      involvedObject: clone,
      type: 'Normal',
      reason,
      message,
      component: COMPONENT,
    });
  }

  private async reconcile(key: string) {
    const { store } = this.context;
    const { namespace, name } = splitKey(key);
    const clone = store.get(VM_CLONES, namespace, name);
    if (!clone || clone.metadata.deletionTimestamp) return;
    const spec = (clone.spec ?? {}) as CloneSpec;
    const status: CloneStatus = structuredClone((clone.status ?? {}) as CloneStatus);
    if (status.phase === 'Succeeded' || status.phase === 'Failed') return;
    status.creationTime ??= now();
    const save = async () => {
      if (status.phase !== 'Succeeded' && status.phase !== 'Failed') {
        status.conditions = updateCondition(
          status.conditions,
          'Progressing',
          'True',
          'Still processing',
          {
            includeReason: false,
          },
        );
        status.conditions = updateCondition(
          status.conditions,
          'Ready',
          'False',
          'Still processing',
          {
            includeReason: false,
          },
        );
      }
      await writeStatus(this.context, VM_CLONES, clone, status as Record<string, unknown>);
    };
    const fail = async (reason: string, message: string) => {
      await recordEvent(store, {
        involvedObject: clone,
        type: 'Normal',
        reason,
        message,
        component: COMPONENT,
      });
      status.phase = 'Failed';
      status.conditions = updateCondition(status.conditions, 'Progressing', 'False', 'Failed', {
        includeReason: false,
      });
      status.conditions = updateCondition(status.conditions, 'Ready', 'False', 'Failed', {
        includeReason: false,
      });
      await save();
    };

    const sourceKind = spec.source?.kind;
    const sourceName = spec.source?.name ?? '';
    let sourceVm: KubeObject | undefined;
    if (sourceKind === 'VirtualMachine') {
      sourceVm = store.get(VMS, namespace, sourceName);
      if (!sourceVm && !status.restoreName)
        return fail(
          'SnapshotNotCreated',
          `VirtualMachine ${sourceName} does not exist in namespace ${namespace}`,
        );
    } else if (sourceKind !== 'VirtualMachineSnapshot') {
      return fail(
        'SnapshotNotCreated',
        `clone ${name} is defined with an unknown source type ${sourceKind}`,
      );
    }

    status.phase ??= 'SnapshotInProgress';
    if (status.phase === 'SnapshotInProgress') {
      if (!status.snapshotName) {
        if (sourceKind === 'VirtualMachineSnapshot') {
          status.snapshotName = sourceName;
        } else {
          const snapshot = await this.createSnapshot(clone, sourceName);
          status.snapshotName = snapshot.metadata.name;
          await this.event(
            clone,
            'SnapshotCreated',
            `created snapshot ${status.snapshotName} for clone ${name}`,
          );
          return save();
        }
      }
      const snapshot = store.get(VM_SNAPSHOTS, namespace, status.snapshotName);
      if (!snapshot) {
        if (sourceKind === 'VirtualMachineSnapshot')
          return fail('SnapshotDeleted', `snapshot ${status.snapshotName} does not exist anymore`);
        return save();
      }
      const snapshotStatus = (snapshot.status ?? {}) as SnapshotStatus;
      if (snapshotStatus.phase === 'Failed')
        return fail('SnapshotFailed', `snapshot ${status.snapshotName} for clone ${name} failed`);
      if (!snapshotStatus.readyToUse) return save();
      await this.event(
        clone,
        'SnapshotReady',
        `snapshot ${status.snapshotName} for clone ${name} is ready to use`,
      );
      status.phase = 'RestoreInProgress';
    }

    if (status.phase === 'RestoreInProgress') {
      if (!status.snapshotName || !store.get(VM_SNAPSHOTS, namespace, status.snapshotName))
        return fail(
          'SnapshotDeleted',
          `snapshot ${status.snapshotName ?? ''} does not exist anymore`,
        );
      if (!status.restoreName) {
        const restore = await this.createRestore(clone, spec, sourceVm, status.snapshotName);
        status.restoreName = restore.metadata.name;
        await this.event(
          clone,
          'RestoreCreated',
          `created restore ${status.restoreName} for clone ${name}`,
        );
        return save();
      }
      const restore = store.get(VM_RESTORES, namespace, status.restoreName);
      if (!restore || restoreProgressing(restore)) return save();
      await this.event(
        clone,
        'RestoreReady',
        `restore ${status.restoreName} for clone ${name} is ready to use`,
      );
      status.targetName = (restore.spec as { target?: { name?: string } }).target?.name;
      status.phase = 'CreatingTargetVM';
    }

    if (status.phase === 'CreatingTargetVM') {
      const target = status.targetName ?? spec.target?.name ?? '';
      if (!store.get(VMS, namespace, target)) return save();
      await this.event(clone, 'TargetVMCreated', `created target VM ${target} for clone ${name}`);
      // The temporary snapshot and restore go; a snapshot the user gave as source stays.
      if (sourceKind === 'VirtualMachine' && status.snapshotName) {
        const snapshot = store.get(VM_SNAPSHOTS, namespace, status.snapshotName);
        if (snapshot) await deleteObject(this.context, VM_SNAPSHOTS, snapshot);
      }
      const restore = status.restoreName && store.get(VM_RESTORES, namespace, status.restoreName);
      if (restore) await deleteObject(this.context, VM_RESTORES, restore);
      delete status.snapshotName;
      delete status.restoreName;
      status.phase = 'Succeeded';
      status.conditions = updateCondition(status.conditions, 'Progressing', 'False', 'Ready', {
        includeReason: false,
      });
      status.conditions = updateCondition(status.conditions, 'Ready', 'True', 'Ready', {
        includeReason: false,
      });
    }
    await save();
  }

  private async createSnapshot(clone: KubeObject, vmName: string) {
    const name = `tmp-snapshot-${clone.metadata.uid ?? ''}`;
    const existing = this.context.store.get(VM_SNAPSHOTS, clone.metadata.namespace, name);
    if (existing) return existing;
    return createObject(this.context, VM_SNAPSHOTS, {
      kind: 'VirtualMachineSnapshot',
      metadata: {
        name,
        namespace: clone.metadata.namespace,
        ownerReferences: [controllerRef(clone)],
      },
      spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: vmName } },
    });
  }

  private async createRestore(
    clone: KubeObject,
    spec: CloneSpec,
    sourceVm: KubeObject | undefined,
    snapshotName: string,
  ) {
    const { store } = this.context;
    const name = `tmp-restore-${clone.metadata.uid ?? ''}`;
    const existing = store.get(VM_RESTORES, clone.metadata.namespace, name);
    if (existing) return existing;
    // A snapshot source clones the VM as it was snapshotted.
    const snapshotVm = sourceVm ?? this.snapshotVm(clone.metadata.namespace ?? '', snapshotName);
    const sourceName = snapshotVm?.metadata.name ?? spec.source?.name ?? 'clone';
    return createObject(this.context, VM_RESTORES, {
      kind: 'VirtualMachineRestore',
      metadata: {
        name,
        namespace: clone.metadata.namespace,
        ownerReferences: [controllerRef(clone)],
      },
      spec: {
        target: {
          apiGroup: 'kubevirt.io',
          kind: 'VirtualMachine',
          name: spec.target?.name || generatedVmName(sourceName),
        },
        virtualMachineSnapshotName: snapshotName,
        patches: snapshotVm ? generateClonePatches(snapshotVm, spec) : (spec.patches ?? []),
      },
    });
  }

  private snapshotVm(namespace: string, snapshotName: string): KubeObject | undefined {
    const { store } = this.context;
    const snapshot = store.get(VM_SNAPSHOTS, namespace, snapshotName);
    const contentName = (snapshot?.status as SnapshotStatus | undefined)
      ?.virtualMachineSnapshotContentName;
    const content = contentName
      ? store.get(VM_SNAPSHOT_CONTENTS, namespace, contentName)
      : undefined;
    return (content?.spec as { source?: { virtualMachine?: KubeObject } } | undefined)?.source
      ?.virtualMachine;
  }
}
