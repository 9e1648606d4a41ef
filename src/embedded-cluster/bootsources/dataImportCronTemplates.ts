import { osImageById, registryURL } from '../cdi/osImages';
import { commonTemplates } from '../seed/templates';
import type { KubeObject } from '../types';
import { GOLDEN_IMAGES_NAMESPACE } from './objects';

// Names and labels HCO, SSP and CDI put on boot-source objects.
export const DICT_ENABLE_ANNOTATION = 'dataimportcrontemplate.kubevirt.io/enable';
export const IMMEDIATE_BIND_ANNOTATION = 'cdi.kubevirt.io/storage.bind.immediate.requested';
export const DEFAULT_PREFERENCE_LABEL = 'instancetype.kubevirt.io/default-preference';
export const DEFAULT_INSTANCETYPE_LABEL = 'instancetype.kubevirt.io/default-instancetype';
export const CRON_LABEL = 'cdi.kubevirt.io/dataImportCron';
export const CRON_CLEANUP_LABEL = 'cdi.kubevirt.io/dataImportCronCleanup';

const VERSION = '4.16.0';
/** Labels SSP's data-sources operand puts on the DataImportCrons and DataSources it owns. */
export const SSP_LABELS: Readonly<Record<string, string>> = {
  'app.kubernetes.io/component': 'templating',
  'app.kubernetes.io/managed-by': 'ssp-operator',
  'app.kubernetes.io/name': 'data-sources',
  'app.kubernetes.io/part-of': 'hyperconverged-cluster',
  'app.kubernetes.io/version': VERSION,
};
/** CDI's recommended labels on what its DataImportCron controller creates. */
export const CDI_LABELS: Readonly<Record<string, string>> = {
  'app.kubernetes.io/component': 'storage',
  'app.kubernetes.io/managed-by': 'cdi-controller',
  'app.kubernetes.io/part-of': 'hyperconverged-cluster',
  'app.kubernetes.io/version': VERSION,
};

export const isOwnedBySsp = (o: KubeObject) =>
  o.metadata.labels?.['app.kubernetes.io/managed-by'] ===
    SSP_LABELS['app.kubernetes.io/managed-by'] &&
  o.metadata.labels?.['app.kubernetes.io/name'] === SSP_LABELS['app.kubernetes.io/name'];

export interface DataImportCronSpec {
  schedule?: string;
  managedDataSource?: string;
  garbageCollect?: 'Outdated' | 'Never';
  importsToKeep?: number;
  retentionPolicy?: 'None' | 'All';
  template?: {
    metadata?: KubeObject['metadata'];
    spec?: {
      source?: { registry?: { url?: string; imageStream?: string; pullMethod?: string } };
      storage?: { storageClassName?: string; resources?: { requests?: { storage?: string } } };
      pvc?: { storageClassName?: string; resources?: { requests?: { storage?: string } } };
      [field: string]: unknown;
    };
  };
}

/** An entry of HyperConverged `spec.dataImportCronTemplates` (a DataImportCron to create). */
export interface DataImportCronTemplate {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: DataImportCronSpec;
}

/** An entry of HyperConverged `status.dataImportCronTemplates`. */
export interface DataImportCronTemplateStatus extends DataImportCronTemplate {
  status: { commonTemplate?: boolean; modified?: boolean };
}

/**
 * The OS images OpenShift Virtualization 4.16 imports on its own (HCO's
 * dataImportCronTemplates file): the boot sources the seeded templates name.
 */
export const AUTO_IMPORTED_IMAGES = ['centos-stream9', 'fedora', 'rhel8', 'rhel9'] as const;

/** HCO randomises the minute and hour of the system crons once per cluster. */
export const randomDataImportSchedule = () =>
  `${Math.floor(Math.random() * 60)} ${Math.floor(Math.random() * 12)}/12 * * *`;

/** The system ("common") DataImportCronTemplates, all on the cluster's schedule. */
export const commonDataImportCronTemplates = (schedule: string): DataImportCronTemplate[] =>
  AUTO_IMPORTED_IMAGES.flatMap((id) => {
    const image = osImageById(id);
    if (!image) return [];
    return [
      {
        metadata: {
          name: `${id}-image-cron`,
          labels: {
            [DEFAULT_INSTANCETYPE_LABEL]: image.instancetype,
            [DEFAULT_PREFERENCE_LABEL]: image.preference,
          },
          annotations: { [IMMEDIATE_BIND_ANNOTATION]: 'true' },
        },
        spec: {
          garbageCollect: 'Outdated',
          managedDataSource: id,
          schedule,
          template: {
            spec: {
              source: { registry: { url: registryURL(image) } },
              storage: { resources: { requests: { storage: '30Gi' } } },
            },
          },
        },
      },
    ];
  });

/** Boot sources SSP ships templates for beyond the seeded ones (catalog tiles without a source). */
const MORE_TEMPLATE_DATA_SOURCES = ['win10', 'win11'];

/**
 * The DataSources SSP keeps in the boot-source namespace: one per `DATA_SOURCE_NAME` of the
 * common templates. Without a DataImportCron they point at a PVC of their own name, which a
 * fresh cluster does not have, so they are not Ready ("no boot source").
 */
export const sspDataSourceNames = (): string[] => {
  const names = new Set<string>();
  for (const template of commonTemplates()) {
    const parameters = (template.parameters ?? []) as { name?: string; value?: string }[];
    const value = parameters.find((p) => p.name === 'DATA_SOURCE_NAME')?.value;
    if (value) names.add(value);
  }
  for (const name of MORE_TEMPLATE_DATA_SOURCES) names.add(name);
  return [...names].sort();
};

/** SSP's own version of a DataSource: pointing at the golden-image PVC of the same name. */
export const sspDataSource = (name: string): KubeObject => {
  const image = osImageById(name);
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataSource',
    metadata: {
      name,
      namespace: GOLDEN_IMAGES_NAMESPACE,
      labels: {
        ...SSP_LABELS,
        ...(image
          ? {
              [DEFAULT_INSTANCETYPE_LABEL]: image.instancetype,
              [DEFAULT_PREFERENCE_LABEL]: image.preference,
            }
          : {}),
      },
    },
    spec: sspDataSourceSpec(name),
  };
};

export const sspDataSourceSpec = (name: string) => ({
  source: { pvc: { name, namespace: GOLDEN_IMAGES_NAMESPACE } },
});
