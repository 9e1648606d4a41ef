import { isDeepStrictEqual } from 'node:util';
import { WorkQueue } from '../controllers/workQueue';
import type { ObjectStore, StoreEvent } from '../store/objectStore';
import type { KubeObject } from '../types';
import { type CdiCondition, setCdiCondition } from './conditions';
import { DATA_SOURCES, DATA_VOLUMES, keyOf, mutate, PVCS, SNAPSHOTS, splitKey } from './objects';

interface SourceRef {
  name?: string;
  namespace?: string;
}
interface DataSourceSource {
  pvc?: SourceRef;
  snapshot?: SourceRef;
}

type Ready = [status: CdiCondition['status'], message: string, reason: string];

/** Whether the object's status phase / readiness says what DataSource readiness needs. */
const readiness = (store: ObjectStore, dataSource: KubeObject, source: DataSourceSource): Ready => {
  const own = dataSource.metadata.namespace ?? '';
  if (source.pvc) {
    const namespace = source.pvc.namespace || own;
    const name = source.pvc.name ?? '';
    const dv = store.get(DATA_VOLUMES, namespace, name);
    if (dv) {
      const phase = (dv.status as { phase?: string } | undefined)?.phase ?? '';
      if (phase === 'Succeeded') return ['True', 'DataSource is ready to be consumed', 'Ready'];
      return ['False', `Import DataVolume phase ${phase}`, phase];
    }
    if (store.get(PVCS, namespace, name))
      return ['True', 'DataSource is ready to be consumed', 'Ready'];
    return ['False', 'PVC not found', 'NotFound'];
  }
  if (source.snapshot) {
    const namespace = source.snapshot.namespace || own;
    const snapshot = store.get(SNAPSHOTS, namespace, source.snapshot.name ?? '');
    if (!snapshot) return ['False', 'Snapshot not found', 'NotFound'];
    if ((snapshot.status as { readyToUse?: boolean } | undefined)?.readyToUse)
      return ['True', 'DataSource is ready to be consumed', 'Ready'];
    return ['False', 'Snapshot phase is not ready', 'SnapshotNotReady'];
  }
  return ['False', 'No source PVC set', 'NoSource'];
};

/**
 * CDI's DataSource controller: `status.source` mirrors `spec.source` (conditions start over
 * when it changes) and condition Ready says whether the PVC (its DataVolume Succeeded) or the
 * VolumeSnapshot (readyToUse) it names can be cloned from.
 */
export class DataSourceController {
  readonly queue: WorkQueue;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly store: ObjectStore) {
    this.queue = new WorkQueue(
      (key) => this.reconcile(key),
      (key, error) => console.error(`datasource ${key}:`, error),
    );
  }

  start() {
    const { store } = this;
    this.unsubscribe.push(
      store.subscribe(DATA_SOURCES, (event) => this.queue.add(keyOf(event.object))),
      store.subscribe(DATA_VOLUMES, (event) => this.referencing(event, 'pvc')),
      store.subscribe(PVCS, (event) => this.referencing(event, 'pvc')),
      store.subscribe(SNAPSHOTS, (event) => this.referencing(event, 'snapshot')),
    );
    for (const dataSource of store.list(DATA_SOURCES)) this.queue.add(keyOf(dataSource));
  }

  stop() {
    for (const off of this.unsubscribe.splice(0)) off();
    this.queue.stop();
  }

  /** Queues the DataSources that name the changed claim, DataVolume or snapshot. */
  private referencing(event: StoreEvent, kind: keyof DataSourceSource) {
    const { namespace = '', name } = event.object.metadata;
    for (const dataSource of this.store.list(DATA_SOURCES)) {
      const ref = ((dataSource.spec ?? {}) as { source?: DataSourceSource }).source?.[kind];
      if (!ref || ref.name !== name) continue;
      if ((ref.namespace || dataSource.metadata.namespace) === namespace)
        this.queue.add(keyOf(dataSource));
    }
  }

  private async reconcile(key: string) {
    const { namespace, name } = splitKey(key);
    await mutate(this.store, DATA_SOURCES, namespace, name, (copy) => {
      const source = ((copy.spec ?? {}) as { source?: DataSourceSource }).source ?? {};
      let status = (copy.status ?? {}) as { source?: unknown; conditions?: CdiCondition[] };
      if (!isDeepStrictEqual(status.source, source))
        status = { ...status, source: structuredClone(source), conditions: [] };
      const [ready, message, reason] = readiness(this.store, copy, source);
      status.conditions = setCdiCondition(status.conditions, 'Ready', ready, message, reason);
      copy.status = status;
      return copy;
    });
  }
}
