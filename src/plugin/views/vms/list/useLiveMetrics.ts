import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useAccessReview, type AccessAttributes } from '../../../api/access';
import { queryVector } from '../../../api/prometheus/client';
import type { VmListMetricId } from '../../../api/prometheus/vmListQueries';
import type { VmSummary } from '../../../api/vmIndex';
import {
  hasGuest,
  joinAnswers,
  liveRequests,
  liveValue,
  type LiveProblem,
  type LiveScope,
  type LiveValue,
} from './liveMetrics';

/** The live columns are asked again this often. */
export const LIVE_REFRESH_SECONDS = 30;

/**
 * What the BFF (like OpenShift's Thanos querier) asks before it answers a query about the whole
 * cluster. Whoever may not is confined: every question names one project.
 */
const VIEW_CLUSTER_MONITORING: AccessAttributes = { verb: 'get', resource: 'namespaces' };

const METRICS: VmListMetricId[] = ['cpu', 'memory', 'network'];

export type RowLiveValues = Partial<Record<VmListMetricId, LiveValue>>;

export interface LiveMetrics {
  /** The live cells of one row, for the metrics shown. */
  valuesOf(row: VmSummary): RowLiveValues;
  /** Why cells are empty: each reason once, for the column headers. */
  problems: LiveProblem[];
}

/** One metric for the page: its questions (none when not shown), polled, joined to the rows. */
const useLiveMetric = (metric: VmListMetricId, rows: VmSummary[] | null, scope?: LiveScope) => {
  const requests = useMemo(
    () => (rows && scope ? liveRequests(metric, rows, scope) : []),
    [metric, rows, scope],
  );
  return useQuery({
    queryKey: ['prometheus', 'vm-list', metric, requests],
    enabled: requests.length > 0,
    retry: false,
    refetchInterval: LIVE_REFRESH_SECONDS * 1000,
    // While the next page's answer comes, the previous one still fills the rows it had.
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) =>
      joinAnswers(
        requests,
        await Promise.allSettled(
          requests.map((request) =>
            queryVector(request.query, { namespace: request.namespace, signal }),
          ),
        ),
      ),
  });
};

/**
 * Live CPU, memory and network of the rows on a page: per metric shown, one instant query for
 * the page (one per project on it when the user may not view cluster monitoring), every 30 s.
 * `namespace`: the page's project; absent for all projects.
 */
export const useLiveMetrics = (
  rows: VmSummary[],
  namespace: string | undefined,
  shown: VmListMetricId[],
): LiveMetrics => {
  const asking = shown.length > 0 && rows.some(hasGuest);
  const cluster = useAccessReview(!namespace && asking ? VIEW_CLUSTER_MONITORING : null);
  const scope = useMemo((): LiveScope | undefined => {
    if (namespace) return { kind: 'project', namespace };
    if (cluster.loading) return undefined;
    return { kind: cluster.allowed ? 'cluster' : 'confined' };
  }, [namespace, cluster.loading, cluster.allowed]);
  const rowsOf = (metric: VmListMetricId) => (shown.includes(metric) ? rows : null);
  // A fixed set of hooks, one per metric, whichever are shown.
  const cpu = useLiveMetric('cpu', rowsOf('cpu'), scope);
  const memory = useLiveMetric('memory', rowsOf('memory'), scope);
  const network = useLiveMetric('network', rowsOf('network'), scope);
  const results = { cpu, memory, network };

  const valuesOf = (row: VmSummary): RowLiveValues => {
    const values: RowLiveValues = {};
    for (const metric of shown)
      values[metric] = liveValue(row, results[metric].data, results[metric].isPlaceholderData);
    return values;
  };
  const problems: LiveProblem[] = [];
  for (const metric of METRICS)
    for (const problem of (shown.includes(metric) && results[metric].data?.problems) || [])
      if (!problems.some((known) => known.message === problem.message)) problems.push(problem);
  return { valuesOf, problems };
};
