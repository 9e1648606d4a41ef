import { consoleFetchText } from '@openshift-console/dynamic-plugin-sdk';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { bffURL } from '../../../api/bff';
import { apiPath, PodModel } from '../../../api/models';

/** How often a running checkup's log is read again. */
export const LOG_REFRESH_MS = 3000;

/**
 * The log of a checkup's pod (`GET …/pods/NAME/log`, text through the BFF), read again every few
 * seconds while the checkup runs, and once more when it ends.
 */
export const useCheckupLog = (namespace: string, podName: string | undefined, running: boolean) =>
  useQuery({
    queryKey: ['checkups', 'log', namespace, podName ?? '', running],
    enabled: !!podName,
    refetchInterval: running ? LOG_REFRESH_MS : false,
    // The last log stays shown while the final one is read.
    placeholderData: keepPreviousData,
    queryFn: () =>
      consoleFetchText(
        bffURL(`k8s${apiPath(PodModel, { namespace, name: podName, subresource: 'log' })}`),
      ) as Promise<string>,
  });
