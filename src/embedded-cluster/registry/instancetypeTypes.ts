// instancetype.kubevirt.io/v1beta1: instance types (CPU and memory sizes, such as u1.medium)
// and preferences (OS-specific device defaults, such as fedora), each namespaced and
// cluster-wide. Names follow virt-operator's crds.go.
import type { JSONSchemaProps, ResourceType } from '../types';
import { defineType } from './define';
import {
  arr,
  bool,
  enumOf,
  int,
  int64,
  obj,
  objectSchema,
  preserve,
  quantity,
  str,
  stringMap,
} from './schema';

const instancetypeSpec: JSONSchemaProps = obj(
  {
    cpu: obj(
      {
        guest: int('Number of vCPUs the VM gets.', { minimum: 1 }),
        model: str('CPU model.'),
        dedicatedCPUPlacement: bool('Pin each vCPU to a dedicated host CPU.'),
        isolateEmulatorThread: bool(),
        numa: preserve(),
        realtime: preserve(),
        maxSockets: int(),
      },
      'CPU of the VMs using this instance type.',
      { required: ['guest'] },
    ),
    memory: obj(
      {
        guest: quantity('Memory the VM gets, e.g. 4Gi.'),
        hugepages: obj({ pageSize: str('2Mi or 1Gi.') }),
        overcommitPercent: int('Percent of guest memory not backed by the pod request.', {
          minimum: 0,
          maximum: 100,
        }),
        maxGuest: quantity('Maximum memory for memory hotplug.'),
      },
      'Memory of the VMs using this instance type.',
      { required: ['guest'] },
    ),
    gpus: arr(preserve(), 'GPUs the VMs get.'),
    hostDevices: arr(preserve(), 'Host devices the VMs get.'),
    ioThreadsPolicy: enumOf(['shared', 'auto', 'supplementalPool']),
    ioThreads: preserve(),
    launchSecurity: preserve(),
    annotations: stringMap('Annotations added to the VMI.'),
    nodeSelector: stringMap('Node selector the VMs get.'),
    schedulerName: str(),
  },
  'What an instance type fixes in the VMs using it; the VM may not set these itself.',
  { required: ['cpu', 'memory'] },
);

const preferenceSpec: JSONSchemaProps = obj(
  {
    annotations: stringMap('Annotations added to the VMI.'),
    clock: preserve('Preferred clock settings.'),
    cpu: preserve(
      'Preferred CPU topology (preferredCPUTopology: sockets, cores, threads, spread, any).',
    ),
    devices: preserve(
      'Preferred devices: preferredDiskBus, preferredInterfaceModel, preferredRng, …',
    ),
    features: preserve('Preferred hypervisor features, e.g. preferredSmm.'),
    firmware: preserve('Preferred firmware, e.g. preferredEfi.secureBoot.'),
    machine: preserve('Preferred machine type.'),
    volumes: preserve('Preferred storage class for DataVolumeTemplates.'),
    requirements: preserve('Minimum CPU and memory the instance type must provide.'),
    preferredSubdomain: str(),
    preferredTerminationGracePeriodSeconds: int64(),
    preferSpreadSocketToCoreRatio: int(),
    preferredArchitecture: str(),
  },
  'Defaults applied to VMs using this preference where the VM does not decide.',
);

const instancetypeSchema = (kind: string): JSONSchemaProps =>
  objectSchema(
    `${kind} fixes the CPU and memory of the VMs using it.`,
    { spec: instancetypeSpec },
    ['spec'],
  );

const preferenceSchema = (kind: string): JSONSchemaProps =>
  objectSchema(
    `${kind} holds device and OS defaults for the VMs using it.`,
    {
      spec: preferenceSpec,
    },
    ['spec'],
  );

export const instancetypeTypes: ResourceType[] = [
  defineType({
    group: 'instancetype.kubevirt.io',
    version: 'v1beta1',
    kind: 'VirtualMachineInstancetype',
    plural: 'virtualmachineinstancetypes',
    namespaced: true,
    shortNames: ['vminstancetype', 'vminstancetypes', 'vmf', 'vmfs'],
    categories: ['all'],
    schema: instancetypeSchema('VirtualMachineInstancetype'),
  }),
  defineType({
    group: 'instancetype.kubevirt.io',
    version: 'v1beta1',
    kind: 'VirtualMachineClusterInstancetype',
    plural: 'virtualmachineclusterinstancetypes',
    namespaced: false,
    shortNames: ['vmclusterinstancetype', 'vmclusterinstancetypes', 'vmcf', 'vmcfs'],
    schema: instancetypeSchema('VirtualMachineClusterInstancetype'),
  }),
  defineType({
    group: 'instancetype.kubevirt.io',
    version: 'v1beta1',
    kind: 'VirtualMachinePreference',
    plural: 'virtualmachinepreferences',
    namespaced: true,
    shortNames: ['vmpref', 'vmprefs', 'vmp', 'vmps'],
    categories: ['all'],
    schema: preferenceSchema('VirtualMachinePreference'),
  }),
  defineType({
    group: 'instancetype.kubevirt.io',
    version: 'v1beta1',
    kind: 'VirtualMachineClusterPreference',
    plural: 'virtualmachineclusterpreferences',
    namespaced: false,
    shortNames: ['vmcp', 'vmcps'],
    schema: preferenceSchema('VirtualMachineClusterPreference'),
  }),
];
