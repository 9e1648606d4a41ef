import { useMemo } from 'react';
import { ResourceQuotaModel, StorageClassModel } from '../../../api/models';
import type { ResourceQuota, StorageClass } from '../../../api/types';
import { useK8sWatchList } from '../../../api/watch';
import { defaultStorageClassName } from '../../vms/details/configuration/disks/storageClasses';
import { quotaHints, type QuotaHint } from './quotaHints';
import type { VmDemand } from './vmDemand';

/**
 * The project's quotas the demand would exceed, kept current by watches. A user who may not
 * list quotas gets no hints (the server still refuses what exceeds them, and says why).
 */
export const useQuotaHints = (namespace: string | undefined, demand: VmDemand | undefined) => {
  const quotas = useK8sWatchList<ResourceQuota>(
    ResourceQuotaModel,
    namespace && demand ? { namespace } : null,
  );
  const classes = useK8sWatchList<StorageClass>(StorageClassModel, demand ? {} : null);
  return useMemo((): QuotaHint[] => {
    if (!demand || !quotas.loaded || quotas.error || !quotas.data?.length) return [];
    return quotaHints(quotas.data, demand, defaultStorageClassName(classes.data ?? []));
  }, [demand, quotas.loaded, quotas.error, quotas.data, classes.data]);
};
