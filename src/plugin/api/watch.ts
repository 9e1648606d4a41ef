import { skipToken, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { k8sList, notFoundError } from './k8s';
import { ListWatch, type ListWatchState } from './listWatch';
import { ALL_NAMESPACES_KEY, apiPath, type ResourceModel } from './models';
import type { K8sObject } from './types';
import { WatchConnection } from './watchConnection';

export interface WatchListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** The react-query key a watched collection's state lives under. */
export const watchQueryKey = (model: ResourceModel, opts: WatchListOptions) =>
  [
    'k8s',
    'watch',
    model.group,
    model.version,
    model.plural,
    (model.namespaced && opts.namespace !== ALL_NAMESPACES_KEY && opts.namespace) || '',
    opts.labelSelector ?? '',
    opts.fieldSelector ?? '',
  ] as const;

interface Entry {
  users: number;
  listWatch: ListWatch<K8sObject>;
  releaseTimer?: ReturnType<typeof setTimeout>;
}

/** One socket per page, for every watch of every hook. */
let connection: WatchConnection | undefined;
const entries = new Map<string, Entry>();

const sharedConnection = () => (connection ??= new WatchConnection());

/**
 * Starts (or joins) the list-and-watch of one collection; its state goes to `queryClient` under
 * `watchQueryKey`. The function returned leaves it: the last one out stops the watch (after the
 * current task, so a remount at once keeps it).
 */
export const acquireWatch = (
  queryClient: QueryClient,
  model: ResourceModel,
  opts: WatchListOptions,
): (() => void) => {
  const queryKey = watchQueryKey(model, opts);
  const id = JSON.stringify(queryKey);
  let entry = entries.get(id);
  if (!entry) {
    const namespace =
      model.namespaced && opts.namespace !== ALL_NAMESPACES_KEY ? opts.namespace : undefined;
    const listWatch = new ListWatch<K8sObject>({
      list: () => k8sList(model, { ...opts, namespace }),
      watch: {
        path: apiPath(model, { namespace }),
        labelSelector: opts.labelSelector,
        fieldSelector: opts.fieldSelector,
      },
      connection: sharedConnection(),
      onChange: (state) => queryClient.setQueryData(queryKey, state),
    });
    entry = { users: 0, listWatch };
    entries.set(id, entry);
    listWatch.start();
  }
  clearTimeout(entry.releaseTimer);
  entry.users += 1;
  const joined = entry;
  let left = false;
  return () => {
    if (left) return;
    left = true;
    joined.users -= 1;
    if (joined.users > 0) return;
    joined.releaseTimer = setTimeout(() => {
      if (joined.users > 0 || entries.get(id) !== joined) return;
      entries.delete(id);
      joined.listWatch.stop();
    }, 0);
  };
};

/** Stops every watch and closes the socket (the session ended, or a test is done). */
export const stopAllWatches = () => {
  for (const entry of entries.values()) {
    clearTimeout(entry.releaseTimer);
    entry.listWatch.stop();
  }
  entries.clear();
  connection?.dispose();
  connection = undefined;
};

/** Collections watched now (for tests and diagnostics). */
export const activeWatchCount = () => entries.size;

const EMPTY: never[] = [];

const useWatchState = <T>(model: ResourceModel, opts: WatchListOptions | null) => {
  const queryClient = useQueryClient();
  const queryKey = opts ? watchQueryKey(model, opts) : null;
  const id = queryKey && JSON.stringify(queryKey);
  useEffect(() => {
    if (!opts) return undefined;
    return acquireWatch(queryClient, model, opts);
    // `id` names model and options; the objects themselves may be new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryClient, id]);
  // The cache is the store: the watch writes it, this only reads (and re-renders per batch).
  const { data } = useQuery<ListWatchState<T>>({
    queryKey: queryKey ?? ['k8s', 'watch', 'none'],
    queryFn: skipToken,
    structuralSharing: false,
  });
  return opts ? data : undefined;
};

/**
 * A live list: listed through `k8s/`, then kept current by a watch over the page's one
 * `k8s-watch` socket. `null` options watch nothing. `loaded` turns true with the first answer,
 * items or `error` (the server's Status: show it with `errorMessage`).
 */
export const useK8sWatchList = <T extends K8sObject = K8sObject>(
  model: ResourceModel,
  opts: WatchListOptions | null,
): { data: T[]; loaded: boolean; error?: unknown } => {
  const state = useWatchState<T>(model, opts);
  return { data: state?.items ?? EMPTY, loaded: state?.loaded ?? false, error: state?.error };
};

/**
 * One live object, watched by name. `loaded && !data` is "not found": `error` then carries the
 * 404, until the object appears.
 */
export const useK8sWatchObject = <T extends K8sObject = K8sObject>(
  model: ResourceModel,
  ref: { namespace?: string; name: string } | null,
): { data?: T; loaded: boolean; error?: unknown } => {
  const state = useWatchState<T>(
    model,
    ref ? { namespace: ref.namespace, fieldSelector: `metadata.name=${ref.name}` } : null,
  );
  const data = state?.items[0];
  const loaded = state?.loaded ?? false;
  const missing = loaded && !data && !state?.error;
  const name = ref?.name;
  const notFound = useMemo(
    () => (missing && name !== undefined ? notFoundError(model, name) : undefined),
    [missing, model, name],
  );
  return { data, loaded, error: state?.error ?? notFound };
};
