import { useMemo } from 'react';
import { ConfigMapModel, JobModel, PodModel } from '../../../api/models';
import { useK8sWatchList, useK8sWatchObject } from '../../../api/watch';
import { CHECKUP_TYPE_LABEL, type CheckupDefinition } from '../checkupKinds';
import { jobsOf } from '../model/checkupObjects';
import { checkupStatus } from '../model/checkupStatus';
import type { ConfigMap, Job, Pod } from '../model/types';

/** The label kube's Job controller puts on the pods of one Job (its uid). */
const CONTROLLER_UID = 'batch.kubernetes.io/controller-uid';

/**
 * One checkup, live: its ConfigMap (only one of this checkup's type counts), its Jobs newest
 * first, its status, and the pod of the newest Job (whose log the page shows).
 */
export const useCheckupDetails = (checkup: CheckupDefinition, namespace: string, name: string) => {
  const watched = useK8sWatchObject<ConfigMap>(
    ConfigMapModel,
    namespace && name ? { namespace, name } : null,
  );
  const jobsWatch = useK8sWatchList<Job>(
    JobModel,
    namespace ? { namespace, labelSelector: `${CHECKUP_TYPE_LABEL}=${checkup.type}` } : null,
  );
  const configMap =
    watched.data?.metadata?.labels?.[CHECKUP_TYPE_LABEL] === checkup.type
      ? watched.data
      : undefined;
  const jobs = useMemo(
    () => (configMap ? jobsOf(configMap, jobsWatch.data) : []),
    [configMap, jobsWatch.data],
  );
  const status = useMemo(
    () => (configMap ? checkupStatus(configMap, jobs) : undefined),
    [configMap, jobs],
  );
  const jobUid = status?.job?.metadata?.uid;
  const pods = useK8sWatchList<Pod>(
    PodModel,
    jobUid ? { namespace, labelSelector: `${CONTROLLER_UID}=${jobUid}` } : null,
  );
  const pod = [...pods.data].sort((a, b) =>
    (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? ''),
  )[0];
  return {
    configMap,
    jobs,
    status,
    pod,
    /** The ConfigMap answered (there, missing, or an error). */
    loaded: watched.loaded,
    /** Not a 404: a 404 (or a ConfigMap of another kind) is `loaded && !configMap`. */
    error:
      (watched.error as { code?: number } | undefined)?.code === 404 ? undefined : watched.error,
    podsError: pods.error,
  };
};
