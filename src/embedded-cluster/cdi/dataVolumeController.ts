import type { Readable } from 'node:stream';
import { resourceQuotaRefusal } from '../admission/resourceQuota';
import { WorkQueue } from '../controllers/workQueue';
import type { ClusterContext } from '../modules/clusterModule';
import type { KubeObject } from '../types';
import { snapshotFile } from '../volumes';
import { dataVolumeTTLSeconds } from './cdiConfig';
import { newClaim } from './claimObject';
import { type ClaimSpec, isProblem, renderClaimSpec, STORAGE_CLASSES } from './claimSpec';
import {
  claimUser,
  cloneAllowed,
  type CloneSource,
  cloneTypeFor,
  isClone,
  resolveSource,
  SNAPSHOTS,
  type Source,
  sourceSize,
} from './dataVolumeSources';
import {
  ANN,
  type Condition,
  conditionOf,
  type CondUpdates,
  DATAVOLUMES,
  DataVolumeWriter,
  keyOf,
  phaseOf,
  PVCS,
  splitKey,
  statusOf,
} from './dataVolumeStatus';
import { collectGarbage } from './garbageCollection';
import { Transfers } from './transfers';

const NODES = 'core/nodes';
const NOT_RUNNING = { status: 'False' as const, reason: '', message: '' };

/** Resources whose changes may unblock a waiting DataVolume. */
const WATCHED = [
  'cdi.kubevirt.io/datasources',
  SNAPSHOTS,
  'kubevirt.io/virtualmachineinstances',
  STORAGE_CLASSES,
  'cdi.kubevirt.io/storageprofiles',
  'cdi.kubevirt.io/cdiconfigs',
  'cdi.kubevirt.io/cdis',
  'core/persistentvolumes',
  'core/resourcequotas',
];

/**
 * CDI's DataVolume controller: creates the claim (storage or pvc API), waits for it to bind
 * (WaitForFirstConsumer honoured, or a node picked for `storage.bind.immediate.requested`),
 * then has the claim filled (Transfers) with CDI's phases, conditions and events.
 */
export class DataVolumeController {
  readonly queue: WorkQueue;
  readonly transfers: Transfers;
  private readonly writer: DataVolumeWriter;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly context: ClusterContext) {
    const { store } = context;
    this.writer = new DataVolumeWriter(store);
    this.queue = new WorkQueue(
      (key) => this.reconcile(key),
      (key, error) => console.error(`cdi datavolume ${key}:`, error),
    );
    this.transfers = new Transfers(context, this.writer, (key, afterMs) =>
      afterMs ? this.queue.addAfter(key, afterMs) : this.queue.add(key),
    );
    this.unsubscribe.push(
      store.subscribe(DATAVOLUMES, (event) => this.queue.add(keyOf(event.object))),
      store.subscribe(PVCS, (event) => {
        const owner = event.object.metadata.ownerReferences?.find((r) => r.kind === 'DataVolume');
        if (owner) this.queue.add(`${event.object.metadata.namespace ?? ''}/${owner.name}`);
        this.requeueWaiting();
      }),
      ...WATCHED.map((resource) => store.subscribe(resource, () => this.requeueWaiting())),
    );
  }

  get queues(): WorkQueue[] {
    return [this.queue, ...this.transfers.workers];
  }

  start(ca: string | undefined) {
    this.transfers.start(ca);
    for (const dv of this.store.list(DATAVOLUMES)) this.queue.add(keyOf(dv));
  }

  stop() {
    this.writer.stopped = true;
    for (const off of this.unsubscribe) off();
    this.queue.stop();
    this.transfers.stop();
  }

  upload(namespace: string, claimName: string, body: Readable, total?: number) {
    return this.transfers.upload(namespace, claimName, body, total);
  }

  uploadReady(namespace: string, claimName: string) {
    return this.transfers.uploadReady(namespace, claimName);
  }

  private get store() {
    return this.context.store;
  }

  private requeueWaiting() {
    const collecting = dataVolumeTTLSeconds(this.store) >= 0;
    for (const dv of this.store.list(DATAVOLUMES))
      if (collecting || !['Succeeded', 'Failed'].includes(phaseOf(dv))) this.queue.add(keyOf(dv));
  }

  private pending(key: string, reason: string, message: string, conditions: CondUpdates = {}) {
    return this.writer.phase(key, 'Pending', ['Warning', reason, message], {}, conditions);
  }

  private async reconcile(key: string) {
    const { namespace, name } = splitKey(key);
    const dv = this.store.get(DATAVOLUMES, namespace, name);
    if (!dv || dv.metadata.deletionTimestamp) return;
    if (phaseOf(dv) === 'Succeeded') {
      const wait = await collectGarbage(this.store, dv);
      if (wait !== undefined) this.queue.addAfter(key, wait + 50);
      return;
    }
    if (phaseOf(dv) === 'Failed') return;
    const existing = this.store.get(PVCS, namespace, name);
    if (existing?.metadata.annotations?.[ANN.populatedFor] === name)
      return this.adopt(key, dv, existing);
    const source = resolveSource(this.store, dv);
    if ('pending' in source) {
      const { reason, message } = source.pending;
      await this.pending(key, reason, message, {
        Bound: source.pending,
        Ready: NOT_RUNNING,
        Running: NOT_RUNNING,
      });
      return;
    }
    if (source.kind === 'unsupported') {
      const message = `DataVolume source ${source.type} is not available in the embedded cluster`;
      await this.writer.phase(
        key,
        'Failed',
        ['Warning', 'ErrClaimNotValid', message],
        {},
        {
          Running: { status: 'False', reason: 'ErrClaimNotValid', message },
        },
      );
      return;
    }
    if (isClone(source) && !cloneAllowed(this.context.authorizer, dv, source)) {
      const message = `User system:serviceaccount:${namespace}:default has insufficient permissions in clone source namespace ${source.namespace}`;
      await this.pending(key, 'CloneValidationFailed', message, {
        Running: { status: 'False', reason: 'CloneUnauthorized', message },
      });
      return;
    }
    const pvc = this.store.get(PVCS, namespace, name) ?? (await this.createClaim(key, dv, source));
    if (!pvc) return;
    if (!pvc.metadata.ownerReferences?.some((r) => r.uid === dv.metadata.uid)) {
      const message = `Resource "${name}" already exists and is not managed by DataVolume`;
      await this.pending(key, 'ErrResourceExists', message);
      return;
    }
    await this.writer.status(key, {
      claimName: name,
      ...(statusOf(dv).progress ? {} : { progress: 'N/A' }),
    });
    if (await this.bound(key, dv, pvc)) await this.populate(key, source, pvc);
  }

  /** Bound condition and event; false (the DataVolume waiting) while the claim is not bound. */
  private async bound(key: string, dv: KubeObject, pvc: KubeObject): Promise<boolean> {
    if ((pvc.status as { phase?: string } | undefined)?.phase !== 'Bound') {
      await this.waitForBinding(key, dv, pvc);
      return false;
    }
    const message = `PVC ${pvc.metadata.name ?? ''} Bound`;
    if (conditionOf(dv, 'Bound')?.status !== 'True')
      await this.writer.event(dv, 'Normal', 'Bound', message);
    await this.writer.status(key, {}, { Bound: { status: 'True', reason: 'Bound', message } });
    return true;
  }

  /**
   * A claim already populated for this DataVolume (`cdi.kubevirt.io/storage.populatedFor`, as a
   * VM restore leaves it): the DataVolume takes it over and succeeds without a transfer.
   */
  private async adopt(key: string, dv: KubeObject, pvc: KubeObject) {
    const uid = dv.metadata.uid ?? '';
    let claim = pvc;
    if (!pvc.metadata.ownerReferences?.some((r) => r.uid === uid)) {
      const owner = {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        name: dv.metadata.name ?? '',
        uid,
        controller: true,
        blockOwnerDeletion: true,
      };
      const others = (pvc.metadata.ownerReferences ?? []).filter((r) => !r.controller);
      claim = await this.store.put(PVCS, {
        ...pvc,
        metadata: { ...pvc.metadata, ownerReferences: [...others, owner] },
      });
    }
    await this.writer.status(key, { claimName: claim.metadata.name });
    if (!(await this.bound(key, dv, claim))) return;
    await this.writer.phase(
      key,
      'Succeeded',
      undefined,
      { progress: '100.0%' },
      {
        Ready: { status: 'True', reason: '', message: '' },
        Running: { status: 'False', reason: '', message: '' },
      },
    );
  }

  private cloneSourceExists(source: CloneSource): boolean {
    if (source.kind === 'pvc') return !!this.store.get(PVCS, source.namespace, source.name);
    return !!snapshotFile(this.store, source.namespace, source.name);
  }

  /** Renders and creates the claim; undefined (with the DataVolume Pending or Failed) if not. */
  private async createClaim(key: string, dv: KubeObject, source: Source) {
    if (isClone(source) && !this.cloneSourceExists(source)) {
      const what = `${source.kind === 'pvc' ? 'PVC' : 'VolumeSnapshot'} ${source.namespace}/${source.name}`;
      const message = `Clone source ${what} not found or not ready`;
      await this.pending(key, 'CloneSourceNotFound', message, {
        Bound: { status: 'False', reason: 'NotFound', message },
      });
      return undefined;
    }
    const rendered = renderClaimSpec(this.store, dv, sourceSize(this.store, source));
    if (isProblem(rendered)) {
      const { reason, message, fatal } = rendered;
      await this.writer.phase(
        key,
        fatal ? 'Failed' : 'Pending',
        ['Warning', reason, message],
        {},
        {
          Bound: { status: 'False', reason, message },
        },
      );
      return undefined;
    }
    const clone = isClone(source) ? cloneTypeFor(this.store, source, rendered) : undefined;
    const { namespace, name } = splitKey(key);
    if (!this.store.get(DATAVOLUMES, namespace, name)) return undefined;
    const claim = newClaim(dv, source, rendered, clone);
    // A quota with no room refuses the claim; CDI keeps the DataVolume Pending and retries.
    const refusal = resourceQuotaRefusal(this.store, PVCS, claim);
    if (refusal) {
      await this.writer.event(dv, 'Warning', 'ErrExceededQuota', refusal.message);
      await this.writer.status(
        key,
        { phase: 'Pending' },
        { Bound: { status: 'Unknown', reason: 'ErrExceededQuota', message: refusal.message } },
      );
      return undefined;
    }
    const pvc = await this.store.put(PVCS, claim);
    if (clone?.fallback) await this.writer.event(dv, 'Warning', ...clone.fallback);
    return pvc;
  }

  /** Bound: fills the claim from the source (or readies it for an upload). */
  private async populate(key: string, source: Source, pvc: KubeObject) {
    const { namespace, name } = splitKey(key);
    // A transfer in flight reports its own end.
    if (this.transfers.busy(key)) return;
    if (pvc.metadata.annotations?.[ANN.podPhase] === 'Succeeded')
      return this.writer.succeeded(
        key,
        source.kind === 'upload' ? 'upload' : isClone(source) ? 'clone' : 'import',
        isClone(source) ? `${source.namespace}/${source.name}` : undefined,
      );
    if (source.kind === 'blank') {
      // A new volume file is all zeros (sparse) already.
      await this.writer.annotateClaim(namespace, name, { [ANN.podPhase]: 'Succeeded' });
      return this.writer.succeeded(key, 'import');
    }
    if (source.kind === 'upload') {
      await this.writer.annotateClaim(namespace, name, {
        [ANN.podPhase]: 'Running',
        [ANN.podReady]: 'true',
      });
      const dv = this.store.get(DATAVOLUMES, namespace, name);
      if (dv && !['UploadScheduled', 'UploadReady'].includes(phaseOf(dv)))
        await this.writer.phase(key, 'UploadScheduled', [
          'Normal',
          'UploadScheduled',
          `Upload into ${name} scheduled`,
        ]);
      await this.writer.phase(
        key,
        'UploadReady',
        ['Normal', 'UploadReady', `Upload into ${name} ready`],
        {},
        {
          Running: { status: 'True', reason: 'Pod is running', message: '' },
          Ready: { status: 'False', reason: 'TransferRunning', message: '' },
        },
      );
      return;
    }
    if (isClone(source)) {
      if (!(await this.cloneSourceIdle(key, source))) return;
      const from = `${source.namespace}/${source.name}`;
      await this.writer.phase(key, 'CloneScheduled', [
        'Normal',
        'CloneScheduled',
        `Cloning from ${from} into ${namespace}/${name} scheduled`,
      ]);
    } else {
      const dv = this.store.get(DATAVOLUMES, namespace, name);
      if (dv && phaseOf(dv) !== 'ImportInProgress')
        await this.writer.phase(key, 'ImportScheduled', [
          'Normal',
          'ImportScheduled',
          `Import into ${name} scheduled`,
        ]);
    }
    await this.writer.annotateClaim(namespace, name, { [ANN.podPhase]: 'Pending' });
    this.transfers.schedule(key);
  }

  /**
   * A clone waits (CloneScheduled) while its source PVC is still being populated by its own
   * DataVolume, or is in use by a running VMI.
   */
  private async cloneSourceIdle(key: string, source: CloneSource): Promise<boolean> {
    if (source.kind !== 'pvc') return true;
    const from = `${source.namespace}/${source.name}`;
    const sourceDv = this.store.get(DATAVOLUMES, source.namespace, source.name);
    if (sourceDv && phaseOf(sourceDv) !== 'Succeeded') {
      await this.writer.phase(
        key,
        'CloneScheduled',
        undefined,
        {},
        {
          Running: {
            status: 'False',
            reason: 'CloneSourceNotPopulated',
            message: `source PVC ${from} is not populated yet`,
          },
        },
      );
      return false;
    }
    const user = claimUser(this.store, source.namespace, source.name);
    if (!user) return true;
    const message = `source PVC ${from} is in use by VirtualMachineInstance ${user}, clone will wait`;
    await this.writer.phase(
      key,
      'CloneScheduled',
      ['Warning', 'CloneSourceInUse', message],
      {},
      {
        Running: { status: 'False', reason: 'CloneSourceInUse', message },
      },
    );
    return false;
  }

  private readyNode(): string | undefined {
    return this.store.list(NODES).find((node) => {
      const conditions = (node.status as { conditions?: Condition[] } | undefined)?.conditions;
      const unschedulable = (node.spec as { unschedulable?: boolean } | undefined)?.unschedulable;
      return !unschedulable && conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    })?.metadata.name;
  }

  private async waitForBinding(key: string, dv: KubeObject, pvc: KubeObject) {
    const { namespace, name } = splitKey(key);
    const className = (pvc.spec as ClaimSpec | undefined)?.storageClassName ?? '';
    const mode = this.store.get(STORAGE_CLASSES, undefined, className)?.volumeBindingMode;
    const message = `PVC ${name} Pending`;
    const conditions: CondUpdates = {
      Bound: { status: 'False', reason: 'Pending', message },
      Ready: NOT_RUNNING,
      Running: NOT_RUNNING,
    };
    let phase = 'Pending';
    if (mode === 'WaitForFirstConsumer' && !pvc.metadata.annotations?.[ANN.selectedNode]) {
      const node = this.readyNode();
      if (dv.metadata.annotations?.[ANN.immediateBinding] !== 'true')
        phase = 'WaitForFirstConsumer';
      else if (node) await this.writer.annotateClaim(namespace, name, { [ANN.selectedNode]: node });
    }
    await this.writer.phase(key, phase, ['Normal', phase, message], {}, conditions);
  }
}
