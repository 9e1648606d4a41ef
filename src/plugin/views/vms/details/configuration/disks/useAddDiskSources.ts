import {
  DataVolumeModel,
  NamespaceModel,
  PersistentVolumeClaimModel,
  StorageClassModel,
  StorageProfileModel,
  VolumeSnapshotModel,
} from '../../../../../api/models';
import type {
  DataVolume,
  Namespace,
  PersistentVolumeClaim,
  StorageClass,
  StorageProfile,
  VolumeSnapshot,
} from '../../../../../api/types';
import { useK8sWatchList } from '../../../../../api/watch';
import type { DiskSourceType } from './diskForm';

/**
 * What the Add disk form chooses from, watched while it is open: storage classes and their
 * profiles, the project's claims, DataVolumes and snapshots, the projects (for a clone) and the
 * claims of the project cloned from.
 */
export const useAddDiskSources = (
  namespace: string,
  source: DiskSourceType,
  cloneNamespace: string,
) => {
  const storageClasses = useK8sWatchList<StorageClass>(StorageClassModel, {});
  const profiles = useK8sWatchList<StorageProfile>(StorageProfileModel, {});
  const claims = useK8sWatchList<PersistentVolumeClaim>(PersistentVolumeClaimModel, { namespace });
  const dataVolumes = useK8sWatchList<DataVolume>(DataVolumeModel, { namespace });
  const snapshots = useK8sWatchList<VolumeSnapshot>(
    VolumeSnapshotModel,
    source === 'snapshot' ? { namespace } : null,
  );
  const namespaces = useK8sWatchList<Namespace>(NamespaceModel, source === 'clone' ? {} : null);
  const cloneClaims = useK8sWatchList<PersistentVolumeClaim>(
    PersistentVolumeClaimModel,
    source === 'clone' && cloneNamespace && cloneNamespace !== namespace
      ? { namespace: cloneNamespace }
      : null,
  );
  return {
    storageClasses: storageClasses.data,
    profiles: profiles.data,
    claims: claims.data,
    dataVolumes: dataVolumes.data,
    snapshots: snapshots.data,
    /** Undefined when the user may not list projects: the project is typed instead. */
    namespaces: namespaces.error ? undefined : namespaces.data,
    cloneClaims: cloneNamespace === namespace ? claims.data : cloneClaims.data,
    cloneClaimsError: cloneNamespace === namespace ? claims.error : cloneClaims.error,
  };
};

export type AddDiskSources = ReturnType<typeof useAddDiskSources>;
