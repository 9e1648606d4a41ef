// Schemas of CDI's DataVolume family (cdi.kubevirt.io/v1beta1), shared by DataVolumes, VM
// dataVolumeTemplates, DataImportCron templates and the HyperConverged boot-source list.
// Field names follow containerized-data-importer-api's types.go.
import type { JSONSchemaProps } from '../types';
import {
  arr,
  bool,
  conditions,
  enumOf,
  int32,
  labelSelector,
  obj,
  openObj,
  preserve,
  quantityMap,
  status,
  str,
  strArr,
  templateMetadata,
} from './schema';

const sourceRef = (what: string): JSONSchemaProps =>
  obj(
    {
      namespace: str(`The namespace of the source ${what}.`),
      name: str(`The name of the source ${what}.`),
    },
    undefined,
    { required: ['namespace', 'name'] },
  );

const httpSource = obj(
  {
    url: str('URL of the http(s) endpoint.'),
    secretRef: str('Secret with accessKeyId (user name) and secretKey (password), base64.'),
    certConfigMap: str('ConfigMap with the CA bundle to trust.'),
    extraHeaders: strArr('Extra headers sent with the transfer requests.'),
    secretExtraHeaders: strArr('Secrets, each holding an extra header with sensitive content.'),
  },
  'Import from an HTTP(S) URL.',
  { required: ['url'] },
);

const registrySource = obj(
  {
    url: str('Image URL starting with docker:// or oci-archive://.'),
    imageStream: str('Name of an image stream to import.'),
    pullMethod: enumOf(['pod', 'node'], 'pod (default) or node (node docker cache).'),
    secretRef: str('Secret with registry credentials.'),
    certConfigMap: str('ConfigMap with the registry CA bundle.'),
    platform: obj({ architecture: str() }),
  },
  'Import a container disk image from a registry.',
);

/** The one source a DataVolume is populated from; exactly one member may be set. */
export const dataVolumeSource: JSONSchemaProps = obj(
  {
    http: httpSource,
    registry: registrySource,
    pvc: sourceRef('PVC'),
    snapshot: sourceRef('VolumeSnapshot'),
    upload: obj({}, 'Wait for an upload through the upload proxy.'),
    blank: obj({}, 'Create an empty (raw) disk image.'),
    s3: obj({ url: str(), secretRef: str(), certConfigMap: str() }, 'Import from S3.', {
      required: ['url'],
    }),
    gcs: obj({ url: str(), secretRef: str() }, 'Import from Google Cloud Storage.', {
      required: ['url'],
    }),
    imageio: openObj(
      { url: str(), diskId: str(), secretRef: str(), certConfigMap: str() },
      'Import from oVirt imageio.',
      { required: ['url', 'diskId'] },
    ),
    vddk: openObj(
      { url: str(), uuid: str(), backingFile: str(), thumbprint: str(), secretRef: str() },
      'Import from VMware through VDDK.',
    ),
  },
  'The source of the data. Exactly one of http, registry, pvc, snapshot, upload, blank, s3, gcs, imageio, vddk.',
);

const resources = obj(
  { requests: quantityMap('e.g. storage: 30Gi'), limits: quantityMap(), claims: arr(preserve()) },
  'Minimum resources the volume should have.',
);

/** `spec.storage`: like a PVC spec, with CDI filling the gaps from the StorageProfile. */
export const storageSpec: JSONSchemaProps = obj(
  {
    accessModes: strArr('Desired access modes; taken from the StorageProfile when empty.'),
    selector: labelSelector('A label query over volumes to consider for binding.'),
    resources,
    volumeName: str('The PersistentVolume backing this claim.'),
    storageClassName: str('Name of the StorageClass; the default (virt) class when empty.'),
    volumeMode: enumOf(
      ['Filesystem', 'Block', 'FromStorageProfile'],
      'Filesystem or Block; taken from the StorageProfile when empty.',
    ),
    dataSource: preserve(),
    dataSourceRef: preserve(),
  },
  'The requested storage, completed from the StorageProfile (preferred over pvc).',
);

/** `spec.pvc`: a plain PersistentVolumeClaim spec, used as given. */
export const pvcSpec: JSONSchemaProps = openObj(
  {
    accessModes: strArr('ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.'),
    selector: labelSelector(),
    resources,
    volumeName: str(),
    storageClassName: str(),
    volumeMode: enumOf(['Filesystem', 'Block']),
    dataSource: preserve(),
    dataSourceRef: preserve(),
  },
  'The PVC specification, used as given.',
);

export const dataVolumeSpec: JSONSchemaProps = obj(
  {
    source: dataVolumeSource,
    sourceRef: obj(
      {
        kind: enumOf(['DataSource'], 'The kind of the source reference; only DataSource.'),
        namespace: str('Namespace of the DataSource; the DataVolume namespace when empty.'),
        name: str('Name of the DataSource.'),
      },
      'An indirect reference to the source of data (a DataSource).',
      { required: ['kind', 'name'] },
    ),
    pvc: pvcSpec,
    storage: storageSpec,
    priorityClassName: str('PriorityClassName for the importer, cloner and uploader pods.'),
    contentType: enumOf(['kubevirt', 'archive'], 'kubevirt (a disk image, default) or archive.'),
    checkpoints: arr(
      obj({ previous: str(), current: str() }, undefined, { required: ['previous', 'current'] }),
      'Stages of a multistage (warm) import.',
    ),
    finalCheckpoint: bool('Whether the current checkpoint is the final one.'),
    preallocation: bool('Whether storage for the DataVolume is allocated in advance.'),
  },
  'DataVolumeSpec defines the DataVolume type specification.',
);

export const dataVolumeStatus: JSONSchemaProps = status({
  claimName: str('Name of the underlying PVC.'),
  phase: str(
    'Pending, PVCBound, ImportScheduled, ImportInProgress, CloneScheduled, CloneInProgress, ' +
      'UploadScheduled, UploadReady, WaitForFirstConsumer, PendingPopulation, Succeeded, Failed, Paused, Unknown…',
  ),
  progress: str('Transfer progress in percent ("45.00%"), or N/A.'),
  restartCount: int32('The number of times the populating pod has restarted.'),
  conditions: conditions('Conditions Bound, Running and Ready.'),
});

/** A DataVolume embedded in another object (VM dataVolumeTemplates, DataImportCron template). */
export const dataVolumeTemplate: JSONSchemaProps = obj(
  {
    apiVersion: str(),
    kind: str(),
    metadata: templateMetadata(),
    spec: dataVolumeSpec,
    status: preserve('Ignored; kept for round-tripping.'),
  },
  'A DataVolume created and owned by the enclosing object.',
  { required: ['spec'] },
);

export const dataImportCronSpec: JSONSchemaProps = obj(
  {
    template: dataVolumeTemplate,
    schedule: str('Cron schedule for polling the source, e.g. "0 */12 * * *".'),
    garbageCollect: enumOf(['Outdated', 'Never'], 'Whether old imports are deleted (Outdated).'),
    importsToKeep: int32('Number of import PVCs to keep when garbage collecting (default 3).'),
    managedDataSource: str('The DataSource, in the same namespace, this cron keeps current.'),
    retentionPolicy: enumOf(
      ['None', 'All'],
      'Whether DataVolumes and DataSources are kept when the cron is deleted.',
    ),
    createdBy: str('Set by the admission webhook: who created the cron.'),
    serviceAccountName: str(),
  },
  'DataImportCronSpec defines specification for DataImportCron.',
  { required: ['template', 'schedule', 'managedDataSource'] },
);

export const dataSourceSource: JSONSchemaProps = obj(
  {
    pvc: sourceRef('PVC'),
    snapshot: sourceRef('VolumeSnapshot'),
    dataSource: sourceRef('DataSource'),
  },
  'The PVC, VolumeSnapshot or DataSource the DataSource points to.',
);

export const uploadTokenSpec: JSONSchemaProps = obj(
  { pvcName: str('The PVC (DataVolume) the token allows uploading to.') },
  undefined,
  { required: ['pvcName'] },
);
