import { useMemo } from 'react';
import {
  ALL_NAMESPACES_KEY,
  DataSourceModel,
  PersistentVolumeClaimModel,
  VolumeSnapshotModel,
} from '../../../../api/models';
import type { DataSource, PersistentVolumeClaim, VolumeSnapshot } from '../../../../api/types';
import { useK8sWatchList } from '../../../../api/watch';
import {
  DEFAULT_PREFERENCE_LABEL,
  OS_IMAGES_NAMESPACE,
  toBootableVolumes,
  type ListedVolume,
} from './bootableVolumes';

/**
 * A list the user may not read (403), or a kind the cluster does not serve (404, no snapshot
 * CRD), has nothing to offer: it is empty, not a page error.
 */
const isNothingToList = (error: unknown): boolean => {
  const code = (error as { code?: number } | null)?.code;
  return code === 403 || code === 404;
};

interface Watched<T> {
  data: T[];
  loaded: boolean;
  error?: unknown;
}

const NOTHING: never[] = [];

const usable = <T>(list: Watched<T>, watching: boolean) => {
  const ignored = list.error !== undefined && isNothingToList(list.error);
  return {
    data: ignored ? (NOTHING as T[]) : list.data,
    loaded: !watching || list.loaded || list.error !== undefined,
    error: ignored ? undefined : list.error,
  };
};

/**
 * The lists of one namespace: DataSources by label; claims and snapshots all of them, as they
 * are also the data a DataSource names (its size and class), which need not carry the label.
 */
const useNamespaceLists = (namespace: string | undefined) => {
  const opts = namespace ? { namespace } : null;
  const dataSources = useK8sWatchList<DataSource>(
    DataSourceModel,
    namespace ? { namespace, labelSelector: DEFAULT_PREFERENCE_LABEL } : null,
  );
  const pvcs = useK8sWatchList<PersistentVolumeClaim>(PersistentVolumeClaimModel, opts);
  const snapshots = useK8sWatchList<VolumeSnapshot>(VolumeSnapshotModel, opts);
  const watching = namespace !== undefined;
  return {
    dataSources: usable(dataSources, watching),
    pvcs: usable(pvcs, watching),
    snapshots: usable(snapshots, watching),
  };
};

/**
 * The volumes step 1 offers: those of `openshift-virtualization-os-images` and, when a project
 * is chosen, of that project, watched live. `error` is the first failure that is not "may not
 * list"; what did load is still returned.
 */
export const useBootableVolumes = (
  namespace?: string,
): { volumes: ListedVolume[]; loaded: boolean; error?: unknown } => {
  const project =
    namespace && namespace !== ALL_NAMESPACES_KEY && namespace !== OS_IMAGES_NAMESPACE
      ? namespace
      : undefined;
  const shared = useNamespaceLists(OS_IMAGES_NAMESPACE);
  const own = useNamespaceLists(project);
  const lists = [
    shared.dataSources,
    shared.pvcs,
    shared.snapshots,
    own.dataSources,
    own.pvcs,
    own.snapshots,
  ];
  const volumes = useMemo(
    () =>
      toBootableVolumes({
        dataSources: [...shared.dataSources.data, ...own.dataSources.data],
        pvcs: [...shared.pvcs.data, ...own.pvcs.data],
        snapshots: [...shared.snapshots.data, ...own.snapshots.data],
      }),
    [
      shared.dataSources.data,
      shared.pvcs.data,
      shared.snapshots.data,
      own.dataSources.data,
      own.pvcs.data,
      own.snapshots.data,
    ],
  );
  return {
    volumes,
    loaded: lists.every((list) => list.loaded),
    error: lists.find((list) => list.error !== undefined)?.error,
  };
};
