import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { PrometheusAlert } from './alerts';
import { prometheusGet, queryMatrix, queryVector } from './client';
import { queryWindow, type TimeRange } from './timeRange';

/** The time in whole seconds, ticking every `everySeconds` (0: never). */
export const useNowSeconds = (everySeconds: number): number => {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    if (!everySeconds) return undefined;
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), everySeconds * 1000);
    return () => clearInterval(timer);
  }, [everySeconds]);
  return now;
};

export interface RangeQueryOptions {
  /** null: do not ask (e.g. the VM is not running). */
  query: string | null;
  /** The namespace a caller who may not see the whole cluster is confined to. */
  namespace?: string;
  range: TimeRange;
  /** How often a preset range moves on, in seconds (0: never). */
  refreshSeconds: number;
}

/**
 * The matrix of one query over a range. The question changes only when the window moves by a
 * step, and the previous answer stays on screen until the next one arrives. A query whose
 * window changed is cancelled (its `signal`), so a long range never piles up behind a short one.
 */
export const useRangeQuery = ({ query, namespace, range, refreshSeconds }: RangeQueryOptions) => {
  const now = useNowSeconds(range.kind === 'last' ? refreshSeconds : 0);
  const window = queryWindow(range, now);
  const result = useQuery({
    queryKey: ['prometheus', 'query_range', namespace ?? '', query, window],
    enabled: !!query,
    retry: false,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => queryMatrix(query ?? '', window, { namespace, signal }),
  });
  return { ...result, window };
};

/** The instant vector of one query, asked again every `refreshSeconds`. */
export const useInstantQuery = (
  query: string | null,
  { namespace, refreshSeconds = 30 }: { namespace?: string; refreshSeconds?: number } = {},
) =>
  useQuery({
    queryKey: ['prometheus', 'query', namespace ?? '', query],
    enabled: !!query,
    retry: false,
    refetchInterval: refreshSeconds * 1000,
    queryFn: ({ signal }) => queryVector(query ?? '', { namespace, signal }),
  });

/** The sum of one query's samples now; null when the vector is empty (no data yet). */
export const usePrometheusValue = (namespace: string, query: string | null) =>
  useQuery({
    queryKey: ['prometheus', 'query', namespace, query],
    enabled: !!query,
    refetchInterval: 30_000,
    retry: false,
    queryFn: ({ signal }) => queryVector(query ?? '', { namespace, signal }),
    select: (samples) =>
      samples.length ? samples.reduce((sum, sample) => sum + Number(sample.value[1]), 0) : null,
  });

/** The firing and pending alerts the caller may see (of `namespace` when confined to one). */
export const useAlerts = <T = PrometheusAlert[]>(
  namespace?: string,
  select?: (alerts: PrometheusAlert[]) => T,
) =>
  useQuery({
    queryKey: ['prometheus', 'alerts', namespace ?? ''],
    refetchInterval: 30_000,
    retry: false,
    queryFn: async ({ signal }) =>
      (await prometheusGet<{ alerts?: PrometheusAlert[] }>('alerts', { namespace }, signal))
        .alerts ?? [],
    select,
  });
