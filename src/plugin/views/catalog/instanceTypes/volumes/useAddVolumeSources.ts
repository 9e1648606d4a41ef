import {
  DataSourceModel,
  NamespaceModel,
  PersistentVolumeClaimModel,
  StorageClassModel,
  VirtualMachineClusterInstancetypeModel,
  VirtualMachineClusterPreferenceModel,
  VolumeSnapshotModel,
} from '../../../../api/models';
import type {
  DataSource,
  Namespace,
  PersistentVolumeClaim,
  StorageClass,
  VirtualMachineClusterInstancetype,
  VirtualMachineClusterPreference,
  VolumeSnapshot,
} from '../../../../api/types';
import { useK8sWatchList } from '../../../../api/watch';
import type { AddVolumeForm } from './addVolumeForm';

/**
 * What the Add volume form chooses from, watched while it is open: storage classes, cluster
 * preferences and instance types, projects, the claims or snapshots of the source project, and
 * the names taken in the destination project.
 */
export const useAddVolumeSources = (
  form: Pick<AddVolumeForm, 'sourceType' | 'sourceNamespace' | 'namespace'>,
) => {
  const existing = form.sourceType === 'pvc' || form.sourceType === 'snapshot';
  const sourceNs = existing && form.sourceNamespace ? { namespace: form.sourceNamespace } : null;
  const destination = form.namespace ? { namespace: form.namespace } : null;

  const storageClasses = useK8sWatchList<StorageClass>(StorageClassModel, {});
  const preferences = useK8sWatchList<VirtualMachineClusterPreference>(
    VirtualMachineClusterPreferenceModel,
    {},
  );
  const instancetypes = useK8sWatchList<VirtualMachineClusterInstancetype>(
    VirtualMachineClusterInstancetypeModel,
    {},
  );
  const namespaces = useK8sWatchList<Namespace>(NamespaceModel, {});
  // Claims of the source project serve a snapshot too: its claim's storage class.
  const sourceClaims = useK8sWatchList<PersistentVolumeClaim>(PersistentVolumeClaimModel, sourceNs);
  const sourceSnapshots = useK8sWatchList<VolumeSnapshot>(
    VolumeSnapshotModel,
    form.sourceType === 'snapshot' ? sourceNs : null,
  );
  const dataSources = useK8sWatchList<DataSource>(DataSourceModel, destination);
  const claims = useK8sWatchList<PersistentVolumeClaim>(PersistentVolumeClaimModel, destination);

  return {
    storageClasses: storageClasses.data,
    preferences: preferences.data,
    instancetypes: instancetypes.data,
    /** Undefined when the user may not list projects: the project is typed instead. */
    namespaces: namespaces.error ? undefined : namespaces.data,
    sourceClaims: sourceClaims.data,
    sourceClaimsError: sourceClaims.error,
    sourceSnapshots: sourceSnapshots.data,
    sourceSnapshotsError: sourceSnapshots.error,
    dataSourceNames: dataSources.data.map((ds) => ds.metadata?.name ?? ''),
    claimNames: claims.data.map((claim) => claim.metadata?.name ?? ''),
  };
};

export type AddVolumeSources = ReturnType<typeof useAddVolumeSources>;
