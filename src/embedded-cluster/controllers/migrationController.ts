import { recordEvent } from '../events';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import type { VmRuntime } from './vmRuntime';
import { NODES, type setCondition, VMIS } from './vmiController';
import { WorkQueue } from './workQueue';
import { quantityBytes } from '../volumes';
import { keyOf, now } from '../objectRefs';

export const MIGRATIONS = 'kubevirt.io/virtualmachineinstancemigrations';
const HCO = 'hco.kubevirt.io/hyperconvergeds';

const ACTIVE = ['Pending', 'Scheduling', 'Scheduled', 'PreparingTarget', 'TargetReady', 'Running'];

type VmiStatus = {
  phase?: string;
  nodeName?: string;
  conditions?: Parameters<typeof setCondition>[0];
  migrationState?: Record<string, unknown>;
};

/** How the cluster's live-migration configuration shapes one migration. */
export interface MigrationOptions {
  /** `bandwidthPerMigration` in bytes a second (undefined: unlimited). */
  bandwidthBytesPerSecond?: number;
}

/** Runtimes that can really move a guest (QEMU) implement this; the simulation moves it at once. */
export interface MigratingRuntime extends VmRuntime {
  migrate(key: string, options?: MigrationOptions): Promise<{ dataProcessedBytes?: number }>;
  /** Stops a migration in flight (QMP migrate_cancel); the pending `migrate` then rejects. */
  cancelMigration?(key: string): Promise<void>;
}
const canMigrate = (runtime: VmRuntime): runtime is MigratingRuntime =>
  typeof (runtime as Partial<MigratingRuntime>).migrate === 'function';

/**
 * virt-controller for VirtualMachineInstanceMigrations: moves a running VMI to another node,
 * through the phases KubeVirt reports, within the HyperConverged's parallel-migration limit,
 * filling the VMI's `migrationState`; deleting an unfinished migration cancels it.
 */
export class MigrationController {
  readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;
  private readonly unsubscribeCancel: () => void;
  /** Migration key → VMI key, while the runtime moves the guest. */
  private readonly inFlight = new Map<string, string>();

  constructor(
    private readonly store: ObjectStore,
    private readonly runtime: VmRuntime,
  ) {
    // Deleting a migration while it runs cancels it; the queue is busy with that very migration,
    // so the cancel listens to deletions directly.
    this.unsubscribeCancel = store.subscribe(MIGRATIONS, (event) => {
      if (event.type !== 'DELETED') return;
      const vmiKey = this.inFlight.get(keyOf(event.object));
      if (vmiKey && canMigrate(this.runtime))
        void this.runtime.cancelMigration?.(vmiKey).catch(() => undefined);
    });
    this.queue = new WorkQueue(
      (key) => this.reconcile(key),
      (key, error) => console.error(`migration ${key}:`, error),
    );
    this.unsubscribe = store.subscribe(MIGRATIONS, (event) => this.queue.add(keyOf(event.object)));
    for (const m of store.list(MIGRATIONS)) this.queue.add(keyOf(m));
  }

  stop() {
    this.unsubscribe();
    this.unsubscribeCancel();
    this.queue.stop();
  }

  /** The HyperConverged's `liveMigrationConfig.bandwidthPerMigration` (e.g. `64Mi`), in bytes/s. */
  private migrationOptions(): MigrationOptions {
    const hco = this.store.list(HCO)[0];
    const bandwidth = (
      hco?.spec as { liveMigrationConfig?: { bandwidthPerMigration?: string } } | undefined
    )?.liveMigrationConfig?.bandwidthPerMigration;
    const bytes = quantityBytes(bandwidth);
    return bytes ? { bandwidthBytesPerSecond: bytes } : {};
  }

  private limit(): number {
    const hco = this.store.list(HCO)[0];
    const config = (
      hco?.spec as { liveMigrationConfig?: { parallelMigrationsPerCluster?: number } } | undefined
    )?.liveMigrationConfig;
    return config?.parallelMigrationsPerCluster ?? 5;
  }

  private async setPhase(
    migration: KubeObject,
    phase: string,
    extra: Record<string, unknown> = {},
  ) {
    const status = { ...((migration.status as Record<string, unknown>) ?? {}), ...extra, phase };
    const transitions = [
      ...(((migration.status as { phaseTransitionTimestamps?: object[] }) ?? {})
        .phaseTransitionTimestamps ?? []),
      { phase, phaseTransitionTimestamp: now() },
    ];
    return this.store.put(MIGRATIONS, {
      ...migration,
      status: { ...status, phaseTransitionTimestamps: transitions },
    });
  }

  private async reconcile(key: string) {
    const [namespace = '', name = ''] = key.split('/');
    const migration = this.store.get(MIGRATIONS, namespace, name);
    if (!migration) return;
    const phase = (migration.status as { phase?: string } | undefined)?.phase ?? 'Pending';
    if (!ACTIVE.includes(phase)) return;
    const vmiName = (migration.spec as { vmiName?: string } | undefined)?.vmiName ?? '';
    const vmi = this.store.get(VMIS, namespace, vmiName);
    const vmiStatus = (vmi?.status ?? {}) as VmiStatus;
    if (migration.metadata.deletionTimestamp) return;
    if (!vmi || vmiStatus.phase !== 'Running') {
      await this.setPhase(migration, 'Failed', { reason: `VMI ${vmiName} is not running` });
      return;
    }
    if (!vmiStatus.conditions?.some((c) => c.type === 'LiveMigratable' && c.status === 'True')) {
      await this.setPhase(migration, 'Failed', { reason: `VMI ${vmiName} is not live-migratable` });
      return;
    }
    if (phase === 'Pending') {
      const running = this.store
        .list(MIGRATIONS)
        .filter(
          (m) =>
            m !== migration &&
            ['Scheduling', 'Scheduled', 'PreparingTarget', 'TargetReady', 'Running'].includes(
              (m.status as { phase?: string } | undefined)?.phase ?? '',
            ),
        );
      if (running.length >= this.limit()) {
        this.queue.addAfter(key, 1_000);
        return;
      }
      await this.setPhase(migration, 'Scheduling');
      return;
    }
    const source = vmiStatus.nodeName ?? '';
    // `spec.addedNodeSelector` (KubeVirt 1.3+) narrows the target to nodes carrying its labels.
    const wanted = Object.entries(
      (migration.spec as { addedNodeSelector?: Record<string, string> } | undefined)
        ?.addedNodeSelector ?? {},
    );
    const others = this.store
      .list(NODES)
      .filter((n) => n.metadata.name && n.metadata.name !== source)
      .filter((n) => !(n.spec as { unschedulable?: boolean } | undefined)?.unschedulable);
    const nodes = others
      .filter((n) => wanted.every(([key, value]) => n.metadata.labels?.[key] === value))
      .map((n) => n.metadata.name ?? '');
    const target = nodes[0];
    if (!target) {
      await this.setPhase(migration, 'Failed', {
        reason: wanted.length
          ? `0/${others.length} other nodes are available: none matches the added node selector ${wanted.map(([key, value]) => `${key}=${value}`).join(', ')}`
          : 'no other node can take the VM',
      });
      return;
    }
    const started = now();
    await this.writeMigrationState(vmi, {
      migrationUid: migration.metadata.uid,
      sourceNode: source,
      targetNode: target,
      startTimestamp: started,
      mode: 'PreCopy',
      completed: false,
      failed: false,
    });
    let current = await this.setPhase(migration, 'Running', {
      migrationState: { sourceNode: source, targetNode: target, startTimestamp: started },
    });
    let processed: number | undefined;
    try {
      this.inFlight.set(key, keyOf(vmi));
      if (canMigrate(this.runtime))
        processed = (await this.runtime.migrate(keyOf(vmi), this.migrationOptions()))
          .dataProcessedBytes;
    } catch (error) {
      // A migration deleted while it ran was cancelled: the guest stays on its node.
      const cancelled = !this.store.get(MIGRATIONS, namespace, name);
      await this.writeMigrationState(vmi, {
        migrationUid: migration.metadata.uid,
        sourceNode: source,
        targetNode: target,
        startTimestamp: started,
        endTimestamp: now(),
        completed: false,
        failed: true,
        failureReason: (error as Error).message,
        ...(cancelled ? { abortRequested: true, abortStatus: 'Succeeded' } : {}),
      });
      if (!cancelled) await this.setPhase(current, 'Failed', { reason: (error as Error).message });
      return;
    } finally {
      this.inFlight.delete(key);
    }
    const after = this.store.get(VMIS, namespace, vmiName);
    if (!after) return;
    await this.store.put(VMIS, {
      ...after,
      status: {
        ...((after.status as object) ?? {}),
        nodeName: target,
        migrationState: {
          migrationUid: migration.metadata.uid,
          sourceNode: source,
          targetNode: target,
          startTimestamp: started,
          endTimestamp: now(),
          completed: true,
          failed: false,
          mode: 'PreCopy',
          ...(processed !== undefined ? { dataProcessed: processed } : {}),
        },
      },
    });
    // The guest moved; a migration deleted at the last moment just has no phase to report.
    const stillThere = this.store.get(MIGRATIONS, namespace, name);
    if (stillThere) {
      current = stillThere;
      await this.setPhase(current, 'Succeeded', {
        migrationState: {
          sourceNode: source,
          targetNode: target,
          startTimestamp: started,
          endTimestamp: now(),
          completed: true,
        },
      });
    }
    await recordEvent(this.store, {
      involvedObject: after,
      type: 'Normal',
      reason: 'Migrated',
      message: `The VirtualMachineInstance migrated to node ${target}.`,
      component: 'virt-handler',
    });
  }

  private async writeMigrationState(vmi: KubeObject, migrationState: Record<string, unknown>) {
    const current = this.store.get(VMIS, vmi.metadata.namespace, vmi.metadata.name ?? '') ?? vmi;
    await this.store.put(VMIS, {
      ...current,
      status: { ...((current.status as object) ?? {}), migrationState },
    });
  }
}
