import { setTimeout as sleep } from 'node:timers/promises';
import { kubeRequest, type KubeConnection, type KubeResponse } from '../kube/connection';
import type { KubevirtObject } from './summary';
import type { IndexedKind, VmIndex, WatchEventType } from './vmIndex';

const PATHS: Record<IndexedKind, string> = {
  vm: '/apis/kubevirt.io/v1/virtualmachines',
  vmi: '/apis/kubevirt.io/v1/virtualmachineinstances',
};

/** What the sync logs through (pino's shape). */
export interface SyncLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface VmIndexSyncOptions {
  log?: SyncLogger;
  /** Waits between failed attempts: doubling from `initial` up to `max`, with jitter. */
  backoffMs?: { initial: number; max: number };
  /** Items per list page (`limit`). */
  pageSize?: number;
  /** How long the API server keeps one watch open before the sync resumes it. */
  watchTimeoutSeconds?: number;
}

export interface VmIndexSync {
  /** Resolves once VMs and VMIs have both been listed (the index is then `ready`). */
  readonly synced: Promise<void>;
  /** Lists completed so far (each re-list counts). */
  readonly lists: number;
  stop(): Promise<void>;
}

interface ListBody {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: KubevirtObject[];
}

interface WatchLine {
  type?: WatchEventType | 'BOOKMARK' | 'ERROR';
  object?: KubevirtObject & { code?: number; message?: string };
}

/** A watch that can no longer resume: the caller re-lists. */
class Expired extends Error {}

const readBody = async (response: KubeResponse): Promise<string> => {
  response.setEncoding('utf8');
  let text = '';
  for await (const chunk of response) text += chunk as string;
  return text;
};

const failure = (what: string, status: number | undefined, text: string) => {
  let message = text.slice(0, 200);
  try {
    message = (JSON.parse(text) as { message?: string }).message ?? message;
  } catch {
    // not a Status: keep the text
  }
  return new Error(`${what} answered ${status}: ${message}`);
};

/**
 * Keeps `index` current with the BFF's own credential: lists VMs and VMIs across all namespaces,
 * then watches from the list's resourceVersion (bookmarks on). A watch the server ends is
 * resumed; 410 Expired re-lists at once; a dropped connection or a failed request re-lists after
 * a bounded, growing wait.
 */
export const syncVmIndex = (
  index: VmIndex,
  connection: KubeConnection,
  options: VmIndexSyncOptions = {},
): VmIndexSync => {
  const { initial, max } = options.backoffMs ?? { initial: 250, max: 30_000 };
  const pageSize = options.pageSize ?? 500;
  const aborter = new AbortController();
  const signal = aborter.signal;
  const authorization = connection.token ? `Bearer ${connection.token}` : undefined;
  let lists = 0;
  const listed = new Set<IndexedKind>();
  let markSynced: () => void = () => undefined;
  const synced = new Promise<void>((resolve) => (markSynced = resolve));

  const list = async (kind: IndexedKind): Promise<string> => {
    const items: KubevirtObject[] = [];
    let resourceVersion: string | undefined;
    let token: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (token) query.set('continue', token);
      const response = await kubeRequest(connection, `${PATHS[kind]}?${query}`, {
        authorization,
        signal,
        timeoutMs: 60_000,
      });
      const text = await readBody(response);
      if (response.statusCode !== 200) throw failure(`Listing ${kind}s`, response.statusCode, text);
      const body = JSON.parse(text) as ListBody;
      // Every page is of the first page's snapshot; the watch starts there.
      resourceVersion ??= body.metadata?.resourceVersion;
      items.push(...(body.items ?? []));
      token = body.metadata?.continue || undefined;
    } while (token);
    index.replace(kind, items);
    lists++;
    listed.add(kind);
    if (listed.size === 2 && !index.ready) {
      index.ready = true;
      markSynced();
    }
    return resourceVersion ?? '0';
  };

  /** Streams one watch into the index; resolves with the last version seen when it ends. */
  const watch = async (kind: IndexedKind, from: string): Promise<string> => {
    const timeout = options.watchTimeoutSeconds ?? 300 + Math.floor(Math.random() * 300);
    const query = new URLSearchParams({
      watch: 'true',
      allowWatchBookmarks: 'true',
      resourceVersion: from,
      timeoutSeconds: String(timeout),
    });
    const response = await kubeRequest(connection, `${PATHS[kind]}?${query}`, {
      authorization,
      signal,
    });
    if (response.statusCode === 410) throw new Expired();
    if (response.statusCode !== 200)
      throw failure(`Watching ${kind}s`, response.statusCode, await readBody(response));
    let resourceVersion = from;
    let pending = '';
    const handle = (line: string) => {
      if (!line.trim()) return;
      const { type, object } = JSON.parse(line) as WatchLine;
      if (type === 'ERROR') {
        if (object?.code === 410) throw new Expired();
        throw new Error(`Watching ${kind}s failed: ${object?.message ?? line}`);
      }
      resourceVersion = object?.metadata?.resourceVersion ?? resourceVersion;
      if (type !== 'BOOKMARK' && type && object) index.apply(kind, type, object);
    };
    response.setEncoding('utf8');
    try {
      for await (const chunk of response) {
        const lines = (pending + (chunk as string)).split('\n');
        pending = lines.pop() ?? '';
        lines.forEach(handle);
      }
    } finally {
      response.destroy();
    }
    // A body cut short is a dropped connection, not the server's timeout.
    if (!response.complete) throw new Error(`The watch of ${kind}s was cut off.`);
    handle(pending);
    return resourceVersion;
  };

  const run = async (kind: IndexedKind) => {
    let wait = initial;
    while (!signal.aborted) {
      try {
        let resourceVersion = await list(kind);
        wait = initial;
        for (;;) resourceVersion = await watch(kind, resourceVersion);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof Expired) {
          options.log?.info({ kind }, 'VM index: watch expired, re-listing');
          continue;
        }
        options.log?.warn(
          { kind, err: (error as Error).message, retryMs: wait },
          'VM index: list or watch failed, re-listing',
        );
        await sleep(wait * (0.75 + Math.random() / 2), undefined, { signal }).catch(
          () => undefined,
        );
        wait = Math.min(max, wait * 2);
      }
    }
  };

  const running = Promise.all([run('vm'), run('vmi')]);
  return {
    synced,
    get lists() {
      return lists;
    },
    async stop() {
      aborter.abort();
      await running;
    },
  };
};
