// The ClusterRoles KubeVirt's operator (virt-operator, rbac/cluster.go) and CDI's operator
// install, labelled to aggregate into admin/edit/view. They follow the KubeVirt of OpenShift
// Virtualization 4.16 (migrate still part of edit), plus usbredir. Verbs follow KubeVirt:
// streaming and read-only subresources (console, vnc, guestosinfo, expand-spec …) are `get`;
// actions (start, pause, migrate …) are `update`.
import { type KubeObject } from '../types';
import {
  AGGREGATE_TO_ADMIN,
  AGGREGATE_TO_EDIT,
  AGGREGATE_TO_VIEW,
  READ,
  aggregatedInto,
  clusterRole,
  rule,
} from './roleBuilders';

const KUBEVIRT = ['kubevirt.io'];
const SUBRESOURCES = ['subresources.kubevirt.io'];
const CDI = ['cdi.kubevirt.io'];
const APP_LABEL = { 'kubevirt.io': '' };
const CDI_LABEL = { 'cdi.kubevirt.io': '' };

/** The KubeVirt kinds each role grants `verbs` on (migration policies stay read-only for all). */
const kubevirtResourceRules = (verbs: string[]) => [
  rule(verbs, KUBEVIRT, [
    'virtualmachines',
    'virtualmachineinstances',
    'virtualmachineinstancepresets',
    'virtualmachineinstancereplicasets',
    'virtualmachineinstancemigrations',
  ]),
  rule(
    verbs,
    ['snapshot.kubevirt.io'],
    ['virtualmachinesnapshots', 'virtualmachinesnapshotcontents', 'virtualmachinerestores'],
  ),
  rule(verbs, ['export.kubevirt.io'], ['virtualmachineexports']),
  rule(verbs, ['clone.kubevirt.io'], ['virtualmachineclones']),
  rule(
    verbs,
    ['instancetype.kubevirt.io'],
    [
      'virtualmachineinstancetypes',
      'virtualmachineclusterinstancetypes',
      'virtualmachinepreferences',
      'virtualmachineclusterpreferences',
    ],
  ),
  rule(verbs, ['pool.kubevirt.io'], ['virtualmachinepools']),
  rule(READ, ['migrations.kubevirt.io'], ['migrationpolicies']),
];

/** Admin has deletecollection; edit has the same verbs without it (as in KubeVirt). */
const EDIT = ['get', 'delete', 'create', 'update', 'patch', 'list', 'watch'];

const VMI_READ_SUBRESOURCES = [
  'virtualmachineinstances/guestosinfo',
  'virtualmachineinstances/filesystemlist',
  'virtualmachineinstances/userlist',
  'virtualmachineinstances/sev/fetchcertchain',
  'virtualmachineinstances/sev/querylaunchmeasurement',
];

function kubevirtWriterRules(verbs: string[]) {
  return [
    rule(['get'], SUBRESOURCES, [
      'virtualmachineinstances/console',
      'virtualmachineinstances/vnc',
      'virtualmachineinstances/vnc/screenshot',
      'virtualmachineinstances/portforward',
      'virtualmachineinstances/usbredir',
      ...VMI_READ_SUBRESOURCES,
    ]),
    rule(['update'], SUBRESOURCES, [
      'virtualmachineinstances/pause',
      'virtualmachineinstances/unpause',
      'virtualmachineinstances/addvolume',
      'virtualmachineinstances/removevolume',
      'virtualmachineinstances/freeze',
      'virtualmachineinstances/unfreeze',
      'virtualmachineinstances/softreboot',
      'virtualmachineinstances/sev/setupsession',
      'virtualmachineinstances/sev/injectlaunchsecret',
    ]),
    rule(['get'], SUBRESOURCES, ['virtualmachines/expand-spec', 'virtualmachines/portforward']),
    rule(['update'], SUBRESOURCES, [
      'virtualmachines/start',
      'virtualmachines/stop',
      'virtualmachines/restart',
      'virtualmachines/addvolume',
      'virtualmachines/removevolume',
      'virtualmachines/migrate',
      'virtualmachines/memorydump',
    ]),
    rule(['update'], SUBRESOURCES, ['expand-vm-spec']),
    ...kubevirtResourceRules(verbs),
  ];
}

const kubevirtViewRules = [
  // Newer KubeVirt lets every viewer read the KubeVirt CR (feature gates decide what the UI offers).
  rule(['get', 'list'], KUBEVIRT, ['kubevirts']),
  rule(['get'], SUBRESOURCES, ['virtualmachines/expand-spec', ...VMI_READ_SUBRESOURCES]),
  rule(['update'], SUBRESOURCES, ['expand-vm-spec']),
  ...kubevirtResourceRules(READ),
];

const cdiWriterRules = [
  rule(['*'], CDI, [
    'datavolumes',
    'dataimportcrons',
    'datasources',
    'volumeimportsources',
    'volumeuploadsources',
    'volumeclonesources',
  ]),
  rule(['create'], CDI, ['datavolumes/source']),
  // CDI serves upload tokens from upload.cdi.kubevirt.io; cdi.kubevirt.io is listed too so the
  // grant holds whichever group the embedded API registers them under.
  rule(['*'], ['upload.cdi.kubevirt.io', 'cdi.kubevirt.io'], ['uploadtokenrequests']),
];

const cdiViewRules = [
  rule(READ, CDI, [
    'cdiconfigs',
    'dataimportcrons',
    'datasources',
    'datavolumes',
    'objecttransfers',
    'storageprofiles',
    'volumeimportsources',
    'volumeuploadsources',
    'volumeclonesources',
  ]),
  // Cloning from a namespace needs only this there: view of a boot-source namespace suffices.
  rule(['create'], CDI, ['datavolumes/source']),
];

export function kubevirtClusterRoles(): KubeObject[] {
  const adminRules = [
    ...kubevirtWriterRules([...EDIT, 'deletecollection']),
    rule(['get', 'list'], KUBEVIRT, ['kubevirts']),
  ];
  const editRules = [...kubevirtWriterRules(EDIT), rule(['get', 'list'], KUBEVIRT, ['kubevirts'])];
  return [
    clusterRole(
      'kubevirt.io:default',
      [rule(['get', 'list'], SUBRESOURCES, ['version', 'guestfs'])],
      { labels: { ...APP_LABEL, 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
    ),
    aggregatedInto('kubevirt.io:admin', [AGGREGATE_TO_ADMIN], adminRules, APP_LABEL),
    aggregatedInto('kubevirt.io:edit', [AGGREGATE_TO_EDIT], editRules, APP_LABEL),
    aggregatedInto('kubevirt.io:view', [AGGREGATE_TO_VIEW], kubevirtViewRules, APP_LABEL),
    // Cluster-wide instance types and preferences are the catalog: everyone may read them.
    clusterRole(
      'instancetype.kubevirt.io:view',
      [
        rule(
          READ,
          ['instancetype.kubevirt.io'],
          ['virtualmachineclusterinstancetypes', 'virtualmachineclusterpreferences'],
        ),
      ],
      { labels: APP_LABEL },
    ),
    aggregatedInto('cdi.kubevirt.io:admin', [AGGREGATE_TO_ADMIN], cdiWriterRules, CDI_LABEL),
    aggregatedInto('cdi.kubevirt.io:edit', [AGGREGATE_TO_EDIT], cdiWriterRules, CDI_LABEL),
    aggregatedInto('cdi.kubevirt.io:view', [AGGREGATE_TO_VIEW], cdiViewRules, CDI_LABEL),
    // Storage profiles tell the VM forms which access and volume modes work.
    clusterRole(
      'cdi.kubevirt.io:config-reader',
      [rule(READ, CDI, ['cdiconfigs', 'storageprofiles'])],
      { labels: CDI_LABEL },
    ),
  ];
}
