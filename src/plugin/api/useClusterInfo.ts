import { useQuery } from '@tanstack/react-query';
import type { ClusterInfo } from '../../common/cluster-info';
import { getFromBFF } from './bff';

/** Is a cluster connected, and which version does it run (BFF `version` route). */
export const useClusterInfo = () =>
  useQuery({
    queryKey: ['bff', 'version'],
    queryFn: () => getFromBFF<ClusterInfo>('version'),
    refetchInterval: 60_000,
  });
