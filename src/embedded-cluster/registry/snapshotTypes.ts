// The VM copy APIs: snapshot.kubevirt.io/v1beta1 (snapshots, their content, restores),
// clone.kubevirt.io/v1beta1 and export.kubevirt.io/v1beta1, with printer columns from
// virt-operator's crds.go. Their specs are fixed once created, as KubeVirt's webhooks enforce.
import type { JSONSchemaProps, ResourceType } from '../types';
import { defineType } from './define';
import {
  arr,
  bool,
  conditions,
  dateTime,
  enumOf,
  obj,
  objectSchema,
  openObj,
  preserve,
  status,
  str,
  stringMap,
  strArr,
} from './schema';

const typedRef = (description: string): JSONSchemaProps =>
  obj(
    {
      apiGroup: str('API group of the referent, e.g. kubevirt.io.'),
      kind: str('Kind of the referent, e.g. VirtualMachine.'),
      name: str('Name of the referent.'),
    },
    description,
    { required: ['kind', 'name'] },
  );

const SOURCE_COLUMNS = [
  { name: 'SourceKind', type: 'string', jsonPath: '.spec.source.kind' },
  { name: 'SourceName', type: 'string', jsonPath: '.spec.source.name' },
  { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
] as const;

const ERROR = { name: 'Error', type: 'string', jsonPath: '.status.error.message' } as const;

const snapshotError = openObj({ message: str(), time: dateTime() });

export const snapshotTypes: ResourceType[] = [
  defineType({
    group: 'snapshot.kubevirt.io',
    version: 'v1beta1',
    kind: 'VirtualMachineSnapshot',
    plural: 'virtualmachinesnapshots',
    namespaced: true,
    shortNames: ['vmsnapshot', 'vmsnapshots'],
    categories: ['all'],
    subresources: { status: true },
    printerColumns: [
      ...SOURCE_COLUMNS,
      { name: 'ReadyToUse', type: 'boolean', jsonPath: '.status.readyToUse' },
      { name: 'CreationTime', type: 'date', jsonPath: '.status.creationTime' },
      ERROR,
    ],
    schema: objectSchema(
      'VirtualMachineSnapshot is a point-in-time copy of a VM and its volumes.',
      {
        spec: obj(
          {
            source: typedRef('The VirtualMachine to snapshot.'),
            deletionPolicy: enumOf(
              ['Delete', 'Retain'],
              'What happens to the content on deletion.',
            ),
            failureDeadline: str(
              'How long an online snapshot may take, e.g. 5m; 0 for no deadline.',
            ),
          },
          undefined,
          { required: ['source'] },
        ),
        status: status({
          phase: enumOf(['InProgress', 'Succeeded', 'Failed', 'Unknown']),
          readyToUse: bool(),
          creationTime: dateTime(),
          sourceUID: str(),
          virtualMachineSnapshotContentName: str(),
          indications: strArr('Online, GuestAgent or NoGuestAgent.'),
          conditions: conditions('Progressing and Ready.'),
          error: snapshotError,
          snapshotVolumes: preserve('Volumes included in and excluded from the snapshot.'),
        }),
      },
      ['spec'],
    ),
    immutableFields: ['/spec'],
  }),
  defineType({
    group: 'snapshot.kubevirt.io',
    version: 'v1beta1',
    kind: 'VirtualMachineSnapshotContent',
    plural: 'virtualmachinesnapshotcontents',
    namespaced: true,
    shortNames: ['vmsnapshotcontent', 'vmsnapshotcontents'],
    categories: ['all'],
    subresources: { status: true },
    printerColumns: [
      { name: 'ReadyToUse', type: 'boolean', jsonPath: '.status.readyToUse' },
      { name: 'CreationTime', type: 'date', jsonPath: '.status.creationTime' },
      ERROR,
    ],
    schema: objectSchema(
      'VirtualMachineSnapshotContent holds the VM spec and volume snapshots of a snapshot.',
      {
        spec: obj(
          {
            virtualMachineSnapshotName: str(),
            source: preserve('The VM (spec and metadata) as it was when snapshotted.'),
            volumeBackups: arr(preserve(), 'One VolumeSnapshot per included volume.'),
          },
          undefined,
          { required: ['source'] },
        ),
        status: status({
          readyToUse: bool(),
          creationTime: dateTime(),
          error: snapshotError,
          volumeSnapshotStatus: arr(preserve()),
        }),
      },
      ['spec'],
    ),
    immutableFields: ['/spec'],
  }),
  defineType({
    group: 'snapshot.kubevirt.io',
    version: 'v1beta1',
    kind: 'VirtualMachineRestore',
    plural: 'virtualmachinerestores',
    namespaced: true,
    shortNames: ['vmrestore', 'vmrestores'],
    categories: ['all'],
    subresources: { status: true },
    printerColumns: [
      { name: 'TargetKind', type: 'string', jsonPath: '.spec.target.kind' },
      { name: 'TargetName', type: 'string', jsonPath: '.spec.target.name' },
      { name: 'Complete', type: 'boolean', jsonPath: '.status.complete' },
      { name: 'RestoreTime', type: 'date', jsonPath: '.status.restoreTime' },
    ],
    schema: objectSchema(
      'VirtualMachineRestore restores a VM from a snapshot; the VM must be stopped.',
      {
        spec: openObj(
          {
            target: typedRef('The VirtualMachine to restore (it may not exist yet).'),
            virtualMachineSnapshotName: str('The snapshot to restore from.'),
            patches: strArr('JSON patches applied to the restored VM.'),
            targetReadinessPolicy: str(),
            volumeRestorePolicy: str(),
          },
          undefined,
          { required: ['target', 'virtualMachineSnapshotName'] },
        ),
        status: status({
          complete: bool(),
          restoreTime: dateTime(),
          conditions: conditions(),
          deletedDataVolumes: strArr(),
          restores: arr(preserve()),
          error: snapshotError,
        }),
      },
      ['spec'],
    ),
    immutableFields: ['/spec'],
  }),
  defineType({
    group: 'clone.kubevirt.io',
    version: 'v1beta1',
    kind: 'VirtualMachineClone',
    plural: 'virtualmachineclones',
    namespaced: true,
    shortNames: ['vmclone', 'vmclones'],
    categories: ['all'],
    subresources: { status: true },
    printerColumns: [
      { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
      { name: 'SourceVirtualMachine', type: 'string', jsonPath: '.spec.source.name' },
      { name: 'TargetVirtualMachine', type: 'string', jsonPath: '.spec.target.name' },
    ],
    schema: objectSchema(
      'VirtualMachineClone copies a VM (or a VM snapshot) into a new VM.',
      {
        spec: obj(
          {
            source: typedRef('The VirtualMachine or VirtualMachineSnapshot to clone.'),
            target: typedRef('The VirtualMachine to create; a name is generated when empty.'),
            labelFilters: strArr('Labels copied to the target ("*" all, "!key" excluded).'),
            annotationFilters: strArr('Annotations copied to the target.'),
            template: obj(
              { labelFilters: strArr(), annotationFilters: strArr() },
              'Filters for the VM template metadata.',
            ),
            newMacAddresses: stringMap('New MAC address per interface name.'),
            newSMBiosSerial: str('New SMBIOS serial number.'),
            patches: strArr('JSON patches applied to the target.'),
            volumeNamePolicy: enumOf(['RandomizeNames', 'PreserveNames']),
          },
          undefined,
          { required: ['source'] },
        ),
        status: status({
          phase: str(
            'SnapshotInProgress, CreatingTargetVM, RestoreInProgress, Succeeded, Failed or Unknown.',
          ),
          conditions: conditions(),
          snapshotName: str(),
          restoreName: str(),
          targetName: str(),
          creationTime: dateTime(),
        }),
      },
      ['spec'],
    ),
    immutableFields: ['/spec'],
  }),
  defineType({
    group: 'export.kubevirt.io',
    version: 'v1beta1',
    kind: 'VirtualMachineExport',
    plural: 'virtualmachineexports',
    namespaced: true,
    shortNames: ['vmexport', 'vmexports'],
    categories: ['all'],
    subresources: { status: true },
    printerColumns: [...SOURCE_COLUMNS],
    schema: objectSchema(
      'VirtualMachineExport makes the volumes of a VM, snapshot or PVC downloadable.',
      {
        spec: obj(
          {
            source: typedRef('The VirtualMachine, VirtualMachineSnapshot or PVC to export.'),
            tokenSecretRef: str('Secret holding the token needed to download.'),
            ttlDuration: str('How long the export stays available, e.g. 2h.'),
          },
          undefined,
          { required: ['source'] },
        ),
        status: status({
          phase: enumOf(['Pending', 'Ready', 'Terminated', 'Skipped']),
          conditions: conditions(),
          links: preserve('Internal and external download links.'),
          serviceName: str(),
          tokenSecretRef: str(),
          ttlExpirationTime: dateTime(),
          virtualMachineName: str(),
        }),
      },
      ['spec'],
    ),
    immutableFields: ['/spec'],
  }),
];
