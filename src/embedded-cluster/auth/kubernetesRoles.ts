// Kubernetes' bootstrap ClusterRoles (plugin/pkg/auth/authorizer/rbac/bootstrappolicy), trimmed
// to the API groups the embedded cluster serves: the user-facing admin/edit/view built by
// aggregation, cluster-admin, and the system roles every authenticated user holds.
import { type KubeObject } from '../types';
import {
  AGGREGATE_TO_ADMIN,
  AGGREGATE_TO_EDIT,
  AGGREGATE_TO_VIEW,
  READ,
  READ_WRITE,
  WRITE,
  clusterRole,
  rule,
  urls,
} from './roleBuilders';

const CORE = [''];

/** What `view` sees: everything in a namespace except secrets and the escalating subresources. */
const aggregateToView = [
  rule(READ, CORE, [
    'pods',
    'replicationcontrollers',
    'replicationcontrollers/scale',
    'serviceaccounts',
    'services',
    'services/status',
    'endpoints',
    'persistentvolumeclaims',
    'persistentvolumeclaims/status',
    'configmaps',
  ]),
  rule(READ, CORE, [
    'limitranges',
    'resourcequotas',
    'bindings',
    'events',
    'pods/status',
    'resourcequotas/status',
    'namespaces/status',
    'replicationcontrollers/status',
    'pods/log',
  ]),
  // Reading `namespaces` through a RoleBinding means reading that one namespace: it is how a
  // user's projects are found.
  rule(READ, CORE, ['namespaces']),
  rule(READ, ['discovery.k8s.io'], ['endpointslices']),
  rule(
    READ,
    ['apps'],
    [
      'controllerrevisions',
      'statefulsets',
      'statefulsets/status',
      'statefulsets/scale',
      'daemonsets',
      'daemonsets/status',
      'deployments',
      'deployments/status',
      'deployments/scale',
      'replicasets',
      'replicasets/status',
      'replicasets/scale',
    ],
  ),
  rule(READ, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
  rule(READ, ['batch'], ['jobs', 'cronjobs', 'cronjobs/status', 'jobs/status']),
  rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
  rule(READ, ['networking.k8s.io'], ['networkpolicies', 'ingresses', 'ingresses/status']),
];

/** What `edit` adds: writes, secrets, and acting through pods and service accounts. */
const aggregateToEdit = [
  rule(READ, CORE, [
    'pods/attach',
    'pods/proxy',
    'pods/exec',
    'pods/portforward',
    'secrets',
    'services/proxy',
  ]),
  rule(['impersonate'], CORE, ['serviceaccounts']),
  rule(WRITE, CORE, ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward']),
  rule(['create'], CORE, ['pods/eviction']),
  rule(WRITE, CORE, [
    'replicationcontrollers',
    'replicationcontrollers/scale',
    'serviceaccounts',
    'services',
    'services/proxy',
    'persistentvolumeclaims',
    'configmaps',
    'secrets',
    'events',
  ]),
  rule(['create'], CORE, ['serviceaccounts/token']),
  rule(
    WRITE,
    ['apps'],
    [
      'statefulsets',
      'statefulsets/scale',
      'daemonsets',
      'deployments',
      'deployments/scale',
      'deployments/rollback',
      'replicasets',
      'replicasets/scale',
    ],
  ),
  rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
  rule(WRITE, ['batch'], ['jobs', 'cronjobs']),
  rule(WRITE, ['policy'], ['poddisruptionbudgets']),
  rule(WRITE, ['networking.k8s.io'], ['networkpolicies', 'ingresses']),
  rule(READ_WRITE, ['discovery.k8s.io'], ['endpointslices']),
];

/** What `admin` adds: granting access inside the namespace. */
const aggregateToAdmin = [
  rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']),
  rule(READ_WRITE, ['rbac.authorization.k8s.io'], ['roles', 'rolebindings']),
];

const DISCOVERY_URLS = [
  '/api',
  '/api/*',
  '/apis',
  '/apis/*',
  '/healthz',
  '/livez',
  '/openapi',
  '/openapi/*',
  '/readyz',
  '/version',
  '/version/',
];
const PUBLIC_INFO_URLS = ['/healthz', '/livez', '/readyz', '/version', '/version/'];

export function kubernetesClusterRoles(): KubeObject[] {
  const bootstrap = true;
  return [
    clusterRole('cluster-admin', [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])], { bootstrap }),
    // admin ⊃ edit ⊃ view: each is labelled to aggregate into the next one up.
    clusterRole('admin', [], { bootstrap, aggregateFrom: [AGGREGATE_TO_ADMIN] }),
    clusterRole('edit', [], {
      bootstrap,
      aggregateFrom: [AGGREGATE_TO_EDIT],
      labels: { [AGGREGATE_TO_ADMIN]: 'true' },
    }),
    clusterRole('view', [], {
      bootstrap,
      aggregateFrom: [AGGREGATE_TO_VIEW],
      labels: { [AGGREGATE_TO_EDIT]: 'true' },
    }),
    clusterRole('system:aggregate-to-admin', aggregateToAdmin, {
      bootstrap,
      labels: { [AGGREGATE_TO_ADMIN]: 'true' },
    }),
    clusterRole('system:aggregate-to-edit', aggregateToEdit, {
      bootstrap,
      labels: { [AGGREGATE_TO_EDIT]: 'true' },
    }),
    clusterRole('system:aggregate-to-view', aggregateToView, {
      bootstrap,
      labels: { [AGGREGATE_TO_VIEW]: 'true' },
    }),
    clusterRole('system:discovery', [urls(['get'], DISCOVERY_URLS)], { bootstrap }),
    clusterRole('system:public-info-viewer', [urls(['get'], PUBLIC_INFO_URLS)], { bootstrap }),
    clusterRole(
      'system:basic-user',
      [
        rule(
          ['create'],
          ['authorization.k8s.io'],
          ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
        ),
        rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews']),
        // OpenShift's basic-user: who am I, which projects are mine, what may I request.
        {
          verbs: ['get'],
          apiGroups: ['user.openshift.io'],
          resources: ['users'],
          resourceNames: ['~'],
        },
        rule(['list', 'watch'], ['project.openshift.io'], ['projects']),
        rule(['list'], ['project.openshift.io'], ['projectrequests']),
        rule(['get', 'list'], ['rbac.authorization.k8s.io'], ['clusterroles']),
        // The console's storage and VM forms need storage classes in every namespace.
        rule(['get', 'list', 'watch'], ['storage.k8s.io'], ['storageclasses']),
      ],
      { bootstrap },
    ),
  ];
}
