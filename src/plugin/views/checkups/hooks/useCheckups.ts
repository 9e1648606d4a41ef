import { useMemo } from 'react';
import { useAccessReview } from '../../../api/access';
import { ConfigMapModel, JobModel } from '../../../api/models';
import type { WatchListOptions } from '../../../api/watch';
import { useProjectNames } from '../../catalog/useProjectNames';
import { CHECKUP_TYPE_LABEL, type CheckupDefinition } from '../checkupKinds';
import { jobsOf } from '../model/checkupObjects';
import { checkupStatus, type CheckupStatus } from '../model/checkupStatus';
import type { ConfigMap, Job } from '../model/types';
import { useWatchLists } from './useWatchLists';

export interface CheckupRow {
  namespace: string;
  name: string;
  configMap: ConfigMap;
  /** Newest first. */
  jobs: Job[];
  status: CheckupStatus;
}

const sortKey = (row: CheckupRow) =>
  row.status.startTime ?? row.configMap.metadata?.creationTimestamp ?? '';

/**
 * The collections to watch: the project's, or across the cluster for a user who may list the
 * kind everywhere, else each project they can see. Null while that is not known yet.
 */
const useScopes = (
  checkup: CheckupDefinition,
  namespace: string | undefined,
): { configMaps: WatchListOptions[] | null; jobs: WatchListOptions[] | null } => {
  const labelSelector = `${CHECKUP_TYPE_LABEL}=${checkup.type}`;
  const allProjects = namespace === undefined;
  const listConfigMaps = useAccessReview(
    allProjects ? { verb: 'list', resource: 'configmaps' } : null,
  );
  const listJobs = useAccessReview(
    allProjects ? { verb: 'list', group: 'batch', resource: 'jobs' } : null,
  );
  const needProjects =
    allProjects &&
    !listConfigMaps.loading &&
    !listJobs.loading &&
    !(listConfigMaps.allowed && listJobs.allowed);
  const projects = useProjectNames();
  const projectNames = needProjects ? projects.data : undefined;
  const projectsError = needProjects && projects.isError;
  return useMemo(() => {
    if (!allProjects) {
      const scope = [{ namespace, labelSelector }];
      return { configMaps: scope, jobs: scope };
    }
    const perProject = (allowed: boolean) =>
      allowed
        ? [{ labelSelector }]
        : projectNames
          ? projectNames.map((ns) => ({ namespace: ns, labelSelector }))
          : projectsError
            ? []
            : null;
    if (listConfigMaps.loading || listJobs.loading) return { configMaps: null, jobs: null };
    return {
      configMaps: perProject(listConfigMaps.allowed),
      jobs: perProject(listJobs.allowed),
    };
  }, [
    allProjects,
    namespace,
    labelSelector,
    projectNames,
    projectsError,
    listConfigMaps.loading,
    listConfigMaps.allowed,
    listJobs.loading,
    listJobs.allowed,
  ]);
};

/**
 * The checkups of one kind (ConfigMaps with its `kiagnose/checkup-type`) in a project or in all
 * projects, each with its Jobs and status, watched live; newest first.
 */
export const useCheckups = (checkup: CheckupDefinition, namespace: string | undefined) => {
  const scopes = useScopes(checkup, namespace);
  const configMaps = useWatchLists<ConfigMap>(ConfigMapModel, scopes.configMaps);
  const jobs = useWatchLists<Job>(JobModel, scopes.jobs);
  const rows = useMemo(
    () =>
      configMaps.data
        .map((configMap): CheckupRow => {
          const own = jobsOf(configMap, jobs.data);
          return {
            namespace: configMap.metadata?.namespace ?? '',
            name: configMap.metadata?.name ?? '',
            configMap,
            jobs: own,
            status: checkupStatus(configMap, own),
          };
        })
        .sort((a, b) => sortKey(b).localeCompare(sortKey(a)) || a.name.localeCompare(b.name)),
    [configMaps.data, jobs.data],
  );
  return {
    rows,
    loaded: configMaps.loaded && jobs.loaded,
    /** The ConfigMaps could not be read at all. */
    error: configMaps.allFailed ? configMaps.errors[0] : undefined,
    /** Collections that failed while others answered (some projects), or the Jobs. */
    partialErrors: configMaps.allFailed ? jobs.errors : [...configMaps.errors, ...jobs.errors],
  };
};
