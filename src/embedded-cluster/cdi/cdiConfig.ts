import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';

export const CDIS = 'cdi.kubevirt.io/cdis';
export const CDI_CONFIGS = 'cdi.kubevirt.io/cdiconfigs';
export const CDI_CONFIG_NAME = 'config';
export const DEFAULT_FILESYSTEM_OVERHEAD = '0.055';

/** What CDI's operator sets as default pod resources for importer, uploader and cloner pods. */
const DEFAULT_POD_RESOURCES = {
  limits: { cpu: '750m', memory: '600M' },
  requests: { cpu: '100m', memory: '60M' },
};

/** The CDI CR HyperConverged deploys, and the CDIConfig the CDI operator keeps. */
export const cdiSeeds = (): KubeObject[] => [
  {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'CDI',
    metadata: {
      name: 'cdi-kubevirt-hyperconverged',
      labels: {
        'app.kubernetes.io/component': 'storage',
        'app.kubernetes.io/managed-by': 'hco-operator',
        'app.kubernetes.io/part-of': 'hyperconverged-cluster',
      },
    },
    spec: {
      config: {
        dataVolumeTTLSeconds: -1,
        featureGates: ['HonorWaitForFirstConsumer'],
      },
      infra: {},
      uninstallStrategy: 'BlockUninstallIfWorkloadsExist',
      workload: {},
    },
    status: {
      phase: 'Deployed',
      conditions: [
        { type: 'Available', status: 'True', reason: 'Available', message: 'Available' },
        { type: 'Progressing', status: 'False', reason: '', message: '' },
        { type: 'Degraded', status: 'False', reason: '', message: '' },
      ],
    },
  },
  {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'CDIConfig',
    metadata: { name: CDI_CONFIG_NAME },
    // dataVolumeTTLSeconds (-1) comes from the CDI CR's spec.config.
    spec: { featureGates: ['HonorWaitForFirstConsumer'] },
    status: {
      filesystemOverhead: { global: DEFAULT_FILESYSTEM_OVERHEAD, storageClass: {} },
      defaultPodResourceRequirements: DEFAULT_POD_RESOURCES,
      preallocation: false,
    },
  },
];

type ConfigSpec = {
  dataVolumeTTLSeconds?: number;
  filesystemOverhead?: { global?: string; storageClass?: Record<string, string> };
  scratchSpaceStorageClass?: string;
  uploadProxyURLOverride?: string;
  preallocation?: boolean;
};
type ConfigStatus = {
  filesystemOverhead?: { global?: string; storageClass?: Record<string, string> };
};

export const cdiConfig = (store: ObjectStore) => store.get(CDI_CONFIGS, undefined, CDI_CONFIG_NAME);

/**
 * The configuration in force: the CDI CR's `spec.config` (what HyperConverged sets, and the
 * CDI operator copies into CDIConfig), overridden by what CDIConfig's own spec says.
 */
const configSpec = (store: ObjectStore): ConfigSpec => {
  const cr = (store.list(CDIS)[0]?.spec as { config?: ConfigSpec } | undefined)?.config ?? {};
  const own = (cdiConfig(store)?.spec ?? {}) as ConfigSpec;
  return { ...cr, ...own };
};

/** The share of a Filesystem volume of `storageClass` CDI keeps for the filesystem. */
export const filesystemOverhead = (store: ObjectStore, storageClass: string | undefined) => {
  const config = cdiConfig(store);
  const overhead =
    (config?.status as ConfigStatus | undefined)?.filesystemOverhead ??
    (config?.spec as ConfigSpec | undefined)?.filesystemOverhead;
  const value =
    (storageClass ? overhead?.storageClass?.[storageClass] : undefined) ??
    overhead?.global ??
    DEFAULT_FILESYSTEM_OVERHEAD;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 && parsed < 1 ? parsed : 0.055;
};

/** `dataVolumeTTLSeconds`; negative (the 4.16 default) disables garbage collection. */
export const dataVolumeTTLSeconds = (store: ObjectStore): number => {
  const ttl = Number(configSpec(store).dataVolumeTTLSeconds);
  return Number.isFinite(ttl) ? ttl : -1;
};

const STORAGE_CLASSES = 'storage.k8s.io/storageclasses';

/** The cluster default storage class, the way CDI picks its scratch class. */
const defaultClassName = (store: ObjectStore) =>
  store
    .list(STORAGE_CLASSES)
    .find((c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true')
    ?.metadata.name;

/**
 * CDIConfig status as the CDI operator keeps it: the upload proxy URL (the override, else this
 * cluster's `/cdi-upload` route), scratch class, filesystem overhead (spec, else 5.5 %), pod
 * resources, preallocation. Returns the object to store, or undefined when nothing changed.
 */
export const reconciledConfig = (
  store: ObjectStore,
  uploadProxyURL: string,
): KubeObject | undefined => {
  const config = cdiConfig(store);
  if (!config) return undefined;
  const spec = configSpec(store);
  const previous = (config.status ?? {}) as Record<string, unknown>;
  const scratch = spec.scratchSpaceStorageClass ?? defaultClassName(store);
  const status: Record<string, unknown> = {
    ...previous,
    uploadProxyURL: spec.uploadProxyURLOverride ?? uploadProxyURL,
    filesystemOverhead: {
      global: spec.filesystemOverhead?.global ?? DEFAULT_FILESYSTEM_OVERHEAD,
      storageClass: Object.fromEntries(
        store.list(STORAGE_CLASSES).map((c) => {
          const name = c.metadata.name ?? '';
          return [
            name,
            spec.filesystemOverhead?.storageClass?.[name] ??
              spec.filesystemOverhead?.global ??
              DEFAULT_FILESYSTEM_OVERHEAD,
          ];
        }),
      ),
    },
    defaultPodResourceRequirements: DEFAULT_POD_RESOURCES,
    preallocation: spec.preallocation ?? false,
  };
  if (scratch) status.scratchSpaceStorageClass = scratch;
  else delete status.scratchSpaceStorageClass;
  if (JSON.stringify(status) === JSON.stringify(previous)) return undefined;
  return { ...config, status };
};
