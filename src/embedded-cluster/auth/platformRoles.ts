// Platform roles of OpenShift and its virtualization operators that the checkups and CDI's
// clone authorization depend on:
// - OpenShift's `cluster-reader`, which the storage checkup's ClusterRoleBinding names:
//   everything `view` reads plus the cluster-scoped kinds (nodes, volumes, storage classes,
//   the operators' CRs), aggregated from roles labelled `aggregate-to-cluster-reader`;
// - SSP's `os-images.kubevirt.io:view` in the golden images namespace, bound to every
//   authenticated user and service account, so a VM anywhere may clone a golden image (CDI
//   authorizes a dataVolumeTemplates clone for the namespace's `default` service account).
import type { KubeObject } from '../types';

const RBAC = 'rbac.authorization.k8s.io/v1';
const READ = ['get', 'list', 'watch'];
const GOLDEN_IMAGES = 'openshift-virtualization-os-images';
export const AGGREGATE_TO_CLUSTER_READER = 'rbac.authorization.k8s.io/aggregate-to-cluster-reader';

export const platformRoles = (): KubeObject[] => [
  {
    apiVersion: RBAC,
    kind: 'ClusterRole',
    metadata: {
      name: 'cluster-reader',
      annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
    },
    aggregationRule: {
      clusterRoleSelectors: [
        { matchLabels: { [AGGREGATE_TO_CLUSTER_READER]: 'true' } },
        { matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
      ],
    },
    rules: [],
  },
  {
    apiVersion: RBAC,
    kind: 'ClusterRole',
    metadata: {
      name: 'system:openshift:aggregate-to-cluster-reader',
      labels: { [AGGREGATE_TO_CLUSTER_READER]: 'true' },
    },
    rules: [
      { apiGroups: [''], resources: ['nodes', 'persistentvolumes', 'namespaces'], verbs: READ },
      {
        apiGroups: ['storage.k8s.io'],
        resources: ['storageclasses', 'csidrivers', 'csinodes', 'volumeattachments'],
        verbs: READ,
      },
      {
        apiGroups: ['snapshot.storage.k8s.io'],
        resources: ['volumesnapshotclasses', 'volumesnapshotcontents', 'volumesnapshots'],
        verbs: READ,
      },
      { apiGroups: ['config.openshift.io'], resources: ['clusterversions'], verbs: READ },
      { apiGroups: ['hco.kubevirt.io'], resources: ['hyperconvergeds'], verbs: READ },
      { apiGroups: ['kubevirt.io'], resources: ['kubevirts'], verbs: READ },
      {
        apiGroups: ['cdi.kubevirt.io'],
        resources: ['cdis', 'cdiconfigs', 'storageprofiles'],
        verbs: READ,
      },
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['clusterroles', 'clusterrolebindings', 'roles', 'rolebindings'],
        verbs: READ,
      },
    ],
  },
  {
    apiVersion: RBAC,
    kind: 'Role',
    metadata: { name: 'os-images.kubevirt.io:view', namespace: GOLDEN_IMAGES },
    rules: [
      {
        apiGroups: [''],
        resources: ['persistentvolumeclaims', 'persistentvolumeclaims/status'],
        verbs: READ,
      },
      { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes'], verbs: READ },
      { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['create'] },
      { apiGroups: ['cdi.kubevirt.io'], resources: ['datasources'], verbs: READ },
      { apiGroups: ['cdi.kubevirt.io'], resources: ['dataimportcrons'], verbs: READ },
      { apiGroups: [''], resources: ['namespaces'], verbs: READ },
    ],
  },
  {
    apiVersion: RBAC,
    kind: 'RoleBinding',
    metadata: { name: 'os-images.kubevirt.io:view', namespace: GOLDEN_IMAGES },
    subjects: [
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:authenticated' },
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:serviceaccounts' },
    ],
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'os-images.kubevirt.io:view',
    },
  },
];
