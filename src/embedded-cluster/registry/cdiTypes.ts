// cdi.kubevirt.io/v1beta1 (DataVolumes, boot sources, storage profiles, CDI configuration,
// volume populator sources) and upload.cdi.kubevirt.io/v1beta1 upload tokens, with names and
// printer columns from CDI's kubebuilder markers.
import type { ResourceType } from '../types';
import {
  dataImportCronSpec,
  dataSourceSource,
  dataVolumeSource,
  dataVolumeSpec,
  dataVolumeStatus,
  uploadTokenSpec,
} from './cdiSchemas';
import { AGE, CREATE_ONLY, defineType } from './define';
import {
  arr,
  bool,
  conditions,
  dateTime,
  enumOf,
  int32,
  obj,
  objectSchema,
  openObj,
  preserve,
  status,
  str,
  stringMap,
  strArr,
} from './schema';

const PHASE = { name: 'Phase', type: 'string', jsonPath: '.status.phase' } as const;

const cloneStrategy = enumOf(['copy', 'snapshot', 'csi-clone'], 'How CDI clones volumes.');
const sourceFormat = enumOf(
  ['pvc', 'snapshot'],
  'Format of the boot sources DataImportCrons create.',
);

const claimPropertySets = arr(
  obj(
    {
      accessModes: strArr('Access modes for PVCs of this storage class.'),
      volumeMode: enumOf(['Block', 'Filesystem']),
    },
    undefined,
    { required: ['accessModes', 'volumeMode'] },
  ),
  'Access mode and volume mode pairs the storage class supports, best first.',
  { maxItems: 8 },
);

const filesystemOverhead = obj(
  {
    global: str('Share of a Filesystem volume reserved for overhead, e.g. "0.055".', {
      pattern: '^(0(?:\\.\\d{1,3})?|1)$',
    }),
    storageClass: stringMap('Overrides per storage class.'),
  },
  'Space reserved on Filesystem volumes for filesystem overhead.',
);

export const cdiTypes: ResourceType[] = [
  defineType({
    group: 'cdi.kubevirt.io',
    version: 'v1beta1',
    kind: 'DataVolume',
    plural: 'datavolumes',
    namespaced: true,
    shortNames: ['dv', 'dvs'],
    categories: ['all'],
    subresources: { status: true },
    printerColumns: [
      { ...PHASE, description: 'The phase the data volume is in' },
      {
        name: 'Progress',
        type: 'string',
        jsonPath: '.status.progress',
        description: 'Transfer progress in percentage if known, N/A otherwise',
      },
      {
        name: 'Restarts',
        type: 'integer',
        jsonPath: '.status.restartCount',
        description: 'The number of times the transfer has been restarted.',
      },
      AGE,
    ],
    schema: objectSchema(
      'DataVolume is a PersistentVolumeClaim populated by CDI from an import, upload or clone.',
      { spec: dataVolumeSpec, status: dataVolumeStatus },
      ['spec'],
    ),
    // CDI's webhook refuses spec changes after creation (multistage checkpoints aside).
    immutableFields: [
      '/spec/source',
      '/spec/sourceRef',
      '/spec/pvc',
      '/spec/storage',
      '/spec/contentType',
    ],
  }),
  defineType({
    group: 'cdi.kubevirt.io',
    version: 'v1beta1',
    kind: 'DataSource',
    plural: 'datasources',
    namespaced: true,
    shortNames: ['das'],
    categories: ['all'],
    schema: objectSchema(
      'DataSource names an import or clone source (a boot source) DataVolumes refer to.',
      {
        spec: obj({ source: dataSourceSource }, undefined, { required: ['source'] }),
        status: status({ source: dataSourceSource, conditions: conditions('Condition Ready.') }),
      },
      ['spec'],
    ),
  }),
  defineType({
    group: 'cdi.kubevirt.io',
    version: 'v1beta1',
    kind: 'DataImportCron',
    plural: 'dataimportcrons',
    namespaced: true,
    shortNames: ['dic', 'dics'],
    categories: ['all'],
    printerColumns: [
      {
        name: 'Format',
        type: 'string',
        jsonPath: '.status.sourceFormat',
        description: 'The format in which created sources are saved',
      },
    ],
    schema: objectSchema(
      'DataImportCron polls a registry and keeps a DataSource pointing at the newest import.',
      {
        spec: dataImportCronSpec,
        status: status({
          currentImports: arr(openObj({ DataVolumeName: str(), Digest: str() })),
          lastImportedPVC: preserve(),
          lastExecutionTimestamp: dateTime(),
          lastImportTimestamp: dateTime(),
          sourceFormat,
          conditions: conditions('Conditions Progressing and UpToDate.'),
        }),
      },
      ['spec'],
    ),
  }),
  defineType({
    group: 'cdi.kubevirt.io',
    version: 'v1beta1',
    kind: 'StorageProfile',
    plural: 'storageprofiles',
    namespaced: false,
    subresources: { status: true },
    schema: objectSchema(
      'StorageProfile holds CDI recommendations for the storage class of the same name.',
      {
        spec: obj({
          cloneStrategy,
          claimPropertySets,
          dataImportCronSourceFormat: sourceFormat,
          snapshotClass: str('VolumeSnapshotClass to use for snapshot clones.'),
        }),
        status: status({
          storageClass: str(),
          provisioner: str(),
          cloneStrategy,
          claimPropertySets,
          dataImportCronSourceFormat: sourceFormat,
          snapshotClass: str(),
        }),
      },
      ['spec'],
    ),
  }),
  defineType({
    group: 'cdi.kubevirt.io',
    version: 'v1beta1',
    kind: 'CDI',
    plural: 'cdis',
    singular: 'cdi',
    namespaced: false,
    shortNames: ['cdi'],
    printerColumns: [AGE, PHASE],
    schema: objectSchema('CDI is the installation of the Containerized Data Importer.', {
      spec: openObj({
        imagePullPolicy: enumOf(['Always', 'IfNotPresent', 'Never']),
        uninstallStrategy: enumOf(['RemoveWorkloads', 'BlockUninstallIfWorkloadsExist']),
        cloneStrategyOverride: cloneStrategy,
        config: preserve('CDIConfig spec applied by the operator.'),
        infra: preserve(),
        workload: preserve(),
        certConfig: preserve(),
        priorityClass: str(),
      }),
      status: status({ phase: str(), conditions: conditions() }),
    }),
  }),
  defineType({
    group: 'cdi.kubevirt.io',
    version: 'v1beta1',
    kind: 'CDIConfig',
    plural: 'cdiconfigs',
    namespaced: false,
    schema: objectSchema('CDIConfig is the user configuration of CDI (one object, named config).', {
      spec: openObj({
        uploadProxyURLOverride: str('URL clients use to reach the upload proxy.'),
        scratchSpaceStorageClass: str('Storage class of scratch space PVCs.'),
        podResourceRequirements: preserve(),
        featureGates: strArr(),
        filesystemOverhead,
        preallocation: bool('Preallocate DataVolumes by default.'),
        insecureRegistries: strArr('Registries reached without TLS verification.'),
        dataVolumeTTLSeconds: int32(
          'Seconds after which a completed DataVolume is garbage-collected; -1 disables it.',
        ),
        importProxy: preserve(),
      }),
      status: status({
        uploadProxyURL: str(),
        uploadProxyCA: str(),
        scratchSpaceStorageClass: str(),
        defaultPodResourceRequirements: preserve(),
        filesystemOverhead,
        preallocation: bool(),
        importProxy: preserve(),
      }),
    }),
  }),
  defineType({
    group: 'cdi.kubevirt.io',
    version: 'v1beta1',
    kind: 'VolumeImportSource',
    plural: 'volumeimportsources',
    namespaced: true,
    schema: objectSchema(
      'VolumeImportSource is a volume populator source that imports data into a PVC.',
      {
        spec: openObj({
          source: dataVolumeSource,
          contentType: enumOf(['kubevirt', 'archive']),
          preallocation: bool(),
          targetClaim: str(),
        }),
        status: status(),
      },
      ['spec'],
    ),
  }),
  defineType({
    group: 'cdi.kubevirt.io',
    version: 'v1beta1',
    kind: 'VolumeUploadSource',
    plural: 'volumeuploadsources',
    namespaced: true,
    schema: objectSchema(
      'VolumeUploadSource is a volume populator source filled by an upload.',
      {
        spec: openObj({ contentType: enumOf(['kubevirt', 'archive']), preallocation: bool() }),
        status: status(),
      },
      ['spec'],
    ),
  }),
  defineType({
    group: 'cdi.kubevirt.io',
    version: 'v1beta1',
    kind: 'VolumeCloneSource',
    plural: 'volumeclonesources',
    namespaced: true,
    schema: objectSchema(
      'VolumeCloneSource is a volume populator source that clones a PVC or snapshot.',
      {
        spec: openObj(
          {
            source: openObj({ apiGroup: str(), kind: str(), name: str() }, undefined, {
              required: ['kind', 'name'],
            }),
            preallocation: bool(),
            priorityClassName: str(),
          },
          undefined,
          { required: ['source'] },
        ),
      },
      ['spec'],
    ),
  }),
  defineType({
    group: 'upload.cdi.kubevirt.io',
    version: 'v1beta1',
    kind: 'UploadTokenRequest',
    plural: 'uploadtokenrequests',
    namespaced: true,
    // Served by cdi-apiserver: a POST returns the token in status; nothing is stored.
    verbs: CREATE_ONLY,
    schema: objectSchema(
      'UploadTokenRequest asks for a token to upload an image to a PVC through the upload proxy.',
      {
        spec: uploadTokenSpec,
        status: status({ token: str('The token to send as Bearer to the upload proxy.') }),
      },
      ['spec'],
    ),
  }),
];
