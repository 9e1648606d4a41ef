import { errorMessage } from '../../../api/bff';
import { MetricsUnavailable, type VectorSample } from '../../../api/prometheus/client';
import {
  VM_LIST_METRICS,
  vmListSelector,
  type VmListMetricId,
} from '../../../api/prometheus/vmListQueries';
import type { VmSummary } from '../../../api/vmIndex';

/** Statuses with a guest whose usage Prometheus has; the other rows show "—" and are not asked. */
const WITH_GUEST = new Set(['Running', 'Paused', 'Migrating', 'Stopping']);

export const hasGuest = (row: VmSummary): boolean => WITH_GUEST.has(row.status);

export const liveKey = (namespace: string, name: string): string => `${namespace}/${name}`;

/**
 * Where a page's questions go. `project`: the page is one project. `cluster`: all projects, and
 * the user may view cluster monitoring (one question for the page's projects). `confined`: all
 * projects, the user may not: one question per project on the page, each naming its project.
 */
export type LiveScope = { kind: 'project'; namespace: string } | { kind: 'cluster' | 'confined' };

/** One question to Prometheus, and the rows (`ns/name`) its answer is for. */
export interface LiveRequest {
  query: string;
  /** The project a confined caller names (`namespace=`). */
  namespace?: string;
  rows: string[];
}

/**
 * Past this many characters of names the selector names the projects only (the rows are then
 * picked from the answer): a 200-row page of long names would not fit in a URL.
 */
export const NAMES_BUDGET = 3000;

const sortedUnique = (values: string[]) => [...new Set(values)].sort();

/** The questions of one metric for a page: one, or one per project when the user is confined. */
export const liveRequests = (
  metric: VmListMetricId,
  rows: VmSummary[],
  scope: LiveScope,
): LiveRequest[] => {
  const running = rows.filter(hasGuest);
  if (!running.length) return [];
  const ask = (namespace: string | string[], group: VmSummary[], confinedTo?: string) => {
    const names = sortedUnique(group.map((row) => row.name));
    const selector = vmListSelector(
      namespace,
      names.join('|').length <= NAMES_BUDGET ? names : undefined,
    );
    return {
      query: VM_LIST_METRICS[metric].query(selector),
      ...(confinedTo ? { namespace: confinedTo } : {}),
      rows: sortedUnique(group.map((row) => liveKey(row.namespace, row.name))),
    };
  };
  if (scope.kind === 'project') return [ask(scope.namespace, running, scope.namespace)];
  const namespaces = sortedUnique(running.map((row) => row.namespace));
  if (scope.kind === 'cluster') {
    const [only] = namespaces;
    return [ask(namespaces.length === 1 && only ? only : namespaces, running)];
  }
  return namespaces.map((namespace) =>
    ask(
      namespace,
      running.filter((row) => row.namespace === namespace),
      namespace,
    ),
  );
};

/** Why a question got no answer. */
export interface LiveProblem {
  reason: MetricsUnavailable['reason'] | 'error';
  message: string;
}

/** What Prometheus said for one metric of a page, joined by `ns/name` (plain JSON, so unchanged
 * values keep their identity across polls). */
export interface LiveAnswer {
  values: Record<string, number>;
  /** Rows whose question was answered: no value for one of them means no data yet. */
  answered: string[];
  /** Each distinct reason once, however many questions failed for it. */
  problems: LiveProblem[];
}

const problemOf = (error: unknown): LiveProblem =>
  error instanceof MetricsUnavailable
    ? { reason: error.reason, message: error.message }
    : { reason: 'error', message: errorMessage(error) };

/** The answers of a page's questions, in order, joined to its rows. */
export const joinAnswers = (
  requests: LiveRequest[],
  outcomes: PromiseSettledResult<VectorSample[]>[],
): LiveAnswer => {
  const answer: LiveAnswer = { values: {}, answered: [], problems: [] };
  requests.forEach((request, at) => {
    const outcome = outcomes[at];
    if (!outcome) return;
    if (outcome.status === 'rejected') {
      const problem = problemOf(outcome.reason);
      if (!answer.problems.some((p) => p.message === problem.message))
        answer.problems.push(problem);
      return;
    }
    const wanted = new Set(request.rows);
    answer.answered.push(...request.rows);
    for (const sample of outcome.value) {
      const key = liveKey(sample.metric.namespace ?? '', sample.metric.name ?? '');
      const value = Number(sample.value[1]);
      if (wanted.has(key) && Number.isFinite(value)) answer.values[key] = value;
    }
  });
  return answer;
};

/**
 * One cell: a value, `off` (no guest), `loading`, `none` (running, no data yet) or
 * `unavailable` (its question failed; the header says why).
 */
export type LiveValue = number | 'off' | 'loading' | 'none' | 'unavailable';

/** The cell of `row` from an answer, which may still be the previous page's (`placeholder`). */
export const liveValue = (
  row: VmSummary,
  answer: LiveAnswer | undefined,
  placeholder: boolean,
): LiveValue => {
  if (!hasGuest(row)) return 'off';
  if (!answer) return 'loading';
  const key = liveKey(row.namespace, row.name);
  const value = answer.values[key];
  if (value !== undefined) return value;
  if (placeholder) return 'loading';
  return answer.answered.includes(key) ? 'none' : 'unavailable';
};
