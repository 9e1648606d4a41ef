/** One Kubernetes kind, declared once; URLs, hooks and links are built from it. */
export interface ResourceModel {
  /** API group; '' for the core group. */
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** t() key of the kind's name, e.g. 'VirtualMachine'. */
  labelKey: string;
  /** Short badge text, e.g. 'VM'. */
  abbr: string;
}

const model = (
  group: string,
  version: string,
  kind: string,
  plural: string,
  abbr: string,
  namespaced = true,
): ResourceModel => ({ group, version, kind, plural, namespaced, labelKey: kind, abbr });

const KUBEVIRT = 'kubevirt.io';
const INSTANCETYPE = 'instancetype.kubevirt.io';

export const VirtualMachineModel = model(KUBEVIRT, 'v1', 'VirtualMachine', 'virtualmachines', 'VM');
export const VirtualMachineInstanceModel = model(
  KUBEVIRT,
  'v1',
  'VirtualMachineInstance',
  'virtualmachineinstances',
  'VMI',
);
export const VirtualMachineInstanceMigrationModel = model(
  KUBEVIRT,
  'v1',
  'VirtualMachineInstanceMigration',
  'virtualmachineinstancemigrations',
  'VMIM',
);
export const VirtualMachineSnapshotModel = model(
  'snapshot.kubevirt.io',
  'v1beta1',
  'VirtualMachineSnapshot',
  'virtualmachinesnapshots',
  'VMS',
);
export const VirtualMachineRestoreModel = model(
  'snapshot.kubevirt.io',
  'v1beta1',
  'VirtualMachineRestore',
  'virtualmachinerestores',
  'VMR',
);
export const VirtualMachineCloneModel = model(
  'clone.kubevirt.io',
  'v1beta1',
  'VirtualMachineClone',
  'virtualmachineclones',
  'VMC',
);
export const DataVolumeModel = model(
  'cdi.kubevirt.io',
  'v1beta1',
  'DataVolume',
  'datavolumes',
  'DV',
);
export const PersistentVolumeClaimModel = model(
  '',
  'v1',
  'PersistentVolumeClaim',
  'persistentvolumeclaims',
  'PVC',
);
export const VolumeSnapshotModel = model(
  'snapshot.storage.k8s.io',
  'v1',
  'VolumeSnapshot',
  'volumesnapshots',
  'VS',
);
export const EventModel = model('', 'v1', 'Event', 'events', 'E');
export const NodeModel = model('', 'v1', 'Node', 'nodes', 'N', false);
export const PodModel = model('', 'v1', 'Pod', 'pods', 'P');
export const ServiceModel = model('', 'v1', 'Service', 'services', 'S');
export const NamespaceModel = model('', 'v1', 'Namespace', 'namespaces', 'NS', false);
export const SecretModel = model('', 'v1', 'Secret', 'secrets', 'S');
export const VirtualMachineClusterInstancetypeModel = model(
  INSTANCETYPE,
  'v1beta1',
  'VirtualMachineClusterInstancetype',
  'virtualmachineclusterinstancetypes',
  'VMCI',
  false,
);
export const VirtualMachineClusterPreferenceModel = model(
  INSTANCETYPE,
  'v1beta1',
  'VirtualMachineClusterPreference',
  'virtualmachineclusterpreferences',
  'VMCP',
  false,
);

export const VirtualMachineInstancetypeModel = model(
  INSTANCETYPE,
  'v1beta1',
  'VirtualMachineInstancetype',
  'virtualmachineinstancetypes',
  'VMI',
);
export const VirtualMachinePreferenceModel = model(
  INSTANCETYPE,
  'v1beta1',
  'VirtualMachinePreference',
  'virtualmachinepreferences',
  'VMP',
);
export const DataSourceModel = model(
  'cdi.kubevirt.io',
  'v1beta1',
  'DataSource',
  'datasources',
  'DS',
);
export const StorageProfileModel = model(
  'cdi.kubevirt.io',
  'v1beta1',
  'StorageProfile',
  'storageprofiles',
  'SP',
  false,
);
export const StorageClassModel = model(
  'storage.k8s.io',
  'v1',
  'StorageClass',
  'storageclasses',
  'SC',
  false,
);
export const ConfigMapModel = model('', 'v1', 'ConfigMap', 'configmaps', 'CM');
export const ServiceAccountModel = model('', 'v1', 'ServiceAccount', 'serviceaccounts', 'SA');
export const ResourceQuotaModel = model('', 'v1', 'ResourceQuota', 'resourcequotas', 'RQ');
export const NetworkAttachmentDefinitionModel = model(
  'k8s.cni.cncf.io',
  'v1',
  'NetworkAttachmentDefinition',
  'network-attachment-definitions',
  'NAD',
);
export const JobModel = model('batch', 'v1', 'Job', 'jobs', 'J');
export const RoleModel = model('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', 'R');
export const RoleBindingModel = model(
  'rbac.authorization.k8s.io',
  'v1',
  'RoleBinding',
  'rolebindings',
  'RB',
);
export const ClusterRoleBindingModel = model(
  'rbac.authorization.k8s.io',
  'v1',
  'ClusterRoleBinding',
  'clusterrolebindings',
  'CRB',
  false,
);
/** OpenShift Virtualization's operator configuration: one, `kubevirt-hyperconverged` in `openshift-cnv`. */
export const HyperConvergedModel = model(
  'hco.kubevirt.io',
  'v1beta1',
  'HyperConverged',
  'hyperconvergeds',
  'HCO',
);
/** Where OpenShift Virtualization keeps its one HyperConverged. */
export const HYPERCONVERGED_REF = { namespace: 'openshift-cnv', name: 'kubevirt-hyperconverged' };
export const TemplateModel = model('template.openshift.io', 'v1', 'Template', 'templates', 'T');
/**
 * `POST …/namespaces/NS/processedtemplates`: a Template in, the same Template out with its
 * parameters settled and substituted into its objects. Nothing is stored.
 */
export const ProcessedTemplateModel: ResourceModel = {
  ...TemplateModel,
  plural: 'processedtemplates',
};

/** `apiVersion` as objects carry it: `kubevirt.io/v1`, or `v1` for the core group. */
export const apiVersionOf = (m: ResourceModel): string =>
  m.group ? `${m.group}/${m.version}` : m.version;

/** The console's reference of a kind: `kubevirt.io~v1~VirtualMachine` (`core~v1~Pod`). */
export const modelReference = (m: ResourceModel): string =>
  `${m.group || 'core'}~${m.version}~${m.kind}`;

/** The console's key for "All projects". */
export const ALL_NAMESPACES_KEY = '#ALL_NS#';

export interface ResourceRef {
  namespace?: string;
  name?: string;
  subresource?: string;
}

/**
 * The API path of a collection, an object or a subresource:
 * `/apis/kubevirt.io/v1/namespaces/ns/virtualmachines/name`. The namespace is left out for a
 * cluster-scoped kind, and for a namespaced one when absent (all namespaces).
 */
export const apiPath = (m: ResourceModel, ref: ResourceRef = {}): string => {
  const parts = [m.group ? `/apis/${m.group}/${m.version}` : `/api/${m.version}`];
  // The console's "All projects" (`useActiveNamespace`) is no namespace at all.
  if (m.namespaced && ref.namespace && ref.namespace !== ALL_NAMESPACES_KEY)
    parts.push('namespaces', encodeURIComponent(ref.namespace));
  parts.push(m.plural);
  if (ref.name) parts.push(encodeURIComponent(ref.name));
  if (ref.name && ref.subresource) parts.push(ref.subresource);
  return parts.join('/');
};

type Translate = (key: string) => string;

/** Each kind's name through t(), as literal keys so `npm run i18n` finds them. */
const LABELS: Record<string, (t: Translate) => string> = {
  VirtualMachine: (t) => t('VirtualMachine'),
  VirtualMachineInstance: (t) => t('VirtualMachineInstance'),
  VirtualMachineInstanceMigration: (t) => t('VirtualMachineInstanceMigration'),
  VirtualMachineSnapshot: (t) => t('VirtualMachineSnapshot'),
  VirtualMachineRestore: (t) => t('VirtualMachineRestore'),
  VirtualMachineClone: (t) => t('VirtualMachineClone'),
  DataVolume: (t) => t('DataVolume'),
  PersistentVolumeClaim: (t) => t('PersistentVolumeClaim'),
  VolumeSnapshot: (t) => t('VolumeSnapshot'),
  Event: (t) => t('Event'),
  Node: (t) => t('Node'),
  Pod: (t) => t('Pod'),
  Service: (t) => t('Service'),
  Namespace: (t) => t('Namespace'),
  Secret: (t) => t('Secret'),
  VirtualMachineClusterInstancetype: (t) => t('VirtualMachineClusterInstancetype'),
  VirtualMachineClusterPreference: (t) => t('VirtualMachineClusterPreference'),
  HyperConverged: (t) => t('HyperConverged'),
};

/** The kind's translated name: `modelLabel(t, VirtualMachineModel)` → 'VirtualMachine'. */
export const modelLabel = (t: Translate, m: ResourceModel): string =>
  LABELS[m.labelKey]?.(t) ?? m.kind;
