// Run, rerun and delete a checkup: the ConfigMap + Job pattern (seed 002 §12.2.1), as the user.
import { k8sCreate, k8sDelete, k8sGet, k8sUpdate } from '../../../api/k8s';
import { ConfigMapModel, JobModel } from '../../../api/models';
import type { CheckupDefinition } from '../checkupKinds';
import { checkupJob, withoutStatus } from '../model/checkupObjects';
import type { ConfigMap, Job } from '../model/types';
import { errorCode, ignoreNotFound } from './errorCode';

const refOf = (object: ConfigMap | Job) => ({
  namespace: object.metadata?.namespace ?? '',
  name: object.metadata?.name ?? '',
});

/**
 * Creates the input ConfigMap, then the Job that runs it. When the Job cannot be created the
 * ConfigMap just created is removed again, so a refused run leaves nothing behind; the Job's
 * error is what the caller gets.
 */
export const runCheckup = async (
  checkup: CheckupDefinition,
  input: ConfigMap,
): Promise<{ configMap: ConfigMap; job: Job }> => {
  const configMap = await k8sCreate(ConfigMapModel, input);
  try {
    const job = await k8sCreate(JobModel, checkupJob(checkup, configMap));
    return { configMap, job };
  } catch (error) {
    await ignoreNotFound(() => k8sDelete(ConfigMapModel, refOf(configMap))).catch(() => undefined);
    throw error;
  }
};

/** Deletes a Job and, in the background, its pod. */
const deleteJob = (job: Job) =>
  ignoreNotFound(() => k8sDelete(JobModel, refOf(job), { propagationPolicy: 'Background' }));

/** The ConfigMap without `status.*`, written over the newest version (a concurrent write retries). */
const clearStatus = async (configMap: ConfigMap): Promise<ConfigMap> => {
  for (let attempt = 1; ; attempt++) {
    const current = await k8sGet<ConfigMap>(ConfigMapModel, refOf(configMap));
    try {
      return await k8sUpdate(ConfigMapModel, { ...current, data: withoutStatus(current.data) });
    } catch (error) {
      if (errorCode(error) !== 409 || attempt >= 3) throw error;
    }
  }
};

/**
 * Runs the checkup again with the same input: the old Jobs go (their pods with them), the
 * results are cleared (kiagnose refuses a ConfigMap that already has a start time), and a new
 * Job starts.
 */
export const rerunCheckup = async (
  checkup: CheckupDefinition,
  configMap: ConfigMap,
  jobs: readonly Job[],
): Promise<Job> => {
  for (const job of jobs) await deleteJob(job);
  const cleared = await clearStatus(configMap);
  return k8sCreate(JobModel, checkupJob(checkup, cleared));
};

/** Deletes the checkup: its Jobs (pods in the background), then its ConfigMap. */
export const deleteCheckup = async (configMap: ConfigMap, jobs: readonly Job[]): Promise<void> => {
  for (const job of jobs) await deleteJob(job);
  await ignoreNotFound(() => k8sDelete(ConfigMapModel, refOf(configMap)));
};
