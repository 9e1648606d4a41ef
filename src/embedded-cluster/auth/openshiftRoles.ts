// The OpenShift roles the console relies on: projects, templates (the VM catalog reads the
// `openshift` namespace), console extensions such as quick starts, volume snapshots and network
// attachment definitions, each aggregated into admin/edit/view as OpenShift does.
import { type KubeObject } from '../types';
import {
  AGGREGATE_TO_ADMIN,
  AGGREGATE_TO_EDIT,
  AGGREGATE_TO_VIEW,
  READ,
  READ_WRITE,
  aggregatedInto,
  clusterRole,
  role,
  rule,
} from './roleBuilders';

/** Where OpenShift keeps the shared templates every user may read. */
export const SHARED_TEMPLATES_NAMESPACE = 'openshift';

const PROJECT = ['project.openshift.io'];
const TEMPLATE = ['template.openshift.io'];
const SNAPSHOT = ['snapshot.storage.k8s.io'];
const NAD = ['k8s.cni.cncf.io'];

export function openshiftClusterRoles(): KubeObject[] {
  return [
    aggregatedInto(
      'system:openshift:aggregate-to-view',
      [AGGREGATE_TO_VIEW],
      [
        rule(['get'], PROJECT, ['projects']),
        rule(READ, TEMPLATE, ['templates', 'templateconfigs', 'templateinstances']),
      ],
    ),
    aggregatedInto(
      'system:openshift:aggregate-to-edit',
      [AGGREGATE_TO_EDIT],
      [
        rule(READ_WRITE, TEMPLATE, [
          'templates',
          'templateconfigs',
          'templateinstances',
          'processedtemplates',
        ]),
      ],
    ),
    // A project's admin may rename, relabel or delete it; editors may not.
    aggregatedInto(
      'system:openshift:aggregate-to-admin',
      [AGGREGATE_TO_ADMIN],
      [rule(['delete', 'get', 'patch', 'update'], PROJECT, ['projects'])],
    ),
    aggregatedInto(
      'system:aggregate-snapshots-to-view',
      [AGGREGATE_TO_VIEW],
      [rule(READ, SNAPSHOT, ['volumesnapshots'])],
    ),
    aggregatedInto(
      'system:aggregate-snapshots-to-edit',
      [AGGREGATE_TO_EDIT],
      [rule(READ_WRITE, SNAPSHOT, ['volumesnapshots'])],
    ),
    aggregatedInto(
      'network-attachment-definitions-view',
      [AGGREGATE_TO_VIEW],
      [rule(READ, NAD, ['network-attachment-definitions'])],
    ),
    aggregatedInto(
      'network-attachment-definitions-edit',
      [AGGREGATE_TO_EDIT],
      [rule(READ_WRITE, NAD, ['network-attachment-definitions'])],
    ),
    // Quick starts, YAML samples, links: cluster-scoped and meant for everyone who signs in.
    clusterRole('console-extensions-reader', [
      rule(
        READ,
        ['console.openshift.io'],
        [
          'consoleclidownloads',
          'consoleexternalloglinks',
          'consolelinks',
          'consolenotifications',
          'consolequickstarts',
          'consoleyamlsamples',
        ],
      ),
    ]),
    // Creating projects is OpenShift's self-provisioner role. It stays unbound here: only the
    // admin makes namespaces until someone binds it.
    clusterRole('self-provisioner', [rule(['create'], PROJECT, ['projectrequests'])]),
  ];
}

export function openshiftRoles(): KubeObject[] {
  return [
    role(SHARED_TEMPLATES_NAMESPACE, 'shared-resource-viewer', [
      rule(READ, TEMPLATE, ['templates']),
    ]),
  ];
}
