// The Kubernetes kinds the embedded cluster serves besides the virtualization APIs: core v1,
// events, RBAC, storage, volume snapshots, network attachment definitions, jobs, access
// reviews and CRDs. Schemas are lenient below spec and status (controllers and clients there
// are Kubernetes' own) but name the top-level fields, and carry the strategic-merge keys that
// `kubectl apply` relies on for the lists that merge.
import type { JSONSchemaProps, ResourceType } from '../types';
import { AGE, CREATE_ONLY, defineType } from './define';
import {
  arr,
  bool,
  conditions,
  dateTime,
  enumOf,
  int32,
  int64,
  intOrString,
  labelSelector,
  localObjectReference,
  mergeList,
  obj,
  objectSchema,
  openObj,
  preserve,
  quantity,
  quantityMap,
  status,
  str,
  stringMap,
  strArr,
  templateMetadata,
} from './schema';

/** Conditions keyed by `type`, as core kinds declare them for strategic merge. */
const mergedConditions = (): JSONSchemaProps => {
  const list = conditions();
  return mergeList(list.items ?? {}, 'type', list.description);
};

const container: JSONSchemaProps = openObj(
  {
    name: str('Name of the container, unique within the pod.'),
    image: str('Container image name.'),
    command: strArr('Entrypoint array; the image ENTRYPOINT when unset.'),
    args: strArr('Arguments to the entrypoint.'),
    imagePullPolicy: enumOf(['Always', 'IfNotPresent', 'Never']),
    env: mergeList(
      openObj({ name: str(), value: str(), valueFrom: preserve() }, undefined, {
        required: ['name'],
      }),
      'name',
    ),
    resources: preserve('Compute resources (requests, limits) the container needs.'),
    securityContext: preserve('Security options the container runs with.'),
    ports: mergeList(
      openObj({ containerPort: int32(), protocol: str(), name: str() }, undefined, {
        required: ['containerPort'],
      }),
      'containerPort',
    ),
    volumeMounts: mergeList(
      openObj({ name: str(), mountPath: str() }, undefined, { required: ['name', 'mountPath'] }),
      'mountPath',
    ),
    volumeDevices: mergeList(
      openObj({ name: str(), devicePath: str() }, undefined, { required: ['name', 'devicePath'] }),
      'devicePath',
    ),
  },
  'A single application container.',
  { required: ['name'] },
);

const podSpec: JSONSchemaProps = openObj(
  {
    containers: mergeList(container, 'name', 'Containers belonging to the pod.'),
    initContainers: mergeList(container, 'name', 'Containers run to completion before the others.'),
    ephemeralContainers: mergeList(container, 'name'),
    volumes: mergeList(
      openObj({ name: str() }, undefined, { required: ['name'] }),
      'name',
      'Volumes that containers of the pod may mount.',
      { 'x-kubernetes-patch-strategy': 'merge,retainKeys' },
    ),
    imagePullSecrets: mergeList(localObjectReference(), 'name'),
    hostAliases: mergeList(openObj({ ip: str(), hostnames: strArr() }), 'ip'),
    nodeName: str('The node the pod is bound to.'),
    nodeSelector: stringMap('Labels a node must carry for the pod to be scheduled on it.'),
    serviceAccountName: str(),
    serviceAccount: str('Deprecated alias of serviceAccountName.'),
    securityContext: preserve('Pod-level security attributes.'),
    affinity: preserve('Scheduling constraints: node, pod affinity and anti-affinity.'),
    tolerations: arr(preserve()),
    restartPolicy: enumOf(['Always', 'OnFailure', 'Never']),
  },
  'Specification of the desired behavior of the pod.',
);

const podTemplate = (description: string): JSONSchemaProps =>
  obj({ metadata: templateMetadata(), spec: podSpec }, description);

const policyRule: JSONSchemaProps = obj(
  {
    apiGroups: strArr('API groups of the resources; "" is the core group, "*" all groups.'),
    resources: strArr('Resources the rule applies to; "*" means all, "pods/log" a subresource.'),
    verbs: strArr('Verbs the rule allows; "*" means all.'),
    resourceNames: strArr('Optional allow-list of object names.'),
    nonResourceURLs: strArr('Non-resource URLs such as /healthz (ClusterRoles only).'),
  },
  'PolicyRule holds information that describes a policy rule.',
  { required: ['verbs'] },
);

const roleRef: JSONSchemaProps = obj(
  {
    apiGroup: str('API group of the referenced role.'),
    kind: enumOf(['Role', 'ClusterRole'], 'Kind of the referenced role.'),
    name: str('Name of the referenced role.'),
  },
  'The Role or ClusterRole the binding grants. Cannot be changed once set.',
  { required: ['apiGroup', 'kind', 'name'] },
);

const subjects: JSONSchemaProps = arr(
  obj(
    {
      kind: enumOf(['User', 'Group', 'ServiceAccount']),
      apiGroup: str(),
      name: str(),
      namespace: str('Namespace of a ServiceAccount subject.'),
    },
    undefined,
    { required: ['kind', 'name'] },
  ),
  'The users, groups and service accounts the role is granted to.',
);

const QUOTA_SCOPES = [
  'Terminating',
  'NotTerminating',
  'BestEffort',
  'NotBestEffort',
  'PriorityClass',
  'CrossNamespacePodAffinity',
  'VolumeAttributesClass',
];

const accessModes = strArr('ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.');
const volumeMode = enumOf(['Filesystem', 'Block'], 'Filesystem (default) or Block.');

const pvcSpec: JSONSchemaProps = openObj(
  {
    accessModes,
    resources: openObj({ requests: quantityMap(), limits: quantityMap() }),
    storageClassName: str('Name of the StorageClass required by the claim.'),
    volumeMode,
    volumeName: str('The PersistentVolume bound to this claim.'),
    selector: labelSelector(),
    dataSource: preserve(),
    dataSourceRef: preserve(),
  },
  'The desired characteristics of a volume.',
);

const reviewStatus = status({
  allowed: bool('Whether the action is allowed.'),
  denied: bool('Whether the action is explicitly denied.'),
  reason: str(),
  evaluationError: str(),
});

const eventFields = {
  action: str('What action was taken or failed.'),
  reason: str('Short, machine-understandable reason for the event.'),
  type: enumOf(['Normal', 'Warning'], 'Normal or Warning.'),
  eventTime: dateTime('When the event was first observed (MicroTime).'),
  related: preserve('Optional secondary object.'),
  reportingInstance: str(),
  series: preserve('Data about a series of repeated events.', { nullable: true }),
};

export const coreTypes: ResourceType[] = [
  defineType({
    group: '',
    version: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    namespaced: false,
    shortNames: ['ns'],
    printerColumns: [{ name: 'Status', type: 'string', jsonPath: '.status.phase' }, AGE],
    schema: objectSchema('Namespace provides a scope for names.', {
      spec: openObj({ finalizers: strArr() }),
      status: status({
        phase: enumOf(['Active', 'Terminating']),
        conditions: mergedConditions(),
      }),
    }),
  }),
  defineType({
    group: '',
    version: 'v1',
    kind: 'Node',
    plural: 'nodes',
    namespaced: false,
    shortNames: ['no'],
    printerColumns: [
      {
        name: 'Status',
        type: 'string',
        jsonPath: ".status.conditions[?(@.type=='Ready')].status",
        description: 'Whether the node is Ready (True) or not.',
      },
      // kubectl derives roles from node-role.kubernetes.io/* keys; the legacy label is what a
      // JSONPath can show, so the embedded nodes set it.
      { name: 'Roles', type: 'string', jsonPath: ".metadata.labels['kubernetes.io/role']" },
      AGE,
      { name: 'Version', type: 'string', jsonPath: '.status.nodeInfo.kubeletVersion' },
      {
        name: 'Internal-IP',
        type: 'string',
        jsonPath: ".status.addresses[?(@.type=='InternalIP')].address",
        priority: 1,
      },
      { name: 'OS-Image', type: 'string', jsonPath: '.status.nodeInfo.osImage', priority: 1 },
      {
        name: 'Kernel-Version',
        type: 'string',
        jsonPath: '.status.nodeInfo.kernelVersion',
        priority: 1,
      },
      {
        name: 'Container-Runtime',
        type: 'string',
        jsonPath: '.status.nodeInfo.containerRuntimeVersion',
        priority: 1,
      },
    ],
    schema: objectSchema('Node is a worker node.', {
      spec: openObj({
        podCIDRs: arr(str(), undefined, { 'x-kubernetes-patch-strategy': 'merge' }),
        unschedulable: bool('Whether new pods may be scheduled on the node.'),
        taints: arr(openObj({ key: str(), value: str(), effect: str() })),
      }),
      status: status({
        conditions: mergedConditions(),
        addresses: mergeList(openObj({ type: str(), address: str() }), 'type'),
        capacity: quantityMap(),
        allocatable: quantityMap(),
        nodeInfo: preserve(),
      }),
    }),
  }),
  defineType({
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    subresources: { status: true },
    // kubectl's READY ("1/1") and RESTARTS are computed server-side; these columns show the
    // nearest single values a JSONPath reaches.
    printerColumns: [
      {
        name: 'Ready',
        type: 'string',
        jsonPath: ".status.conditions[?(@.type=='Ready')].status",
      },
      { name: 'Status', type: 'string', jsonPath: '.status.phase' },
      { name: 'Restarts', type: 'integer', jsonPath: '.status.containerStatuses[0].restartCount' },
      AGE,
      { name: 'IP', type: 'string', jsonPath: '.status.podIP', priority: 1 },
      { name: 'Node', type: 'string', jsonPath: '.spec.nodeName', priority: 1 },
    ],
    schema: objectSchema(
      'Pod is a collection of containers that run on a host.',
      {
        spec: podSpec,
        status: status({
          phase: enumOf(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']),
          conditions: mergedConditions(),
          podIP: str(),
          podIPs: mergeList(obj({ ip: str() }), 'ip'),
          hostIP: str(),
          startTime: dateTime(),
          containerStatuses: arr(preserve()),
        }),
      },
      ['spec'],
    ),
    // Kubernetes allows only images, activeDeadlineSeconds and added tolerations to change.
    immutableFields: [
      '/spec/volumes',
      '/spec/restartPolicy',
      '/spec/serviceAccountName',
      '/spec/nodeSelector',
      '/spec/hostname',
      '/spec/subdomain',
    ],
  }),
  defineType({
    group: '',
    version: 'v1',
    kind: 'Service',
    plural: 'services',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    subresources: { status: true },
    printerColumns: [
      { name: 'Type', type: 'string', jsonPath: '.spec.type' },
      { name: 'Cluster-IP', type: 'string', jsonPath: '.spec.clusterIP' },
      { name: 'External-IP', type: 'string', jsonPath: '.status.loadBalancer.ingress[*].ip' },
      { name: 'Port(s)', type: 'string', jsonPath: '.spec.ports[*].port' },
      AGE,
      { name: 'Selector', type: 'string', jsonPath: '.spec.selector', priority: 1 },
    ],
    schema: objectSchema('Service is a named abstraction of a network service.', {
      spec: openObj({
        type: enumOf(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']),
        selector: stringMap('Pods with these labels receive the traffic.'),
        clusterIP: str(),
        ports: mergeList(
          openObj(
            {
              name: str(),
              port: int32('The port the service exposes.'),
              protocol: enumOf(['TCP', 'UDP', 'SCTP']),
              targetPort: intOrString('Number or name of the port on the pods.'),
              nodePort: int32(),
            },
            undefined,
            { required: ['port'] },
          ),
          'port',
        ),
      }),
      status: status(),
    }),
  }),
  defineType({
    group: '',
    version: 'v1',
    kind: 'Endpoints',
    listKind: 'EndpointsList',
    plural: 'endpoints',
    singular: 'endpoints',
    namespaced: true,
    shortNames: ['ep'],
    printerColumns: [
      { name: 'Endpoints', type: 'string', jsonPath: '.subsets[*].addresses[*].ip' },
      AGE,
    ],
    schema: objectSchema('Endpoints is the set of addresses behind a service.', {
      subsets: arr(preserve()),
    }),
  }),
  defineType({
    group: '',
    version: 'v1',
    kind: 'Secret',
    plural: 'secrets',
    namespaced: true,
    printerColumns: [{ name: 'Type', type: 'string', jsonPath: '.type' }, AGE],
    schema: objectSchema('Secret holds secret data of a certain type.', {
      data: stringMap('Base64-encoded values by key.'),
      stringData: stringMap('Write-only plain values, merged into data on write.'),
      type: str('Used to facilitate programmatic handling of secret data.'),
      immutable: bool('If true, data cannot be changed after creation.'),
    }),
    immutableFields: ['/type'],
  }),
  defineType({
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    plural: 'configmaps',
    namespaced: true,
    shortNames: ['cm'],
    schema: objectSchema('ConfigMap holds configuration data for pods to consume.', {
      data: stringMap('Configuration data by key.'),
      binaryData: stringMap('Base64-encoded binary data by key.'),
      immutable: bool('If true, data cannot be changed after creation.'),
    }),
  }),
  defineType({
    group: '',
    version: 'v1',
    kind: 'Event',
    plural: 'events',
    namespaced: true,
    shortNames: ['ev'],
    printerColumns: [
      { name: 'Last Seen', type: 'date', jsonPath: '.lastTimestamp' },
      { name: 'Type', type: 'string', jsonPath: '.type' },
      { name: 'Reason', type: 'string', jsonPath: '.reason' },
      { name: 'Object', type: 'string', jsonPath: '.involvedObject.name' },
      { name: 'Message', type: 'string', jsonPath: '.message' },
    ],
    schema: objectSchema('Event is a report of an event somewhere in the cluster.', {
      ...eventFields,
      involvedObject: openObj(
        {
          apiVersion: str(),
          kind: str(),
          name: str(),
          namespace: str(),
          uid: str(),
          resourceVersion: str(),
          fieldPath: str(),
        },
        'The object this event is about.',
      ),
      message: str('A human-readable description of the status of this operation.'),
      source: openObj({ component: str(), host: str() }),
      firstTimestamp: dateTime(),
      lastTimestamp: dateTime(),
      count: int32('The number of times this event has occurred.'),
      reportingComponent: str(),
    }),
  }),
  defineType({
    group: 'events.k8s.io',
    version: 'v1',
    kind: 'Event',
    plural: 'events',
    namespaced: true,
    // kubectl resolves "ev" to the core group first, as it does against a real cluster.
    shortNames: ['ev'],
    printerColumns: [
      { name: 'Last Seen', type: 'date', jsonPath: '.eventTime' },
      { name: 'Type', type: 'string', jsonPath: '.type' },
      { name: 'Reason', type: 'string', jsonPath: '.reason' },
      { name: 'Object', type: 'string', jsonPath: '.regarding.name' },
      { name: 'Message', type: 'string', jsonPath: '.note' },
    ],
    schema: objectSchema('Event is a report of an event somewhere in the cluster.', {
      ...eventFields,
      regarding: preserve('The object this event is about.'),
      note: str('A human-readable description of the status of this operation.'),
      reportingController: str(),
      deprecatedSource: preserve(),
      deprecatedFirstTimestamp: dateTime(),
      deprecatedLastTimestamp: dateTime(),
      deprecatedCount: int32(),
    }),
  }),
  defineType({
    group: '',
    version: 'v1',
    kind: 'PersistentVolumeClaim',
    plural: 'persistentvolumeclaims',
    namespaced: true,
    shortNames: ['pvc'],
    subresources: { status: true },
    printerColumns: [
      { name: 'Status', type: 'string', jsonPath: '.status.phase' },
      { name: 'Volume', type: 'string', jsonPath: '.spec.volumeName' },
      { name: 'Capacity', type: 'string', jsonPath: '.status.capacity.storage' },
      { name: 'Access Modes', type: 'string', jsonPath: '.status.accessModes' },
      { name: 'StorageClass', type: 'string', jsonPath: '.spec.storageClassName' },
      AGE,
      { name: 'VolumeMode', type: 'string', jsonPath: '.spec.volumeMode', priority: 1 },
    ],
    schema: objectSchema('PersistentVolumeClaim is a user request for storage.', {
      spec: pvcSpec,
      status: status({
        phase: enumOf(['Pending', 'Bound', 'Lost']),
        accessModes,
        capacity: quantityMap(),
        conditions: mergedConditions(),
      }),
    }),
    // Only resources.requests (growth) and volumeAttributesClassName may change; volumeName
    // is left out because binding sets it after creation.
    immutableFields: [
      '/spec/accessModes',
      '/spec/storageClassName',
      '/spec/volumeMode',
      '/spec/selector',
      '/spec/dataSource',
      '/spec/dataSourceRef',
    ],
  }),
  defineType({
    group: '',
    version: 'v1',
    kind: 'PersistentVolume',
    plural: 'persistentvolumes',
    namespaced: false,
    shortNames: ['pv'],
    subresources: { status: true },
    printerColumns: [
      { name: 'Capacity', type: 'string', jsonPath: '.spec.capacity.storage' },
      { name: 'Access Modes', type: 'string', jsonPath: '.spec.accessModes' },
      { name: 'Reclaim Policy', type: 'string', jsonPath: '.spec.persistentVolumeReclaimPolicy' },
      { name: 'Status', type: 'string', jsonPath: '.status.phase' },
      { name: 'Claim', type: 'string', jsonPath: '.spec.claimRef.name' },
      { name: 'StorageClass', type: 'string', jsonPath: '.spec.storageClassName' },
      { name: 'Reason', type: 'string', jsonPath: '.status.reason' },
      AGE,
      { name: 'VolumeMode', type: 'string', jsonPath: '.spec.volumeMode', priority: 1 },
    ],
    schema: objectSchema('PersistentVolume is a storage resource provisioned in the cluster.', {
      spec: openObj({
        capacity: quantityMap(),
        accessModes,
        persistentVolumeReclaimPolicy: enumOf(['Retain', 'Delete', 'Recycle']),
        storageClassName: str(),
        volumeMode,
        claimRef: preserve('The claim bound to this volume.'),
        nodeAffinity: preserve(),
      }),
      status: status({ phase: str(), reason: str(), message: str() }),
    }),
    // The volume source is fixed once the volume exists.
    immutableFields: [
      '/spec/volumeMode',
      '/spec/hostPath',
      '/spec/local',
      '/spec/csi',
      '/spec/nfs',
    ],
  }),
  defineType({
    group: '',
    version: 'v1',
    kind: 'ServiceAccount',
    plural: 'serviceaccounts',
    namespaced: true,
    shortNames: ['sa'],
    schema: objectSchema('ServiceAccount binds a name to a set of secrets and a token.', {
      secrets: mergeList(openObj({ name: str() }), 'name'),
      imagePullSecrets: arr(localObjectReference()),
      automountServiceAccountToken: bool(),
    }),
  }),
  defineType({
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'Role',
    plural: 'roles',
    namespaced: true,
    printerColumns: [{ name: 'Created At', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
    schema: objectSchema('Role is a namespaced set of policy rules.', { rules: arr(policyRule) }),
  }),
  defineType({
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'ClusterRole',
    plural: 'clusterroles',
    namespaced: false,
    printerColumns: [{ name: 'Created At', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
    schema: objectSchema('ClusterRole is a cluster-wide set of policy rules.', {
      rules: arr(policyRule),
      aggregationRule: obj(
        { clusterRoleSelectors: arr(labelSelector()) },
        'Rules of ClusterRoles matching these selectors are aggregated into this one.',
      ),
    }),
  }),
  defineType({
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'RoleBinding',
    plural: 'rolebindings',
    namespaced: true,
    printerColumns: [{ name: 'Role', type: 'string', jsonPath: '.roleRef.name' }, AGE],
    schema: objectSchema(
      'RoleBinding grants a Role or ClusterRole within a namespace.',
      { roleRef, subjects },
      ['roleRef'],
    ),
    immutableFields: ['/roleRef'],
  }),
  defineType({
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'ClusterRoleBinding',
    plural: 'clusterrolebindings',
    namespaced: false,
    printerColumns: [{ name: 'Role', type: 'string', jsonPath: '.roleRef.name' }, AGE],
    schema: objectSchema(
      'ClusterRoleBinding grants a ClusterRole across the cluster.',
      { roleRef, subjects },
      ['roleRef'],
    ),
    immutableFields: ['/roleRef'],
  }),
  defineType({
    group: 'storage.k8s.io',
    version: 'v1',
    kind: 'StorageClass',
    plural: 'storageclasses',
    namespaced: false,
    shortNames: ['sc'],
    printerColumns: [
      { name: 'Provisioner', type: 'string', jsonPath: '.provisioner' },
      { name: 'ReclaimPolicy', type: 'string', jsonPath: '.reclaimPolicy' },
      { name: 'VolumeBindingMode', type: 'string', jsonPath: '.volumeBindingMode' },
      { name: 'AllowVolumeExpansion', type: 'boolean', jsonPath: '.allowVolumeExpansion' },
      AGE,
    ],
    schema: objectSchema(
      'StorageClass describes the parameters for a class of storage.',
      {
        provisioner: str('The volume plugin that provisions volumes of this class.'),
        parameters: stringMap('Parameters for the provisioner.'),
        reclaimPolicy: enumOf(['Delete', 'Retain', 'Recycle']),
        mountOptions: strArr(),
        allowVolumeExpansion: bool(),
        volumeBindingMode: enumOf(['Immediate', 'WaitForFirstConsumer']),
        allowedTopologies: arr(preserve()),
      },
      ['provisioner'],
    ),
    immutableFields: ['/provisioner', '/parameters', '/reclaimPolicy', '/volumeBindingMode'],
  }),
  defineType({
    group: 'snapshot.storage.k8s.io',
    version: 'v1',
    kind: 'VolumeSnapshot',
    plural: 'volumesnapshots',
    namespaced: true,
    shortNames: ['vs'],
    subresources: { status: true },
    printerColumns: [
      { name: 'ReadyToUse', type: 'boolean', jsonPath: '.status.readyToUse' },
      { name: 'SourcePVC', type: 'string', jsonPath: '.spec.source.persistentVolumeClaimName' },
      {
        name: 'SourceSnapshotContent',
        type: 'string',
        jsonPath: '.spec.source.volumeSnapshotContentName',
      },
      { name: 'RestoreSize', type: 'string', jsonPath: '.status.restoreSize' },
      { name: 'SnapshotClass', type: 'string', jsonPath: '.spec.volumeSnapshotClassName' },
      {
        name: 'SnapshotContent',
        type: 'string',
        jsonPath: '.status.boundVolumeSnapshotContentName',
      },
      { name: 'CreationTime', type: 'date', jsonPath: '.status.creationTime' },
      AGE,
    ],
    schema: objectSchema(
      'VolumeSnapshot is a user request for a snapshot of a volume.',
      {
        spec: obj(
          {
            source: obj(
              {
                persistentVolumeClaimName: str('The PVC to snapshot (dynamic provisioning).'),
                volumeSnapshotContentName: str('A pre-existing VolumeSnapshotContent.'),
              },
              'Exactly one of the two sources.',
            ),
            volumeSnapshotClassName: str(),
          },
          undefined,
          { required: ['source'] },
        ),
        status: status({
          boundVolumeSnapshotContentName: str(),
          creationTime: dateTime(),
          readyToUse: bool(),
          restoreSize: quantity(),
          error: preserve(),
        }),
      },
      ['spec'],
    ),
    immutableFields: ['/spec/source'],
  }),
  defineType({
    group: 'snapshot.storage.k8s.io',
    version: 'v1',
    kind: 'VolumeSnapshotClass',
    plural: 'volumesnapshotclasses',
    namespaced: false,
    shortNames: ['vsclass', 'vsclasses'],
    printerColumns: [
      { name: 'Driver', type: 'string', jsonPath: '.driver' },
      { name: 'DeletionPolicy', type: 'string', jsonPath: '.deletionPolicy' },
      AGE,
    ],
    schema: objectSchema(
      'VolumeSnapshotClass names a CSI driver and parameters for snapshots.',
      {
        driver: str('The CSI driver that takes snapshots of this class.'),
        parameters: stringMap(),
        deletionPolicy: enumOf(['Delete', 'Retain']),
      },
      ['driver', 'deletionPolicy'],
    ),
  }),
  defineType({
    group: 'snapshot.storage.k8s.io',
    version: 'v1',
    kind: 'VolumeSnapshotContent',
    plural: 'volumesnapshotcontents',
    namespaced: false,
    shortNames: ['vsc', 'vscs'],
    subresources: { status: true },
    printerColumns: [
      { name: 'ReadyToUse', type: 'boolean', jsonPath: '.status.readyToUse' },
      { name: 'RestoreSize', type: 'integer', jsonPath: '.status.restoreSize' },
      { name: 'DeletionPolicy', type: 'string', jsonPath: '.spec.deletionPolicy' },
      { name: 'Driver', type: 'string', jsonPath: '.spec.driver' },
      { name: 'VolumeSnapshotClass', type: 'string', jsonPath: '.spec.volumeSnapshotClassName' },
      { name: 'VolumeSnapshot', type: 'string', jsonPath: '.spec.volumeSnapshotRef.name' },
      {
        name: 'VolumeSnapshotNamespace',
        type: 'string',
        jsonPath: '.spec.volumeSnapshotRef.namespace',
      },
      AGE,
    ],
    schema: objectSchema(
      'VolumeSnapshotContent is the actual snapshot on the storage system.',
      {
        spec: obj(
          {
            deletionPolicy: enumOf(['Delete', 'Retain']),
            driver: str(),
            source: obj({ snapshotHandle: str(), volumeHandle: str() }),
            sourceVolumeMode: volumeMode,
            volumeSnapshotClassName: str(),
            volumeSnapshotRef: preserve('The VolumeSnapshot this content is bound to.'),
          },
          undefined,
          { required: ['deletionPolicy', 'driver', 'source', 'volumeSnapshotRef'] },
        ),
        status: status({
          snapshotHandle: str(),
          creationTime: int64('Nanoseconds since the epoch when the snapshot was taken.'),
          readyToUse: bool(),
          restoreSize: int64('Size in bytes of a volume restored from the snapshot.'),
          error: preserve(),
        }),
      },
      ['spec'],
    ),
    immutableFields: ['/spec/source'],
  }),
  defineType({
    group: 'k8s.cni.cncf.io',
    version: 'v1',
    kind: 'NetworkAttachmentDefinition',
    plural: 'network-attachment-definitions',
    singular: 'network-attachment-definition',
    namespaced: true,
    shortNames: ['net-attach-def'],
    schema: objectSchema('NetworkAttachmentDefinition is a CNI network a pod can attach to.', {
      spec: obj({
        config: str('The CNI plugin configuration, as a JSON string.'),
      }),
    }),
  }),
  defineType({
    group: 'apps',
    version: 'v1',
    kind: 'ControllerRevision',
    plural: 'controllerrevisions',
    namespaced: true,
    printerColumns: [{ name: 'Revision', type: 'integer', jsonPath: '.revision' }, AGE],
    schema: objectSchema(
      'ControllerRevision keeps an immutable snapshot of state data (KubeVirt keeps the instance type and preference a VM started with).',
      { data: preserve('The snapshot.'), revision: int64('The revision this object represents.') },
      ['revision'],
    ),
    immutableFields: ['/data', '/revision'],
  }),
  defineType({
    group: 'batch',
    version: 'v1',
    kind: 'Job',
    plural: 'jobs',
    namespaced: true,
    categories: ['all'],
    subresources: { status: true },
    printerColumns: [
      {
        name: 'Status',
        type: 'string',
        jsonPath: ".status.conditions[?(@.status=='True')].type",
      },
      { name: 'Completions', type: 'integer', jsonPath: '.status.succeeded' },
      AGE,
    ],
    schema: objectSchema(
      'Job represents the configuration of a single job.',
      {
        spec: openObj(
          {
            template: podTemplate('The pod the job runs.'),
            selector: labelSelector(),
            completions: int32(),
            parallelism: int32(),
            backoffLimit: int32(),
            activeDeadlineSeconds: int32(),
            ttlSecondsAfterFinished: int32(),
            suspend: bool(),
          },
          undefined,
          { required: ['template'] },
        ),
        status: status({
          conditions: mergedConditions(),
          active: int32(),
          succeeded: int32(),
          failed: int32(),
          startTime: dateTime(),
          completionTime: dateTime(),
        }),
      },
      ['spec'],
    ),
    immutableFields: ['/spec/selector', '/spec/template', '/spec/completionMode'],
  }),
  ...(
    [
      ['SelfSubjectAccessReview', 'selfsubjectaccessreviews', false],
      ['SelfSubjectRulesReview', 'selfsubjectrulesreviews', false],
      ['SubjectAccessReview', 'subjectaccessreviews', false],
      ['LocalSubjectAccessReview', 'localsubjectaccessreviews', true],
    ] as const
  ).map(([kind, plural, namespaced]) =>
    defineType({
      group: 'authorization.k8s.io',
      version: 'v1',
      kind,
      plural,
      namespaced,
      verbs: CREATE_ONLY,
      schema: objectSchema(
        `${kind} asks whether an action is allowed; the answer is written into status.`,
        { spec: preserve('The request being checked.'), status: reviewStatus },
        ['spec'],
      ),
    }),
  ),
  defineType({
    group: 'authentication.k8s.io',
    version: 'v1',
    kind: 'SelfSubjectReview',
    plural: 'selfsubjectreviews',
    namespaced: false,
    verbs: CREATE_ONLY,
    schema: objectSchema(
      'Who the caller is, as the API server authenticated them (kubectl auth whoami).',
      {
        status: preserve('status.userInfo: username, uid, groups.'),
      },
    ),
  }),
  defineType({
    group: 'apiextensions.k8s.io',
    version: 'v1',
    kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    subresources: { status: true },
    printerColumns: [{ name: 'Created At', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
    schema: objectSchema(
      'CustomResourceDefinition makes the API server serve a new kind.',
      {
        spec: openObj(
          {
            group: str('API group of the defined kind.'),
            names: openObj({
              plural: str(),
              singular: str(),
              kind: str(),
              listKind: str(),
              shortNames: strArr(),
              categories: strArr(),
            }),
            scope: enumOf(['Namespaced', 'Cluster']),
            versions: arr(preserve()),
          },
          undefined,
          { required: ['group', 'names', 'scope', 'versions'] },
        ),
        status: status({
          conditions: conditions(),
          acceptedNames: preserve(),
          storedVersions: strArr(),
        }),
      },
      ['spec'],
    ),
    immutableFields: ['/spec/group', '/spec/names/plural', '/spec/scope'],
  }),
  defineType({
    group: '',
    version: 'v1',
    kind: 'ResourceQuota',
    plural: 'resourcequotas',
    namespaced: true,
    shortNames: ['quota'],
    subresources: { status: true },
    // kubectl's REQUEST and LIMIT ("pods: 1/10") are computed server-side; these columns show
    // the nearest values a JSONPath reaches: what is used, and the hard limits.
    printerColumns: [
      AGE,
      { name: 'Request', type: 'string', jsonPath: '.status.used' },
      { name: 'Limit', type: 'string', jsonPath: '.status.hard' },
    ],
    schema: objectSchema(
      'ResourceQuota sets aggregate quota restrictions enforced per namespace.',
      {
        spec: obj({
          hard: quantityMap(
            'The hard limit for each named resource (`requests.storage`, `pods` …).',
          ),
          scopes: arr(
            enumOf(QUOTA_SCOPES),
            'Filters of the objects the quota counts; each must match (pods only).',
          ),
          scopeSelector: obj({
            matchExpressions: arr(
              obj(
                {
                  scopeName: enumOf(QUOTA_SCOPES),
                  operator: enumOf(['In', 'NotIn', 'Exists', 'DoesNotExist']),
                  values: strArr(),
                },
                undefined,
                { required: ['scopeName', 'operator'] },
              ),
            ),
          }),
        }),
        status: status({
          hard: quantityMap('The enforced hard limits (spec.hard, as last observed).'),
          used: quantityMap('What the namespace uses of each resource in hard.'),
        }),
      },
    ),
  }),
];
