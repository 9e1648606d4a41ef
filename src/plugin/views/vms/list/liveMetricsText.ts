import type { TFunction } from 'i18next';
import { VM_LIST_METRICS, type VmListMetricId } from '../../../api/prometheus/vmListQueries';
import type { LiveProblem } from './liveMetrics';

/** Why the live columns are empty, in the user's words. */
export const liveProblemText = (problem: LiveProblem, t: TFunction): string => {
  if (problem.reason === 'absent')
    return t('Prometheus is not available: {{reason}}', { reason: problem.message });
  if (problem.reason === 'forbidden')
    return t('You may not view these metrics: {{reason}}', { reason: problem.message });
  return t('The metrics query failed: {{reason}}', { reason: problem.message });
};

/**
 * The help of a live column's header: why its cells are empty when questions failed (one
 * message for the whole column, not one per row), else what its number means.
 */
export const liveHeaderHelp = (
  metric: VmListMetricId,
  problems: LiveProblem[],
  t: TFunction,
): string =>
  problems.length
    ? problems.map((problem) => liveProblemText(problem, t)).join(' ')
    : VM_LIST_METRICS[metric].definition(t);
