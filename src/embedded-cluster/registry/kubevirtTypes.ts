// kubevirt.io/v1 (VMs, VMIs, migrations, replica sets, presets, the KubeVirt CR), plus the
// pool.kubevirt.io and migrations.kubevirt.io kinds, with names and printer columns as
// KubeVirt's virt-operator declares them (crds.go). Also the subresources.kubevirt.io/v1
// actions, which are routes rather than stored kinds.
import type { ResourceType } from '../types';
import { AGE, defineType } from './define';
import {
  replicaStatus,
  vmiReplicaSetSpec,
  vmiSpec,
  vmiStatus,
  vmPoolSpec,
  vmSpec,
  vmStatus,
} from './kubevirtSchemas';
import {
  bool,
  conditions,
  int64,
  labelSelector,
  obj,
  objectSchema,
  openObj,
  preserve,
  quantity,
  status,
  str,
  stringMap,
} from './schema';

const READY = {
  name: 'Ready',
  type: 'string',
  jsonPath: ".status.conditions[?(@.type=='Ready')].status",
} as const;
const PHASE = { name: 'Phase', type: 'string', jsonPath: '.status.phase' } as const;

export const kubevirtTypes: ResourceType[] = [
  defineType({
    group: 'kubevirt.io',
    version: 'v1',
    kind: 'VirtualMachine',
    plural: 'virtualmachines',
    namespaced: true,
    shortNames: ['vm', 'vms'],
    categories: ['all'],
    subresources: { status: true },
    printerColumns: [
      AGE,
      {
        name: 'Status',
        type: 'string',
        jsonPath: '.status.printableStatus',
        description: 'Human Readable Status',
      },
      READY,
    ],
    schema: objectSchema(
      'VirtualMachine handles the VirtualMachineInstance that runs it: start, stop, restart and the disks it owns.',
      { spec: vmSpec, status: vmStatus },
      ['spec'],
    ),
  }),
  defineType({
    group: 'kubevirt.io',
    version: 'v1',
    kind: 'VirtualMachineInstance',
    plural: 'virtualmachineinstances',
    namespaced: true,
    shortNames: ['vmi', 'vmis'],
    categories: ['all'],
    // KubeVirt serves VMI status through the main resource (no status subresource).
    printerColumns: [
      AGE,
      PHASE,
      { name: 'IP', type: 'string', jsonPath: '.status.interfaces[0].ipAddress' },
      { name: 'NodeName', type: 'string', jsonPath: '.status.nodeName' },
      READY,
      {
        name: 'Live-Migratable',
        type: 'string',
        jsonPath: ".status.conditions[?(@.type=='LiveMigratable')].status",
        priority: 1,
      },
      {
        name: 'Paused',
        type: 'string',
        jsonPath: ".status.conditions[?(@.type=='Paused')].status",
        priority: 1,
      },
    ],
    schema: objectSchema(
      'VirtualMachineInstance is a running virtual machine.',
      { spec: vmiSpec, status: vmiStatus },
      ['spec'],
    ),
  }),
  defineType({
    group: 'kubevirt.io',
    version: 'v1',
    kind: 'VirtualMachineInstanceMigration',
    plural: 'virtualmachineinstancemigrations',
    namespaced: true,
    shortNames: ['vmim', 'vmims'],
    categories: ['all'],
    subresources: { status: true },
    printerColumns: [
      { ...PHASE, description: 'The current phase of VM instance migration' },
      {
        name: 'VMI',
        type: 'string',
        jsonPath: '.spec.vmiName',
        description: 'The name of the VMI to perform the migration on',
      },
    ],
    schema: objectSchema(
      "VirtualMachineInstanceMigration tracks a VMI's live migration to another node.",
      {
        spec: openObj({
          vmiName: str('The VMI to migrate; it must be in the migration namespace.'),
          addedNodeSelector: stringMap('Extra node selector for the migration target.'),
        }),
        status: status({
          phase: str(
            'Pending, Scheduling, Scheduled, PreparingTarget, TargetReady, Running, Succeeded or Failed.',
          ),
          conditions: conditions(),
          migrationState: preserve(),
          phaseTransitionTimestamps: preserve(),
        }),
      },
      ['spec'],
    ),
    // virt-api refuses changes to a migration's spec.
    immutableFields: ['/spec'],
  }),
  defineType({
    group: 'kubevirt.io',
    version: 'v1',
    kind: 'VirtualMachineInstanceReplicaSet',
    plural: 'virtualmachineinstancereplicasets',
    namespaced: true,
    shortNames: ['vmirs', 'vmirss'],
    categories: ['all'],
    subresources: {
      status: true,
      scale: {
        specReplicasPath: '.spec.replicas',
        statusReplicasPath: '.status.replicas',
        labelSelectorPath: '.status.labelSelector',
      },
    },
    printerColumns: [
      {
        name: 'Desired',
        type: 'integer',
        jsonPath: '.spec.replicas',
        description: 'Number of desired VirtualMachineInstances',
      },
      {
        name: 'Current',
        type: 'integer',
        jsonPath: '.status.replicas',
        description: 'Number of managed and not final or deleted VirtualMachineInstances',
      },
      {
        name: 'Ready',
        type: 'integer',
        jsonPath: '.status.readyReplicas',
        description: 'Number of managed VirtualMachineInstances which are ready to receive traffic',
      },
      AGE,
    ],
    schema: objectSchema(
      'VirtualMachineInstanceReplicaSet keeps a number of identical VMIs running.',
      { spec: vmiReplicaSetSpec, status: replicaStatus },
      ['spec'],
    ),
  }),
  defineType({
    group: 'kubevirt.io',
    version: 'v1',
    kind: 'VirtualMachineInstancePreset',
    plural: 'virtualmachineinstancepresets',
    namespaced: true,
    shortNames: ['vmipreset', 'vmipresets'],
    categories: ['all'],
    schema: objectSchema(
      'Deprecated: VirtualMachineInstancePreset applies domain defaults to matching VMIs.',
      {
        spec: obj(
          {
            selector: labelSelector('VMIs the preset applies to.'),
            domain: preserve('Domain settings applied to matching VMIs.'),
          },
          undefined,
          { required: ['selector'] },
        ),
      },
    ),
  }),
  defineType({
    group: 'kubevirt.io',
    version: 'v1',
    kind: 'KubeVirt',
    plural: 'kubevirts',
    namespaced: true,
    shortNames: ['kv', 'kvs'],
    categories: ['all'],
    subresources: { status: true },
    printerColumns: [AGE, PHASE],
    schema: objectSchema('KubeVirt is the installation of KubeVirt, in the namespace it runs in.', {
      spec: openObj({
        configuration: preserve(
          'Cluster-wide KubeVirt configuration (feature gates, migrations, …).',
        ),
        workloadUpdateStrategy: preserve(),
        infra: preserve(),
        workloads: preserve(),
        imagePullPolicy: str(),
        uninstallStrategy: str(),
      }),
      status: status({
        phase: str('Deploying, Deployed, Deleting or Deleted.'),
        conditions: conditions(),
        observedKubeVirtVersion: str(),
        targetKubeVirtVersion: str(),
      }),
    }),
  }),
  defineType({
    group: 'pool.kubevirt.io',
    version: 'v1alpha1',
    kind: 'VirtualMachinePool',
    plural: 'virtualmachinepools',
    namespaced: true,
    shortNames: ['vmpool', 'vmpools'],
    categories: ['all'],
    subresources: {
      status: true,
      scale: {
        specReplicasPath: '.spec.replicas',
        statusReplicasPath: '.status.replicas',
        labelSelectorPath: '.status.labelSelector',
      },
    },
    printerColumns: [
      {
        name: 'Desired',
        type: 'integer',
        jsonPath: '.spec.replicas',
        description: 'Number of desired VirtualMachines',
      },
      {
        name: 'Current',
        type: 'integer',
        jsonPath: '.status.replicas',
        description: 'Number of managed and not final or deleted VirtualMachines',
      },
      {
        name: 'Ready',
        type: 'integer',
        jsonPath: '.status.readyReplicas',
        description: 'Number of managed VirtualMachines which are ready to receive traffic',
      },
      AGE,
    ],
    schema: objectSchema(
      'VirtualMachinePool keeps a number of VirtualMachines from one template.',
      { spec: vmPoolSpec, status: replicaStatus },
      ['spec'],
    ),
  }),
  defineType({
    group: 'migrations.kubevirt.io',
    version: 'v1alpha1',
    kind: 'MigrationPolicy',
    plural: 'migrationpolicies',
    singular: 'migrationpolicy',
    namespaced: false,
    subresources: { status: true },
    schema: objectSchema(
      'MigrationPolicy tunes live migrations of the VMIs it selects.',
      {
        spec: obj(
          {
            selectors: obj(
              {
                namespaceSelector: stringMap('Labels the VMI namespace must carry.'),
                virtualMachineInstanceSelector: stringMap('Labels the VMI must carry.'),
              },
              'Which VMIs the policy applies to.',
            ),
            allowAutoConverge: bool('Allow throttling the guest so the migration converges.'),
            allowPostCopy: bool('Switch to post-copy when pre-copy does not converge.'),
            allowWorkloadDisruption: bool(),
            bandwidthPerMigration: quantity('Bandwidth limit per migration, e.g. 64Mi (bytes/s).'),
            completionTimeoutPerGiB: int64('Seconds per GiB of guest before the migration fails.'),
          },
          undefined,
          { required: ['selectors'] },
        ),
        status: status(),
      },
      ['spec'],
    ),
  }),
];

export const SUBRESOURCES_GROUP = 'subresources.kubevirt.io';
export const SUBRESOURCES_VERSION = 'v1';

/** An action of subresources.kubevirt.io/v1 on a VM or VMI: `PUT …/virtualmachines/NAME/start`. */
export interface KubevirtSubresource {
  /** The kubevirt.io resource it hangs off. */
  resource: 'virtualmachines' | 'virtualmachineinstances';
  /** Path after the object name; may contain a slash (`vnc/screenshot`). */
  name: string;
  method: 'GET' | 'PUT';
  /** The RBAC verb checked: KubeVirt's roles grant `update` for PUT and `get` for GET. */
  verb: 'get' | 'update';
  /** Upgrades to a WebSocket (subprotocol plain.kubevirt.io); binary frames carry the data. */
  websocket?: boolean;
  /** Whether `/port/NNN[/protocol]` follows the name. */
  takesPort?: boolean;
  description: string;
}

const put = (
  resource: KubevirtSubresource['resource'],
  name: string,
  description: string,
): KubevirtSubresource => ({ resource, name, method: 'PUT', verb: 'update', description });

const get = (
  resource: KubevirtSubresource['resource'],
  name: string,
  description: string,
  extra: Pick<KubevirtSubresource, 'websocket' | 'takesPort'> = {},
): KubevirtSubresource => ({ resource, name, method: 'GET', verb: 'get', description, ...extra });

/**
 * What virt-api serves under /apis/subresources.kubevirt.io/v1/namespaces/NS/…, for routing
 * and for discovery (which lists them as `virtualmachines/start` and so on).
 */
export const kubevirtSubresources: KubevirtSubresource[] = [
  put(
    'virtualmachines',
    'start',
    'Start a VirtualMachine (body: StartOptions, e.g. {"paused":true}).',
  ),
  put('virtualmachines', 'stop', 'Stop a VirtualMachine (body optional: StopOptions gracePeriod).'),
  put('virtualmachines', 'restart', 'Restart a VirtualMachine (body optional: RestartOptions).'),
  put(
    'virtualmachines',
    'migrate',
    'Live-migrate the running VirtualMachine (body: MigrateOptions).',
  ),
  put('virtualmachines', 'addvolume', 'Hot-plug a volume and disk (body: AddVolumeOptions).'),
  put('virtualmachines', 'removevolume', 'Hot-unplug a volume (body: RemoveVolumeOptions).'),
  put('virtualmachines', 'memorydump', 'Dump the guest memory to a PVC.'),
  put('virtualmachines', 'removememorydump', 'Forget the memory dump association.'),
  get('virtualmachines', 'expand-spec', 'The VM with its instance type and preference applied.'),
  get('virtualmachines', 'portforward', 'Forward a port of the running VM.', {
    websocket: true,
    takesPort: true,
  }),
  get('virtualmachineinstances', 'console', 'Serial console.', { websocket: true }),
  get('virtualmachineinstances', 'vnc', 'VNC (RFB) stream.', { websocket: true }),
  get('virtualmachineinstances', 'vnc/screenshot', 'PNG screenshot of the display.'),
  get('virtualmachineinstances', 'usbredir', 'USB redirection.', { websocket: true }),
  get('virtualmachineinstances', 'portforward', 'Forward a port of the VMI.', {
    websocket: true,
    takesPort: true,
  }),
  get('virtualmachineinstances', 'guestosinfo', 'Guest OS information from the guest agent.'),
  get('virtualmachineinstances', 'userlist', 'Users logged in to the guest (guest agent).'),
  get('virtualmachineinstances', 'filesystemlist', 'Guest filesystems (guest agent).'),
  put('virtualmachineinstances', 'pause', 'Pause the VMI.'),
  put('virtualmachineinstances', 'unpause', 'Unpause the VMI.'),
  put('virtualmachineinstances', 'freeze', 'Freeze guest filesystems (guest agent).'),
  put('virtualmachineinstances', 'unfreeze', 'Thaw guest filesystems.'),
  put('virtualmachineinstances', 'softreboot', 'Reboot the guest through ACPI or the guest agent.'),
  put('virtualmachineinstances', 'addvolume', 'Hot-plug a volume into the VMI only.'),
  put('virtualmachineinstances', 'removevolume', 'Hot-unplug a volume from the VMI only.'),
];
