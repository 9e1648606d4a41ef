import type { KubeObject } from '../types';
import { nameOf } from '../objectRefs';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change, as watchers receive it. `resource` is `group/plural` (`core/pods`). */
export interface StoreEvent {
  type: WatchEventType;
  rv: number;
  resource: string;
  object: KubeObject;
}

/** What the store needs from durable storage (the journal; a memory stand-in in some tests). */
export interface DurableLog {
  append(
    records: { rv: number; op: 'put' | 'delete'; key: string; object?: KubeObject }[],
  ): Promise<void>;
}

export const objectKey = (resource: string, namespace: string | undefined, name: string) =>
  `${resource}/${namespace ?? ''}/${name}`;

const parseKey = (key: string) => {
  const parts = key.split('/');
  // group/plural/namespace/name; group and plural never contain '/'
  return {
    resource: `${parts[0]}/${parts[1]}`,
    namespace: parts[2] ?? '',
    name: parts.slice(3).join('/'),
  };
};

/**
 * Every object of the cluster, in memory, made durable through the log before any watcher hears
 * of a change. Writes update memory synchronously (so a check-then-write in one tick cannot race)
 * and resolve once the log has them on disk. Stored objects are never mutated: callers replace.
 */
export class ObjectStore {
  private readonly objects = new Map<string, Map<string, Map<string, KubeObject>>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Map<string, Set<(event: StoreEvent) => void>>();
  private emitChain: Promise<void> = Promise.resolve();
  private readonly sortedCache = new Map<string, KubeObject[]>();
  /** uid → object key, and owner uid → keys of its dependents (for garbage collection). */
  private readonly uids = new Map<string, string>();
  private readonly owned = new Map<string, Set<string>>();
  lastRV: number;

  constructor(
    private readonly log: DurableLog,
    initial: { objects: Map<string, KubeObject>; lastRV: number },
    private readonly historySize = 50_000,
  ) {
    this.lastRV = initial.lastRV;
    for (const [key, object] of initial.objects) {
      const { resource, namespace, name } = parseKey(key);
      this.bucket(resource, namespace).set(name, object);
      this.index(key, undefined, object);
    }
  }

  private index(key: string, before: KubeObject | undefined, after: KubeObject | undefined) {
    if (before?.metadata.uid) this.uids.delete(before.metadata.uid);
    for (const ref of before?.metadata.ownerReferences ?? []) this.owned.get(ref.uid)?.delete(key);
    if (after?.metadata.uid) this.uids.set(after.metadata.uid, key);
    for (const ref of after?.metadata.ownerReferences ?? []) {
      let keys = this.owned.get(ref.uid);
      if (!keys) this.owned.set(ref.uid, (keys = new Set()));
      keys.add(key);
    }
  }

  hasUid(uid: string): boolean {
    return this.uids.has(uid);
  }

  /** Objects whose ownerReferences name `uid`. */
  snapshotOwned(uid: string): KubeObject[] {
    return [...(this.owned.get(uid) ?? [])].flatMap((key) => {
      const { resource, namespace, name } = parseKey(key);
      const object = this.get(resource, namespace, name);
      return object ? [object] : [];
    });
  }

  /** The oldest resourceVersion a watch can still resume from (older ones get 410 Gone). */
  get oldestResumableRV(): number {
    const oldest = this.history[0];
    return oldest ? oldest.rv - 1 : this.lastRV;
  }

  private bucket(resource: string, namespace: string) {
    let byNamespace = this.objects.get(resource);
    if (!byNamespace) this.objects.set(resource, (byNamespace = new Map()));
    let byName = byNamespace.get(namespace);
    if (!byName) byNamespace.set(namespace, (byName = new Map()));
    return byName;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects
      .get(resource)
      ?.get(namespace ?? '')
      ?.get(name);
  }

  /** Objects of a resource, in one namespace or all, ordered by namespace then name. */
  list(resource: string, namespace?: string): KubeObject[] {
    const byNamespace = this.objects.get(resource);
    if (!byNamespace) return [];
    if (namespace === undefined) {
      // Sorting 100k names on every list would dominate paging; keep the order until a write.
      let sorted = this.sortedCache.get(resource);
      if (!sorted) this.sortedCache.set(resource, (sorted = this.sortedList(byNamespace)));
      return sorted;
    }
    return this.sortedList(byNamespace, namespace);
  }

  private sortedList(
    byNamespace: Map<string, Map<string, KubeObject>>,
    namespace?: string,
  ): KubeObject[] {
    const spaces = namespace !== undefined ? [namespace] : [...byNamespace.keys()].sort();
    return spaces.flatMap((ns) => {
      const byName = byNamespace.get(ns);
      return byName
        ? [...byName.entries()]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([, object]) => object)
        : [];
    });
  }

  count(resource: string): number {
    let total = 0;
    for (const byName of this.objects.get(resource)?.values() ?? []) total += byName.size;
    return total;
  }

  /** Stores `object` (new or replacing), stamping the next resourceVersion. */
  async put(resource: string, object: KubeObject): Promise<KubeObject> {
    const { namespace, name } = object.metadata;
    if (!name) throw new Error('store: object without a name');
    const rv = ++this.lastRV;
    const stored: KubeObject = {
      ...object,
      metadata: { ...object.metadata, resourceVersion: String(rv) },
    };
    const byName = this.bucket(resource, namespace ?? '');
    this.sortedCache.delete(resource);
    const before = byName.get(name);
    const type: WatchEventType = before ? 'MODIFIED' : 'ADDED';
    byName.set(name, stored);
    this.index(objectKey(resource, namespace, name), before, stored);
    await this.commit({ type, rv, resource, object: stored }, 'put');
    return stored;
  }

  /** Removes the object; watchers get it with a fresh resourceVersion, as the API server does. */
  async remove(resource: string, object: KubeObject): Promise<KubeObject> {
    const { namespace, name } = object.metadata;
    const byName = this.objects.get(resource)?.get(namespace ?? '');
    if (!name || !byName?.has(name)) throw new Error(`store: no ${resource} ${namespace}/${name}`);
    this.sortedCache.delete(resource);
    this.index(objectKey(resource, namespace, name), byName.get(name), undefined);
    byName.delete(name);
    const rv = ++this.lastRV;
    const removed: KubeObject = {
      ...object,
      metadata: { ...object.metadata, resourceVersion: String(rv) },
    };
    await this.commit({ type: 'DELETED', rv, resource, object: removed }, 'delete');
    return removed;
  }

  private async commit(event: StoreEvent, op: 'put' | 'delete') {
    const key = objectKey(event.resource, event.object.metadata.namespace, nameOf(event.object));
    const durable = this.log.append([
      { rv: event.rv, op, key, object: op === 'put' ? event.object : undefined },
    ]);
    // Watchers hear of changes in resourceVersion order, and only once they are durable.
    this.emitChain = this.emitChain.then(async () => {
      // A change that never reached the disk is never announced (the writer gets the error).
      if (
        !(await durable.then(
          () => true,
          () => false,
        ))
      )
        return;
      this.history.push(event);
      if (this.history.length > this.historySize)
        this.history.splice(0, this.history.length - this.historySize);
      for (const listener of this.listeners.get(event.resource) ?? []) listener(event);
      for (const listener of this.listeners.get('*') ?? []) listener(event);
    });
    await durable;
  }

  /** Events of a resource after `rv`, or 'expired' when history no longer reaches back that far. */
  eventsSince(resource: string, rv: number): StoreEvent[] | 'expired' {
    if (rv < this.oldestResumableRV) return 'expired';
    return this.history.filter((e) => e.rv > rv && (resource === '*' || e.resource === resource));
  }

  /** Listens to changes of one resource (`*` for all); returns the unsubscribe function. */
  subscribe(resource: string, listener: (event: StoreEvent) => void): () => void {
    let set = this.listeners.get(resource);
    if (!set) this.listeners.set(resource, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Resolves once every change made so far has reached the watchers. */
  settled(): Promise<void> {
    return this.emitChain;
  }

  /** The full state, as the journal's compaction wants it. */
  snapshot(): { objects: Map<string, KubeObject>; lastRV: number } {
    const objects = new Map<string, KubeObject>();
    for (const [resource, byNamespace] of this.objects) {
      for (const [namespace, byName] of byNamespace) {
        for (const [name, object] of byName)
          objects.set(objectKey(resource, namespace, name), object);
      }
    }
    return { objects, lastRV: this.lastRV };
  }
}
