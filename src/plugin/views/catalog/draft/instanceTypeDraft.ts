import { applyJSONPatch } from '../../../../common/patch/jsonPatch';
import {
  ConfigMapModel,
  SecretModel,
  VirtualMachineClusterInstancetypeModel,
  VirtualMachineClusterPreferenceModel,
  VirtualMachineInstancetypeModel,
  VirtualMachineModel,
  apiVersionOf,
} from '../../../api/models';
import type { ConfigMap, JsonPatchOp, K8sObject, Secret, VirtualMachine } from '../../../api/types';
import {
  DEFAULT_GUEST_USER,
  setDynamicInjectionOps,
  setSshKeyOps,
} from '../../vms/details/configuration/ssh/accessCredentials';
import {
  CLOUD_INIT_DISK,
  type Disk,
  type Volume,
} from '../../vms/details/configuration/initialRun/cloudInitVolume';
import {
  attachSysprepOps,
  sysprepConfigMap,
} from '../../vms/details/configuration/initialRun/sysprep';
import { CLOUD_CONFIG_HEADER } from '../../vms/details/configuration/initialRun/userData';
import type { BootableVolume, InstanceTypeChoice, VmDetails } from '../instanceTypes/flow';
import type { VmDraft } from './vmDraft';

/** The VM's boot disk: the volume cloned from the bootable volume. */
export const ROOT_DISK = 'rootdisk';

/** The DataVolume (and claim) the VM's boot disk is cloned into. */
export const rootDataVolumeName = (vmName: string): string => `${vmName}-volume`;

/** The ConfigMap holding new sysprep answer files. */
export const sysprepConfigMapName = (vmName: string): string => `${vmName}-sysprep`;

/** On objects made for one VM (its SSH key Secret, its sysprep ConfigMap): the VM's name. */
export const CREATED_FOR_VM_LABEL = 'virtualization-plugin/created-for-vm';

/** Set by the incumbent on VMs whose key the guest agent manages (dynamic key injection). */
export const DYNAMIC_CREDENTIALS_LABEL = 'kubevirt.io/dynamic-credentials-support';

/** The label Services and the pod lookups select a VM's guest by. */
export const VM_NAME_LABEL = 'vm.kubevirt.io/name';

/** What cloud-init gets when nothing else is asked: the guest user the SSH key is for. */
export const DEFAULT_USER_DATA = `${CLOUD_CONFIG_HEADER}\nuser: ${DEFAULT_GUEST_USER}\n`;

/** Windows reads sysprep, not cloud-init: told by the volume's OS or its preference. */
export const isWindowsVolume = (volume: BootableVolume): boolean =>
  volume.os === 'windows' || !!volume.preference?.startsWith('windows');

type DataVolumeTemplate = NonNullable<
  NonNullable<VirtualMachine['spec']>['dataVolumeTemplates']
>[number];

/** The boot disk's DataVolume: a clone of the bootable volume, sized and placed as asked. */
const rootDataVolume = (volume: BootableVolume, details: VmDetails): DataVolumeTemplate => {
  const { kind, name, namespace } = volume.source;
  const storage: Record<string, unknown> = {};
  if (details.diskSize) storage.resources = { requests: { storage: details.diskSize } };
  if (details.storageClass) storage.storageClassName = details.storageClass;
  const from =
    kind === 'DataSource'
      ? { sourceRef: { kind, name, namespace } }
      : {
          source:
            kind === 'PersistentVolumeClaim'
              ? { pvc: { name, namespace } }
              : { snapshot: { name, namespace } },
        };
  return {
    metadata: { name: rootDataVolumeName(details.name) },
    spec: { ...from, storage },
  } as DataVolumeTemplate;
};

/** The VM before SSH and sysprep: boot disk, cloud-init for Linux, size and preference by name. */
const baseVm = (
  volume: BootableVolume,
  instancetype: InstanceTypeChoice,
  details: VmDetails,
  windows: boolean,
): VirtualMachine => {
  const { name, namespace } = details;
  const instancetypeModel = instancetype.cluster
    ? VirtualMachineClusterInstancetypeModel
    : VirtualMachineInstancetypeModel;
  // Disks are listed so the boot disk comes first; the preference fills in their bus.
  const disks: Disk[] = [{ name: ROOT_DISK, disk: {}, bootOrder: 1 }];
  const volumes: Volume[] = [{ name: ROOT_DISK, dataVolume: { name: rootDataVolumeName(name) } }];
  if (!windows) {
    disks.push({ name: CLOUD_INIT_DISK, disk: { bus: 'virtio' } });
    volumes.push({ name: CLOUD_INIT_DISK, cloudInitNoCloud: { userData: DEFAULT_USER_DATA } });
  }
  return {
    apiVersion: apiVersionOf(VirtualMachineModel),
    kind: VirtualMachineModel.kind,
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      instancetype: { kind: instancetypeModel.kind, name: instancetype.name },
      ...(volume.preference
        ? {
            preference: {
              kind: VirtualMachineClusterPreferenceModel.kind,
              name: volume.preference,
            },
          }
        : {}),
      runStrategy: details.startAfterCreation ? 'Always' : 'Halted',
      dataVolumeTemplates: [rootDataVolume(volume, details)],
      template: {
        metadata: { labels: { [VM_NAME_LABEL]: name } },
        spec: { domain: { devices: { disks } }, volumes },
      },
    },
  };
};

const patched = (vm: VirtualMachine, ops: JsonPatchOp[]): VirtualMachine =>
  ops.length ? (applyJSONPatch(vm, ops) as VirtualMachine) : vm;

/** The Secret holding a new authorized key, labelled as made for this VM. */
const sshKeySecret = (namespace: string, vmName: string, name: string, key: string): Secret => ({
  apiVersion: apiVersionOf(SecretModel),
  kind: SecretModel.kind,
  metadata: { name, namespace, labels: { [CREATED_FOR_VM_LABEL]: vmName } },
  type: 'Opaque',
  stringData: { key: key.trim() },
});

const withLabel = (vm: VirtualMachine, key: string, value: string): VirtualMachine => ({
  ...vm,
  metadata: { ...vm.metadata, labels: { ...vm.metadata?.labels, [key]: value } },
});

/** Authorized key and dynamic injection, through the same ops the SSH sub-tab sends. */
const withSsh = (vm: VirtualMachine, details: VmDetails): VirtualMachine => {
  if (details.sshKey.kind === 'none') return vm;
  let next = patched(vm, setSshKeyOps(vm, details.sshKey.secretName));
  if (details.dynamicKeyInjection) {
    next = patched(next, setDynamicInjectionOps(next, true, [DEFAULT_GUEST_USER]));
    next = withLabel(next, DYNAMIC_CREDENTIALS_LABEL, 'true');
  }
  return next;
};

/** The sysprep CD-ROM, on a new ConfigMap (returned) or an existing one. */
const withSysprep = (
  vm: VirtualMachine,
  details: VmDetails,
): { vm: VirtualMachine; configMap?: ConfigMap } => {
  const { sysprep, namespace, name } = details;
  if (sysprep.kind === 'none') return { vm };
  if (sysprep.kind === 'existing')
    return { vm: patched(vm, attachSysprepOps(vm, sysprep.configMapName)) };
  const configMap = sysprepConfigMap(namespace, sysprepConfigMapName(name), {
    'Autounattend.xml': sysprep.autounattend ?? '',
    'Unattend.xml': sysprep.unattend ?? '',
  });
  configMap.metadata = { ...configMap.metadata, labels: { [CREATED_FOR_VM_LABEL]: name } };
  return {
    vm: patched(vm, attachSysprepOps(vm, configMap.metadata.name ?? '')),
    configMap: {
      ...configMap,
      apiVersion: apiVersionOf(ConfigMapModel),
      kind: ConfigMapModel.kind,
    },
  };
};

/**
 * The VM the InstanceTypes flow creates from its three steps' choices, as KubeVirt and the
 * incumbent build it: instance type and preference by reference, the boot disk cloned from the
 * volume into `<name>-volume`, cloud-init creating `cloud-user` (Linux) or sysprep (Windows),
 * and the objects to create first (a new key's Secret, new answer files' ConfigMap).
 */
export const instanceTypeDraft = (
  volume: BootableVolume,
  instancetype: InstanceTypeChoice,
  details: VmDetails,
): VmDraft => {
  const windows = isWindowsVolume(volume);
  const prerequisites: K8sObject[] = [];
  let vm = baseVm(volume, instancetype, details, windows);
  let projectSshKey: string | undefined;
  if (windows) {
    // Windows takes no cloud-init, so an SSH key would not reach it: sysprep instead.
    const sysprep = withSysprep(vm, details);
    vm = sysprep.vm;
    if (sysprep.configMap) prerequisites.push(sysprep.configMap);
  } else {
    vm = withSsh(vm, details);
    const key = details.sshKey;
    if (key.kind === 'new') {
      prerequisites.push(
        sshKeySecret(details.namespace, details.name, key.secretName, key.publicKey),
      );
      if (key.applyToProject) projectSshKey = key.secretName;
    }
  }
  return { vm, prerequisites, ...(projectSshKey ? { projectSshKey } : {}) };
};
