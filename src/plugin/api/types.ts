// The Kubernetes and KubeVirt object types the plugin uses, under short names. Types only: the
// generated package's runtime code is never bundled.
import type {
  V1beta1VirtualMachineClone,
  V1beta1VirtualMachineClusterInstancetype,
  V1beta1VirtualMachineClusterPreference,
  V1beta1VirtualMachineRestore,
  V1beta1VirtualMachineSnapshot,
  V1VirtualMachine,
  V1VirtualMachineInstance,
  V1VirtualMachineInstanceMigration,
} from '@kubevirt-ui/kubevirt-api/kubevirt/models';
import type {
  V1beta1DataSource,
  V1beta1DataVolume,
} from '@kubevirt-ui/kubevirt-api/containerized-data-importer/models';
import type {
  IoK8sApiCoreV1ConfigMap,
  IoK8sApiCoreV1ResourceQuota,
  IoK8sApiCoreV1Event,
  IoK8sApiCoreV1Namespace,
  IoK8sApiCoreV1Node,
  IoK8sApiCoreV1PersistentVolumeClaim,
  IoK8sApiCoreV1Pod,
  IoK8sApiCoreV1Secret,
  IoK8sApiCoreV1Service,
  IoK8sApiCoreV1ServiceAccount,
  IoK8sApiStorageV1StorageClass,
  IoK8sApimachineryPkgApisMetaV1ObjectMeta,
} from '@kubevirt-ui/kubevirt-api/kubernetes/models';
import type { KubernetesStatus } from '../../common/cluster-info';

export type VirtualMachine = V1VirtualMachine;
export type VirtualMachineInstance = V1VirtualMachineInstance;
export type VirtualMachineInstanceMigration = V1VirtualMachineInstanceMigration;
export type VirtualMachineSnapshot = V1beta1VirtualMachineSnapshot;
export type VirtualMachineRestore = V1beta1VirtualMachineRestore;
export type VirtualMachineClone = V1beta1VirtualMachineClone;
export type VirtualMachineClusterInstancetype = V1beta1VirtualMachineClusterInstancetype;
export type VirtualMachineClusterPreference = V1beta1VirtualMachineClusterPreference;
export type DataVolume = V1beta1DataVolume;
export type DataSource = V1beta1DataSource;
export type PersistentVolumeClaim = IoK8sApiCoreV1PersistentVolumeClaim;
export type Pod = IoK8sApiCoreV1Pod;
export type Service = IoK8sApiCoreV1Service;
export type Node = IoK8sApiCoreV1Node;
export type Namespace = IoK8sApiCoreV1Namespace;
export type Secret = IoK8sApiCoreV1Secret;
export type ConfigMap = IoK8sApiCoreV1ConfigMap;
export type ResourceQuota = IoK8sApiCoreV1ResourceQuota;
export type ServiceAccount = IoK8sApiCoreV1ServiceAccount;
export type StorageClass = IoK8sApiStorageV1StorageClass;
export type K8sEvent = IoK8sApiCoreV1Event;
export type ObjectMeta = IoK8sApimachineryPkgApisMetaV1ObjectMeta;
export type { KubernetesStatus };

/** What every object has: enough for lists, watches and links. */
export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** A VolumeSnapshot (snapshot.storage.k8s.io/v1): not in the generated package. */
export interface VolumeSnapshot extends K8sObject {
  spec?: {
    source?: { persistentVolumeClaimName?: string; volumeSnapshotContentName?: string };
    volumeSnapshotClassName?: string;
  };
  status?: {
    readyToUse?: boolean;
    restoreSize?: string;
    creationTime?: string;
    error?: { message?: string; time?: string };
  };
}

/** One operation of a JSON patch (RFC 6902). */
export type JsonPatchOp =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

/** CDI's StorageProfile: what a storage class is best claimed with. */
export interface StorageProfile extends K8sObject {
  spec?: {
    claimPropertySets?: { accessModes?: string[]; volumeMode?: string }[];
    cloneStrategy?: string;
  };
  status?: {
    storageClass?: string;
    provisioner?: string;
    claimPropertySets?: { accessModes?: string[]; volumeMode?: string }[];
    cloneStrategy?: string;
  };
}

/** Multus's NetworkAttachmentDefinition; `spec.config` is the CNI configuration as JSON text. */
export interface NetworkAttachmentDefinition extends K8sObject {
  spec?: { config?: string };
}

/** One of an OpenShift Template's `parameters`. */
export interface TemplateParameter {
  name: string;
  displayName?: string;
  description?: string;
  /** The default (or, once processed, the final) value. */
  value?: string;
  /** `expression`: the server generates a value from `from` when none is given. */
  generate?: string;
  from?: string;
  required?: boolean;
}

/** `template.openshift.io/v1 Template`. */
export interface Template extends K8sObject {
  message?: string;
  labels?: Record<string, string>;
  parameters?: TemplateParameter[];
  /** The objects to create; VM templates hold one VirtualMachine. */
  objects?: unknown[];
}

/** A condition as operators report them (`status.conditions[]`). */
export interface K8sCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** `hco.kubevirt.io/v1beta1 HyperConverged`: OpenShift Virtualization's operator configuration. */
export interface HyperConverged extends K8sObject {
  spec?: Record<string, unknown>;
  status?: {
    /** ReconcileComplete, Available, Progressing, Degraded, Upgradeable. */
    conditions?: K8sCondition[];
    /** `{ name: 'operator', version: '4.16.0' }`. */
    versions?: { name?: string; version?: string }[];
    systemHealthStatus?: string;
  };
}
