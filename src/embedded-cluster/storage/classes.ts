import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { HOSTPATH_PROVISIONER, RBD_PROVISIONER } from './drivers';

export const STORAGE_CLASSES = 'storage.k8s.io/storageclasses';
export const SNAPSHOT_CLASSES = 'snapshot.storage.k8s.io/volumesnapshotclasses';

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const DEFAULT_VIRT_CLASS_ANNOTATION = 'storageclass.kubevirt.io/is-default-virt-class';
export const DEFAULT_SNAPSHOT_CLASS_ANNOTATION = 'snapshot.storage.kubernetes.io/is-default-class';

export const HOSTPATH_CLASS = 'hostpath-csi';
export const RBD_CLASS = 'ocs-storagecluster-ceph-rbd';
export const RBD_VIRT_CLASS = 'ocs-storagecluster-ceph-rbd-virtualization';
export const RBD_SNAPSHOT_CLASS = 'ocs-storagecluster-rbdplugin-snapclass';

export interface StorageClass extends KubeObject {
  provisioner: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: 'Delete' | 'Retain' | 'Recycle';
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  allowVolumeExpansion?: boolean;
}

export interface SnapshotClass extends KubeObject {
  driver: string;
  deletionPolicy: 'Delete' | 'Retain';
}

const RBD_PARAMETERS = {
  clusterID: 'openshift-storage',
  pool: 'ocs-storagecluster-cephblockpool',
  imageFormat: '2',
  imageFeatures: 'layering,deep-flatten,exclusive-lock,object-map,fast-diff',
  'csi.storage.k8s.io/fstype': 'ext4',
  'csi.storage.k8s.io/provisioner-secret-name': 'rook-csi-rbd-provisioner',
  'csi.storage.k8s.io/provisioner-secret-namespace': 'openshift-storage',
  'csi.storage.k8s.io/controller-expand-secret-name': 'rook-csi-rbd-provisioner',
  'csi.storage.k8s.io/controller-expand-secret-namespace': 'openshift-storage',
  'csi.storage.k8s.io/node-stage-secret-name': 'rook-csi-rbd-node',
  'csi.storage.k8s.io/node-stage-secret-namespace': 'openshift-storage',
};

const storageClass = (
  name: string,
  fields: Pick<StorageClass, 'provisioner' | 'parameters' | 'volumeBindingMode'>,
  annotations: Record<string, string> = {},
): StorageClass => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, annotations },
  reclaimPolicy: 'Delete',
  allowVolumeExpansion: true,
  ...fields,
});

/**
 * The classes of an OpenShift Virtualization cluster on ODF with the hostpath provisioner: a
 * local WaitForFirstConsumer class, the cluster default RBD class and the virtualization one.
 */
export const seedStorageClasses = (): StorageClass[] => [
  storageClass(HOSTPATH_CLASS, {
    provisioner: HOSTPATH_PROVISIONER,
    volumeBindingMode: 'WaitForFirstConsumer',
    parameters: { storagePool: 'local' },
  }),
  storageClass(
    RBD_CLASS,
    { provisioner: RBD_PROVISIONER, volumeBindingMode: 'Immediate', parameters: RBD_PARAMETERS },
    {
      [DEFAULT_CLASS_ANNOTATION]: 'true',
      description: 'Provides RWO Filesystem volumes, and RWO and RWX Block volumes',
    },
  ),
  storageClass(
    RBD_VIRT_CLASS,
    {
      provisioner: RBD_PROVISIONER,
      volumeBindingMode: 'Immediate',
      parameters: { ...RBD_PARAMETERS, mounter: 'rbd', mapOptions: 'krbd:rxbounce' },
    },
    {
      [DEFAULT_VIRT_CLASS_ANNOTATION]: 'true',
      description: 'Provides RWO and RWX Block volumes suitable for Virtual Machine disks',
    },
  ),
];

export const seedSnapshotClasses = (): SnapshotClass[] => [
  {
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshotClass',
    metadata: { name: RBD_SNAPSHOT_CLASS },
    driver: RBD_PROVISIONER,
    deletionPolicy: 'Delete',
    parameters: {
      clusterID: 'openshift-storage',
      'csi.storage.k8s.io/snapshotter-secret-name': 'rook-csi-rbd-provisioner',
      'csi.storage.k8s.io/snapshotter-secret-namespace': 'openshift-storage',
    },
  },
];

const newestFirst = (a: KubeObject, b: KubeObject) =>
  (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '');

/** The cluster default class (the newest, when several claim it, as Kubernetes picks). */
export const defaultStorageClass = (store: ObjectStore): StorageClass | undefined =>
  (store.list(STORAGE_CLASSES) as StorageClass[])
    .filter((sc) => sc.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true')
    .sort(newestFirst)[0];

export const storageClassNamed = (store: ObjectStore, name: string) =>
  store.get(STORAGE_CLASSES, undefined, name) as StorageClass | undefined;

/**
 * The snapshot class for volumes of `driver`: the one annotated default for it, else the only
 * class of that driver. Undefined when there is none (or several, none of them default).
 */
export const snapshotClassFor = (
  snapshotClasses: KubeObject[],
  driver: string,
): SnapshotClass | undefined => {
  const ofDriver = (snapshotClasses as SnapshotClass[]).filter((c) => c.driver === driver);
  const defaults = ofDriver.filter(
    (c) => c.metadata.annotations?.[DEFAULT_SNAPSHOT_CLASS_ANNOTATION] === 'true',
  );
  if (defaults.length === 1) return defaults[0];
  return ofDriver.length === 1 ? ofDriver[0] : undefined;
};
