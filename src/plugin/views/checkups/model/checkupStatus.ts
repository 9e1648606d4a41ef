// One checkup's state, from its ConfigMap (what the checkup wrote back) and its newest Job (what
// Kubernetes did with it). The list, the details page and the actions all read it from here.
import { KEYS } from './checkupObjects';
import type { ConfigMap, Job } from './types';

export type CheckupPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** Why a checkup is where it is, when that needs saying. */
export type CheckupReason =
  /** The checkup's own `status.failureReason`. */
  | { kind: 'checkup'; message: string }
  /** The Job failed before the checkup could report (image, deadline, pod lost). */
  | { kind: 'job'; reason?: string; message?: string }
  /** The Job completed but the ConfigMap holds no result. */
  | { kind: 'noResult' }
  /** The Job has no pod yet: typically its service account is missing. */
  | { kind: 'jobNotStarted' }
  /** No Job runs this ConfigMap (deleted, or its creation failed). */
  | { kind: 'noJob' };

export interface CheckupStatus {
  phase: CheckupPhase;
  reason?: CheckupReason;
  startTime?: string;
  completionTime?: string;
  /** The newest Job, whose pod has the logs. */
  job?: Job;
}

const condition = (job: Job | undefined, type: string) =>
  job?.status?.conditions?.find((c) => c.type === type && c.status === 'True');

/** `jobs`: this ConfigMap's Jobs, newest first (`jobsOf`). */
export const checkupStatus = (configMap: ConfigMap, jobs: readonly Job[]): CheckupStatus => {
  const data = configMap.data ?? {};
  const job = jobs[0];
  const startTime = data[KEYS.startTimestamp] || job?.status?.startTime || undefined;
  const completed = data[KEYS.completionTimestamp] || undefined;

  if (data[KEYS.succeeded] === 'true')
    return { phase: 'Succeeded', startTime, completionTime: completed, job };
  if (data[KEYS.succeeded] === 'false')
    return {
      phase: 'Failed',
      reason: { kind: 'checkup', message: data[KEYS.failureReason] ?? '' },
      startTime,
      completionTime: completed,
      job,
    };

  const failed = condition(job, 'Failed');
  if (failed)
    return {
      phase: 'Failed',
      reason: { kind: 'job', reason: failed.reason, message: failed.message },
      startTime,
      completionTime: failed.lastTransitionTime ?? job?.status?.completionTime,
      job,
    };
  if (condition(job, 'Complete'))
    return {
      phase: 'Failed',
      reason: { kind: 'noResult' },
      startTime,
      completionTime: job?.status?.completionTime,
      job,
    };
  if (!job) return { phase: 'Pending', reason: { kind: 'noJob' }, startTime };
  if (startTime || (job.status?.active ?? 0) > 0) return { phase: 'Running', startTime, job };
  return { phase: 'Pending', reason: { kind: 'jobNotStarted' }, job };
};

export const isFinished = (status: CheckupStatus) =>
  status.phase === 'Succeeded' || status.phase === 'Failed';
