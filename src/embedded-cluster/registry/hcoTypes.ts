// hco.kubevirt.io/v1beta1 HyperConverged: the one object (kubevirt-hyperconverged in
// openshift-cnv) behind the console's Virtualization settings. Field names follow the HCO
// API (hyperconverged_types.go); defaults are the ones OpenShift Virtualization 4.16 applies,
// so a freshly created object reads like a real one.
import type { JSONSchemaProps, ResourceType } from '../types';
import { dataImportCronSpec } from './cdiSchemas';
import { AGE, defineType } from './define';
import {
  arr,
  bool,
  conditions,
  enumOf,
  int,
  int64,
  labelSelector,
  obj,
  objectSchema,
  openObj,
  preserve,
  QUANTITY_PATTERN,
  status,
  str,
  strArr,
  templateMetadata,
} from './schema';

const gate = (description: string, value: boolean): JSONSchemaProps => ({
  ...bool(description),
  default: value,
});

const featureGates: JSONSchemaProps = openObj(
  {
    enableCommonBootImageImport: gate(
      'Import and keep updating the Red Hat boot sources (DataImportCrons in openshift-virtualization-os-images). ' +
        'false deletes the system DataImportCrons and resets their DataSources.',
      true,
    ),
    deployVmConsoleProxy: gate('Deploy the VNC token endpoint (token.kubevirt.io).', false),
    deployKubeSecondaryDNS: gate('Deploy DNS for secondary networks.', false),
    deployTektonTaskResources: gate('Deploy the Tekton tasks and example pipelines.', false),
    disableMDevConfiguration: gate('Do not configure mediated devices on nodes.', false),
    persistentReservation: gate('Allow SCSI persistent reservation on shared LUNs.', false),
    alignCPUs: gate('Add up to two dedicated CPUs to align with SMT.', false),
    downwardMetrics: gate('Allow exposing host metrics to guests.', false),
    autoResourceLimits: gate('Set CPU and memory limits in namespaces with quotas.', false),
    enableApplicationAwareQuota: gate('Deploy the application-aware quota operator.', false),
    nonRoot: bool('Deprecated: always on.'),
    withHostPassthroughCPU: bool('Deprecated: ignored.'),
    enableManagedTenantQuota: bool('Deprecated: ignored.'),
    primaryUserDefinedNetworkBinding: bool(),
  },
  'Feature gates: true enables the feature. Gates this schema does not list are kept as given.',
  { default: {} },
);

const liveMigrationConfig: JSONSchemaProps = obj(
  {
    parallelMigrationsPerCluster: int('Migrations running at once in the cluster.', {
      minimum: 0,
      default: 5,
    }),
    parallelOutboundMigrationsPerNode: int('Outbound migrations at once per node.', {
      minimum: 0,
      default: 2,
    }),
    bandwidthPerMigration: str(
      'Bandwidth limit per migration in bytes/s, e.g. 64Mi; 0 is unlimited.',
      {
        pattern: QUANTITY_PATTERN,
      },
    ),
    completionTimeoutPerGiB: int64(
      'Seconds per GiB of guest memory before the migration is cancelled.',
      {
        default: 800,
      },
    ),
    progressTimeout: int64('Seconds without progress before the migration is cancelled.', {
      default: 150,
    }),
    network: str('Name of a NetworkAttachmentDefinition dedicated to live migration.'),
    allowAutoConverge: { ...bool('Throttle guests so migrations converge.'), default: false },
    allowPostCopy: {
      ...bool('Fall back to post-copy when pre-copy does not converge.'),
      default: false,
    },
  },
  'Limits and timeouts of live migrations.',
  { default: {} },
);

const certRotation = (duration: string, renewBefore: string): JSONSchemaProps =>
  obj(
    {
      duration: str('Lifetime of the certificate (Go duration, >= 10m).', { default: duration }),
      renewBefore: str('Renew this long before expiry (Go duration).', { default: renewBefore }),
    },
    undefined,
    { default: {} },
  );

const hyperConvergedSpec: JSONSchemaProps = obj(
  {
    featureGates,
    liveMigrationConfig,
    dataImportCronTemplates: arr(
      obj(
        { metadata: templateMetadata(), spec: dataImportCronSpec },
        'A boot source: a DataImportCron created in the boot-source namespace.',
      ),
      'Custom boot sources, and system ones listed to change or disable them ' +
        '(annotation dataimportcrontemplate.kubevirt.io/enable: "false").',
      { 'x-kubernetes-list-type': 'atomic' },
    ),
    resourceRequirements: obj(
      {
        storageWorkloads: preserve(
          'Requests and limits of CDI importer, uploader and cloner pods.',
        ),
        vmiCPUAllocationRatio: int('vCPUs per physical CPU requested (10 means 10:1).', {
          minimum: 1,
          default: 10,
        }),
        autoCPULimitNamespaceLabelSelector: labelSelector(),
      },
      'Resource requirements of the operand workloads.',
      { default: {} },
    ),
    workloadUpdateStrategy: obj(
      {
        workloadUpdateMethods: strArr('LiveMigrate and/or Evict; empty disables workload updates.'),
        batchEvictionSize: int(undefined, { default: 10 }),
        batchEvictionInterval: str(undefined, { default: '1m0s' }),
      },
      'How VMs are moved to updated virt-launcher images.',
      { default: { workloadUpdateMethods: ['LiveMigrate'] } },
    ),
    certConfig: obj(
      { ca: certRotation('48h0m0s', '24h0m0s'), server: certRotation('24h0m0s', '12h0m0s') },
      'Rotation of the internal self-signed certificates.',
      { default: {} },
    ),
    uninstallStrategy: {
      ...enumOf(
        ['RemoveWorkloads', 'BlockUninstallIfWorkloadsExist'],
        'Whether deleting the HyperConverged object deletes VMs and DataVolumes too.',
      ),
      default: 'BlockUninstallIfWorkloadsExist',
    },
    evictionStrategy: enumOf(['None', 'LiveMigrate', 'LiveMigrateIfPossible', 'External']),
    infra: obj({ nodePlacement: preserve() }, 'Placement of infrastructure components.'),
    workloads: obj({ nodePlacement: preserve() }, 'Placement of VM workloads (node agents).'),
    permittedHostDevices: preserve('PCI, USB and mediated devices allowed for passthrough.'),
    mediatedDevicesConfiguration: preserve(),
    scratchSpaceStorageClass: str('Storage class for CDI scratch space.'),
    vmStateStorageClass: str('Storage class for persistent vTPM and EFI state (RWX, Filesystem).'),
    defaultCPUModel: str('Cluster default CPU model for VMs that set none.'),
    defaultRuntimeClass: str(),
    obsoleteCPUs: obj({ minCPUModel: str(), cpuModels: strArr() }),
    commonTemplatesNamespace: str('Namespace of the common templates (openshift by default).'),
    commonBootImageNamespace: str('Namespace of the boot sources.'),
    storageImport: obj({ insecureRegistries: strArr('Registries reached without TLS.') }),
    filesystemOverhead: obj(
      {
        global: str('e.g. "0.055"'),
        storageClass: { type: 'object', additionalProperties: str() },
      },
      'Space reserved on Filesystem volumes.',
    ),
    logVerbosityConfig: preserve('Log verbosity of KubeVirt and CDI components.'),
    tlsSecurityProfile: preserve(),
    virtualMachineOptions: obj(
      {
        disableFreePageReporting: { ...bool(), default: false },
        disableSerialConsoleLog: {
          ...bool('Do not log guest serial consoles by default.'),
          default: false,
        },
      },
      undefined,
      { default: {} },
    ),
    higherWorkloadDensity: obj(
      {
        memoryOvercommitPercentage: int('Guest memory as percent of the pod request.', {
          minimum: 10,
          default: 100,
        }),
      },
      undefined,
      { default: {} },
    ),
    ksmConfiguration: obj(
      { nodeLabelSelector: labelSelector('Nodes KSM runs on; {} means all nodes.') },
      'Kernel Samepage Merging; absent means off.',
    ),
    tuningPolicy: enumOf(['annotation', 'highBurst']),
    kubeSecondaryDNSNameServerIP: str(),
    networkBinding: preserve(),
    applicationAwareConfig: preserve(),
    instancetypeConfig: preserve(),
    CommonInstancetypesDeployment: preserve(),
    liveUpdateConfiguration: preserve(),
    enableCommonBootImageImport: bool(
      'Newer HCO versions: replaces featureGates.enableCommonBootImageImport.',
    ),
    deployVmConsoleProxy: bool('Newer HCO versions: replaces featureGates.deployVmConsoleProxy.'),
    enableApplicationAwareQuota: bool(),
    localStorageClassName: str('Deprecated.'),
    vddkInitImage: str('Deprecated.'),
    tektonPipelinesNamespace: str('Deprecated.'),
    tektonTasksNamespace: str('Deprecated.'),
  },
  'HyperConvergedSpec defines the desired state of OpenShift Virtualization.',
  { default: {} },
);

export const hcoTypes: ResourceType[] = [
  defineType({
    group: 'hco.kubevirt.io',
    version: 'v1beta1',
    kind: 'HyperConverged',
    plural: 'hyperconvergeds',
    namespaced: true,
    shortNames: ['hco', 'hcos'],
    categories: ['all'],
    subresources: { status: true },
    printerColumns: [AGE],
    schema: objectSchema('HyperConverged is the configuration of OpenShift Virtualization.', {
      spec: hyperConvergedSpec,
      status: status({
        conditions: conditions(
          'ReconcileComplete, Available, Progressing, Degraded and Upgradeable.',
        ),
        versions: arr(openObj({ name: str(), version: str() }), 'e.g. operator 4.16.0.'),
        relatedObjects: arr(preserve()),
        dataImportCronTemplates: arr(
          preserve('A boot source as applied, with status.commonTemplate true for system ones.'),
        ),
        dataImportSchedule: str(),
        observedGeneration: int64(),
        systemHealthStatus: str(),
        infrastructureHighlyAvailable: bool(),
      }),
    }),
  }),
];
