import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { VmPage, VmQuery } from '../../common/vms';
import { bffURL, getFromBFF } from './bff';

export type { SortKey, VmCondition, VmPage, VmQuery, VmSummary } from '../../common/vms';
export { SORT_KEYS } from '../../common/vms';

/** A page's question, as the `vms` route takes it. */
export type VmQueryParams = VmQuery;

/** `text=…&namespace=a,b&…`: the query string of the `vms` route (empty values left out). */
export const vmIndexSearch = (query: VmQueryParams): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const text = Array.isArray(value) ? value.join(',') : value === undefined ? '' : String(value);
    if (text !== '') params.set(key, text);
  }
  return params.toString();
};

type Listener = (resourceVersion: string) => void;

/** One `vms/events` stream per page, shared by every hook that shows the index. */
const listeners = new Set<Listener>();
let source: EventSource | undefined;
let reopenTimer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

const openEvents = () => {
  const events = new EventSource(bffURL('vms/events'));
  source = events;
  events.onmessage = (message: MessageEvent<string>) => {
    failures = 0;
    let resourceVersion: string | undefined;
    try {
      resourceVersion = (JSON.parse(message.data) as { resourceVersion?: string }).resourceVersion;
    } catch {
      return;
    }
    if (resourceVersion) for (const listener of listeners) listener(resourceVersion);
  };
  events.onerror = () => {
    // The browser retries a dropped stream itself; a refused one (503 while the index loads,
    // 401) is closed for good: open it again later.
    if (events.readyState !== EventSource.CLOSED || source !== events) return;
    source = undefined;
    const delay = Math.min(30_000, 1000 * 2 ** failures);
    failures += 1;
    reopenTimer = setTimeout(() => {
      reopenTimer = undefined;
      if (listeners.size > 0 && !source) openEvents();
    }, delay);
  };
};

/** Calls `listener` with the index's version whenever VMs the user may see change. */
export const subscribeVmIndexEvents = (listener: Listener): (() => void) => {
  listeners.add(listener);
  if (!source && !reopenTimer) openEvents();
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    clearTimeout(reopenTimer);
    reopenTimer = undefined;
    source?.close();
    source = undefined;
    failures = 0;
  };
};

/**
 * A page of the server-side VM index (filtered, sorted, across the namespaces the user may
 * list), fetched again whenever `vms/events` says the index moved past it. The previous page
 * stays shown while the next question loads.
 */
export const useVmIndexPage = (
  query: VmQueryParams,
): { page?: VmPage; loading: boolean; error?: unknown; refetch(): void } => {
  const search = vmIndexSearch(query);
  const result = useQuery({
    queryKey: ['bff', 'vms', search],
    queryFn: () => getFromBFF<VmPage>(`vms${search ? `?${search}` : ''}`),
    placeholderData: keepPreviousData,
  });
  const { refetch } = result;
  const shown = useRef<string | undefined>(undefined);
  const resourceVersion = result.data?.resourceVersion;
  useEffect(() => {
    shown.current = resourceVersion;
  }, [resourceVersion]);
  useEffect(
    () =>
      subscribeVmIndexEvents((resourceVersion) => {
        // An in-flight fetch is not cancelled: under steady churn it must still finish.
        if (resourceVersion !== shown.current) void refetch({ cancelRefetch: false });
      }),
    [refetch],
  );
  return {
    page: result.data,
    loading: result.isPending || (result.isFetching && result.isPlaceholderData),
    error: result.error ?? undefined,
    refetch: () => void refetch(),
  };
};
