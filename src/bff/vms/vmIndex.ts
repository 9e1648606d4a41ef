import {
  COMPARATORS,
  decodeContinue,
  DEFAULT_LIMIT,
  encodeContinue,
  MAX_LIMIT,
  rowFilter,
  Row,
  type SortKey,
  type VmPage,
  type VmQuery,
} from './query';
import {
  sameSummary,
  summarize,
  vmFacts,
  vmiFacts,
  type KubevirtObject,
  type VmFacts,
  type VmiFacts,
} from './summary';

export type IndexedKind = 'vm' | 'vmi';
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Which namespaces a caller may list VMs in. */
export type AllowedNamespaces = ReadonlySet<string> | 'all';

export interface IndexChange {
  resourceVersion: string;
  namespaces: ReadonlySet<string>;
}

/** Past this many changed rows at once (a re-list), sorted orders are rebuilt, not patched. */
const BULK_CHANGES = 512;
/** Below this share of all rows, a namespace-limited page sorts its few rows itself. */
const SMALL_SHARE = 1 / 8;

const keyOf = (object: KubevirtObject) =>
  `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;

/**
 * Every VM and VMI of the cluster as list rows, in memory: per-namespace maps, and one sorted
 * array per sort key, built on first use and patched in place on each change (a binary search
 * and a splice), so a page is a scan of one array. Fed by `syncVmIndex` (or directly through
 * `apply`/`replace`); answers `query` for a caller's visible namespaces.
 */
export class VmIndex {
  private readonly vms = new Map<string, VmFacts>();
  private readonly vmis = new Map<string, VmiFacts>();
  private readonly rows = new Map<string, Row>();
  private readonly byNamespace = new Map<string, Map<string, Row>>();
  private readonly sorted = new Map<SortKey, Row[]>();
  private readonly listeners = new Set<(change: IndexChange) => void>();
  private changedNamespaces = new Set<string>();
  private changedRows = 0;
  private version = 0;
  /** Set once both kinds have been listed (by the sync). */
  ready = false;

  get resourceVersion(): string {
    return String(this.version);
  }

  get size(): number {
    return this.rows.size;
  }

  /** Namespaces that hold at least one row. */
  namespaces(): string[] {
    return [...this.byNamespace.keys()];
  }

  /** One watch event. */
  apply(kind: IndexedKind, type: WatchEventType, object: KubevirtObject): void {
    this.store(kind, type, object);
    this.commit();
  }

  /** A fresh list of one kind: what it lacks is gone. */
  replace(kind: IndexedKind, objects: KubevirtObject[]): void {
    const map: Map<string, VmFacts | VmiFacts> = kind === 'vm' ? this.vms : this.vmis;
    const listed = new Set(objects.map(keyOf));
    for (const [key, facts] of map)
      if (!listed.has(key)) {
        map.delete(key);
        this.refresh(key, facts.namespace);
      }
    for (const object of objects) this.store(kind, 'MODIFIED', object);
    this.commit();
  }

  /** Called after every change that shows; returns the unsubscribe function. */
  subscribe(listener: (change: IndexChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private store(kind: IndexedKind, type: WatchEventType, object: KubevirtObject) {
    const key = keyOf(object);
    if (type === 'DELETED') {
      if (!(kind === 'vm' ? this.vms : this.vmis).delete(key)) return;
    } else if (kind === 'vm') this.vms.set(key, vmFacts(object));
    else this.vmis.set(key, vmiFacts(object));
    this.refresh(key, object.metadata?.namespace ?? '');
  }

  /** Recomputes the row of `key` from its VM and VMI. */
  private refresh(key: string, namespace: string) {
    const vm = this.vms.get(key);
    const vmi = this.vmis.get(key);
    // A VMI whose VM is gone is being collected with it: not a standalone VM.
    const summary = vm || (vmi && !vmi.ownedByVM) ? summarize(vm, vmi) : undefined;
    const before = this.rows.get(key);
    if (before && summary && sameSummary(before.summary, summary)) return;
    const after = summary && new Row(key, summary);
    let inNamespace = this.byNamespace.get(namespace);
    if (after) {
      this.rows.set(key, after);
      if (!inNamespace) this.byNamespace.set(namespace, (inNamespace = new Map()));
      inNamespace.set(key, after);
    } else {
      if (!before) return;
      this.rows.delete(key);
      inNamespace?.delete(key);
      if (inNamespace?.size === 0) this.byNamespace.delete(namespace);
    }
    this.changedNamespaces.add(namespace);
    if (++this.changedRows > BULK_CHANGES) this.sorted.clear();
    else for (const [sort, rows] of this.sorted) patchSorted(rows, sort, before, after);
  }

  private commit() {
    if (this.changedRows === 0) return;
    this.version++;
    const change = { resourceVersion: this.resourceVersion, namespaces: this.changedNamespaces };
    this.changedNamespaces = new Set();
    this.changedRows = 0;
    for (const listener of this.listeners) listener(change);
  }

  private sortedBy(sort: SortKey): Row[] {
    let rows = this.sorted.get(sort);
    if (!rows) {
      rows = [...this.rows.values()].sort(COMPARATORS[sort]);
      this.sorted.set(sort, rows);
    }
    return rows;
  }

  /** One page of the rows `allowed` may see that match `query`. */
  query(query: VmQuery, allowed: AllowedNamespaces): VmPage {
    const sort = query.sort ?? 'name';
    const descending = query.order === 'desc';
    const limit = Math.min(Math.max(1, Math.floor(query.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
    const offset = query.continue ? decodeContinue(query.continue, query) : 0;
    const namespaces = visibleNamespaces(query.namespace, allowed);
    const filter = rowFilter(query, namespaces);

    let total = 0;
    const items: Row[] = [];
    const take = (row: Row) => {
      if (total >= offset && total < offset + limit) items.push(row);
      total++;
    };
    const candidates = namespaces && this.rowsIn(namespaces);
    if (candidates) {
      // Few rows to look at: filter them, then sort just those.
      const matching = filter ? candidates.filter(filter) : candidates;
      matching.sort(COMPARATORS[sort]);
      if (descending) matching.reverse();
      total = matching.length;
      items.push(...matching.slice(offset, offset + limit));
    } else {
      const rows = this.sortedBy(sort);
      if (!filter) {
        total = rows.length;
        const start = descending ? rows.length - offset - limit : offset;
        const page = rows.slice(Math.max(0, start), Math.max(0, start + limit));
        items.push(...(descending ? page.reverse() : page));
      } else if (descending) {
        for (let i = rows.length - 1; i >= 0; i--) if (filter(rows[i] as Row)) take(rows[i] as Row);
      } else for (const row of rows) if (filter(row)) take(row);
    }
    const next = offset + items.length;
    return {
      items: items.map((row) => row.summary),
      total,
      continue: next < total ? encodeContinue(next, this.version, query) : undefined,
      resourceVersion: this.resourceVersion,
    };
  }

  /** The rows of `namespaces`, when they are few enough to sort on their own. */
  private rowsIn(namespaces: ReadonlySet<string>): Row[] | undefined {
    let count = 0;
    for (const namespace of namespaces) count += this.byNamespace.get(namespace)?.size ?? 0;
    if (count > this.rows.size * SMALL_SHARE) return undefined;
    const rows: Row[] = [];
    for (const namespace of namespaces)
      for (const row of this.byNamespace.get(namespace)?.values() ?? []) rows.push(row);
    return rows;
  }
}

/** The namespaces a page may draw from: those asked for, within those allowed. */
const visibleNamespaces = (
  asked: string[] | undefined,
  allowed: AllowedNamespaces,
): ReadonlySet<string> | undefined => {
  if (!asked?.length) return allowed === 'all' ? undefined : allowed;
  return new Set(allowed === 'all' ? asked : asked.filter((namespace) => allowed.has(namespace)));
};

/** First index whose row is not before `row` in the order. */
const lowerBound = (rows: Row[], row: Row, compare: (a: Row, b: Row) => number) => {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(rows[middle] as Row, row) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
};

const patchSorted = (rows: Row[], sort: SortKey, before?: Row, after?: Row) => {
  const compare = COMPARATORS[sort];
  if (before) {
    const at = lowerBound(rows, before, compare);
    const found = rows[at] === before ? at : rows.indexOf(before);
    if (found >= 0) rows.splice(found, 1);
  }
  if (after) rows.splice(lowerBound(rows, after, compare), 0, after);
};
