import { isDeepStrictEqual } from 'node:util';
import { WorkQueue } from '../controllers/workQueue';
import { keyOf, splitKey } from '../objectRefs';
import type { ObjectStore } from '../store/objectStore';
import { QUOTAS, quotaStatus, resourcesOf } from './usage';

/**
 * kube-controller-manager's resource quota controller: keeps each ResourceQuota's
 * `status.hard` equal to `spec.hard` and `status.used` current, recounting a namespace's
 * quotas whenever an object of a kind they charge changes there.
 */
export class QuotaController {
  readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;

  constructor(private readonly store: ObjectStore) {
    this.queue = new WorkQueue(
      (key) => this.reconcile(key),
      (key, error) => console.error(`resourcequota ${key}:`, error),
    );
    this.unsubscribe = store.subscribe('*', ({ resource, object }) => {
      const { namespace } = object.metadata;
      if (!namespace) return;
      if (resource === QUOTAS) return this.queue.add(keyOf(object));
      for (const quota of store.list(QUOTAS, namespace))
        if (resourcesOf(quota).has(resource)) this.queue.add(keyOf(quota));
    });
    for (const quota of store.list(QUOTAS)) this.queue.add(keyOf(quota));
  }

  stop() {
    this.unsubscribe();
    this.queue.stop();
  }

  private async reconcile(key: string) {
    const { namespace, name } = splitKey(key);
    const quota = this.store.get(QUOTAS, namespace, name);
    if (!quota || quota.metadata.deletionTimestamp) return;
    const status = quotaStatus(this.store, quota);
    if (isDeepStrictEqual(status, quota.status)) return;
    await this.store.put(QUOTAS, { ...quota, status });
  }
}
