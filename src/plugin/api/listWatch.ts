import type { KubernetesStatus } from '../../common/cluster-info';
import { StatusError, type K8sList } from './k8s';
import type { K8sObject } from './types';
import type { WatchConnection, WatchEvent, WatchRequest } from './watchConnection';

/** What a watched list shows: its items in list order, whether the first answer came, why not. */
export interface ListWatchState<T> {
  items: T[];
  /** The first list answered (with items or with `error`). */
  loaded: boolean;
  error?: unknown;
  resourceVersion?: string;
}

export interface ListWatchOptions<T> {
  list(): Promise<K8sList<T>>;
  /** The collection to watch (path and selectors); the version comes from the list. */
  watch: Omit<WatchRequest, 'resourceVersion'>;
  connection: WatchConnection;
  onChange(state: ListWatchState<T>): void;
  /** Runs `flush` once for a burst of events; default: the next animation frame (≤ 100 ms). */
  schedule?: (flush: () => void) => void;
  /** Waits before listing again after a failure the server may recover from. */
  retry?: { initialMs: number; maxMs: number };
}

/** An object's identity in a list: its uid, else namespace and name. */
export const objectKey = (object: K8sObject): string =>
  object.metadata?.uid ?? `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;

const nextFrame = (flush: () => void) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
    flush();
  };
  // A hidden tab has no frames: the timer still drains the events.
  const timer = setTimeout(once, 100);
  const frame =
    typeof requestAnimationFrame === 'function' ? requestAnimationFrame(once) : undefined;
};

const statusCode = (error: unknown): number | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
};

/** Worth listing again later: the cluster or the BFF may come back (not a refusal). */
const isTransient = (error: unknown): boolean => {
  const code = statusCode(error);
  return code === undefined || code >= 500 || code === 429;
};

/**
 * One collection, kept current: list, then watch from the list's version over the shared
 * socket. Events are applied in order, a burst at a time (one `onChange` per frame, unchanged
 * objects keep their identity so rows need not re-render). A 410 Expired, a watch the server
 * closed or a socket that dropped and came back lists again; transient failures retry with
 * backoff.
 */
export class ListWatch<T extends K8sObject> {
  private byKey = new Map<string, T>();
  private state: ListWatchState<T> = { items: [], loaded: false };
  private pending: WatchEvent[] = [];
  private flushScheduled = false;
  private generation = 0;
  private stopWatch: (() => void) | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  /** 410s since the last event: a watch that keeps expiring at once backs off. */
  private expiries = 0;
  private stopped = true;

  constructor(private readonly options: ListWatchOptions<T>) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.relist();
  }

  stop(): void {
    this.stopped = true;
    this.generation += 1;
    this.stopWatch?.();
    this.stopWatch = undefined;
    clearTimeout(this.retryTimer);
    this.pending = [];
  }

  get current(): ListWatchState<T> {
    return this.state;
  }

  private emit(next: Partial<ListWatchState<T>>) {
    this.state = { ...this.state, ...next };
    this.options.onChange(this.state);
  }

  private relist() {
    const generation = ++this.generation;
    this.stopWatch?.();
    this.stopWatch = undefined;
    clearTimeout(this.retryTimer);
    this.pending = [];
    this.options.list().then(
      (list) => {
        if (generation !== this.generation) return;
        this.failures = 0;
        // Objects unchanged since the last list keep their identity.
        const next = new Map<string, T>();
        for (const item of list.items) {
          const key = objectKey(item);
          const known = this.byKey.get(key);
          next.set(
            key,
            known && known.metadata?.resourceVersion === item.metadata?.resourceVersion
              ? known
              : item,
          );
        }
        this.byKey = next;
        const resourceVersion = list.metadata.resourceVersion;
        this.emit({ items: [...next.values()], loaded: true, error: undefined, resourceVersion });
        this.startWatch(generation, resourceVersion);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.emit({ loaded: true, error });
        if (isTransient(error)) this.retryLater();
      },
    );
  }

  private startWatch(generation: number, resourceVersion: string | undefined) {
    this.stopWatch = this.options.connection.watch(
      { ...this.options.watch, resourceVersion },
      {
        onEvent: (event) => {
          if (generation !== this.generation) return;
          this.expiries = 0;
          this.pending.push(event);
          this.scheduleFlush();
        },
        onEnd: (status) => {
          if (generation !== this.generation) return;
          this.stopWatch = undefined;
          this.ended(status);
        },
        onReconnect: () => {
          if (generation !== this.generation) return;
          this.stopWatch = undefined;
          this.relist();
        },
      },
    );
  }

  private ended(status: KubernetesStatus | undefined) {
    // Events already received still count: apply them before anything else.
    this.flush();
    if (!status) return this.relist();
    if (status.code === 410 || status.reason === 'Expired' || status.reason === 'Gone') {
      // Expired: the list is the new starting point. Back off only if it keeps expiring.
      this.expiries += 1;
      if (this.expiries <= 1) return this.relist();
      return this.retryLater();
    }
    const error = new StatusError(status);
    this.emit({ error });
    if (isTransient(error)) this.retryLater();
  }

  private retryLater() {
    const { initialMs, maxMs } = this.options.retry ?? { initialMs: 1000, maxMs: 30_000 };
    const delay = Math.min(maxMs, initialMs * 2 ** Math.min(this.failures, 10));
    this.failures += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (!this.stopped) this.relist();
    }, delay);
  }

  private scheduleFlush() {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const generation = this.generation;
    (this.options.schedule ?? nextFrame)(() => {
      this.flushScheduled = false;
      if (generation === this.generation) this.flush();
    });
  }

  /** Applies the queued events in the order they came, then tells the owner once. */
  private flush() {
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    let resourceVersion = this.state.resourceVersion;
    for (const { type, object } of events) {
      const item = object as T;
      const key = objectKey(item);
      if (type === 'DELETED') this.byKey.delete(key);
      else if (type === 'ADDED' || type === 'MODIFIED') this.byKey.set(key, item);
      resourceVersion = item.metadata?.resourceVersion ?? resourceVersion;
    }
    this.emit({ items: [...this.byKey.values()], resourceVersion });
  }
}
