// What the drawer changes in the processed VirtualMachine: project, name, boot disk source and
// storage, SSH key, Windows drivers disk and run strategy; the template labels stay.
import { applyJSONPatch } from '../../../../common/patch/jsonPatch';
import { apiVersionOf, SecretModel } from '../../../api/models';
import type { K8sObject, Secret, Template, VirtualMachine } from '../../../api/types';
import type {
  DataVolumeTemplate,
  Disk,
  Volume,
} from '../../vms/details/configuration/disks/diskTypes';
import {
  dataVolumeNameFor,
  registryUrl,
} from '../../vms/details/configuration/disks/diskValidation';
import { setSshKeyOps } from '../../vms/details/configuration/ssh/accessCredentials';
import { CREATED_FOR_VM_LABEL, VM_NAME_LABEL } from '../draft/instanceTypeDraft';
import type { VmDraft } from '../draft/vmDraft';
import type { SshKeyChoice } from '../instanceTypes/flow';
import { bootDiskName } from './templateModel';

/** A new source for the boot disk (seed 5.1-5.4): each fills a new claim. */
export type DiskSourceOverride =
  | { kind: 'url'; url: string }
  | { kind: 'registry'; image: string }
  | { kind: 'pvc'; namespace: string; name: string }
  | { kind: 'upload' };

export interface TemplateOverrides {
  name: string;
  namespace: string;
  /** Undefined: the template's boot source. */
  diskSource?: DiskSourceOverride;
  /** Empty: the template's (or the cluster's default). */
  storageClass: string;
  /** Empty: the template's size. */
  diskSize: string;
  sshKey: SshKeyChoice;
  startAfterCreation: boolean;
  windowsDrivers: boolean;
}

/** A draft from a template: the upload, if any, fills `uploadDataVolume` once the VM exists. */
export interface TemplateDraft extends VmDraft {
  uploadDataVolume?: string;
}

/** The VirtIO drivers CD-ROM of Windows VMs (seed 5.5). */
export const WINDOWS_DRIVERS_DISK = 'windows-drivers-disk';
export const WINDOWS_DRIVERS_IMAGE = 'quay.io/kubevirt/virtio-container-disk';

/** The size a new boot disk gets when neither the form nor the template says one. */
export const FALLBACK_DISK_SIZE = '30Gi';

const TEMPLATE_LABEL = 'vm.kubevirt.io/template';
const TEMPLATE_NAMESPACE_LABEL = 'vm.kubevirt.io/template.namespace';
const TEMPLATE_VERSION_LABEL = 'vm.kubevirt.io/template.version';
const TEMPLATE_REVISION_LABEL = 'vm.kubevirt.io/template.revision';

type Spec = NonNullable<NonNullable<NonNullable<VirtualMachine['spec']>['template']>['spec']>;
type DataVolumeSource = NonNullable<DataVolumeTemplate['spec']['source']>;

const sourceOf = (override: DiskSourceOverride): DataVolumeSource => {
  switch (override.kind) {
    case 'url':
      return { http: { url: override.url.trim() } };
    case 'registry':
      return { registry: { url: registryUrl(override.image) } };
    case 'pvc':
      return { pvc: { namespace: override.namespace, name: override.name } };
    case 'upload':
      return { upload: {} };
  }
};

const specOf = (vm: VirtualMachine): Spec => {
  vm.spec ??= { template: { spec: { domain: { devices: {} } } } };
  vm.spec.template ??= { spec: { domain: { devices: {} } } };
  vm.spec.template.spec ??= { domain: { devices: {} } };
  return vm.spec.template.spec;
};

/** The labels that tie the VM to its template, as the console sets them. */
const withTemplateLabels = (vm: VirtualMachine, template: Template, name: string): void => {
  const templateLabels = template.metadata?.labels ?? {};
  vm.metadata = {
    ...vm.metadata,
    labels: {
      ...vm.metadata?.labels,
      [TEMPLATE_LABEL]: vm.metadata?.labels?.[TEMPLATE_LABEL] ?? template.metadata?.name ?? '',
      [TEMPLATE_NAMESPACE_LABEL]:
        vm.metadata?.labels?.[TEMPLATE_NAMESPACE_LABEL] ?? template.metadata?.namespace ?? '',
      ...(templateLabels['template.kubevirt.io/version']
        ? { [TEMPLATE_VERSION_LABEL]: templateLabels['template.kubevirt.io/version'] }
        : {}),
      ...(templateLabels['template.kubevirt.io/revision']
        ? { [TEMPLATE_REVISION_LABEL]: templateLabels['template.kubevirt.io/revision'] }
        : {}),
    },
  };
  const podTemplate = vm.spec?.template;
  if (podTemplate)
    podTemplate.metadata = {
      ...podTemplate.metadata,
      labels: { ...podTemplate.metadata?.labels, [VM_NAME_LABEL]: name },
    };
};

/** Keeps a running strategy the template chose (RerunOnFailure …); Halted when not started. */
const withRunStrategy = (vm: VirtualMachine, start: boolean): void => {
  const spec = vm.spec;
  if (!spec) return;
  const current = spec.runStrategy;
  delete spec.running;
  spec.runStrategy = !start
    ? 'Halted'
    : current && current !== 'Halted' && current !== 'Manual'
      ? current
      : 'Always';
};

/**
 * The boot disk's DataVolume with the new source and the storage asked for. Returns the
 * DataVolume's name (for an upload) when the boot disk is one.
 */
const withBootDisk = (
  vm: VirtualMachine,
  template: Template,
  overrides: TemplateOverrides,
): string | undefined => {
  const spec = specOf(vm);
  const diskName = bootDiskName(template, vm) ?? 'rootdisk';
  const volumes = (spec.volumes ??= []);
  let volume = volumes.find((item) => item.name === diskName);
  const vmSpec = (vm.spec ??= {} as NonNullable<VirtualMachine['spec']>);
  const dataVolumeTemplates = (vmSpec.dataVolumeTemplates ??= []);
  let dvt = volume?.dataVolume?.name
    ? dataVolumeTemplates.find((item) => item.metadata?.name === volume?.dataVolume?.name)
    : undefined;

  if (overrides.diskSource) {
    if (!dvt) {
      // A container disk, a claim of its own or no disk at all: a new DataVolume replaces it.
      dvt = {
        metadata: { name: dataVolumeNameFor(overrides.name, diskName) },
        spec: { storage: { resources: { requests: { storage: FALLBACK_DISK_SIZE } } } },
      } as DataVolumeTemplate;
      dataVolumeTemplates.push(dvt);
    }
    const { sourceRef: _sourceRef, source: _source, ...rest } = dvt.spec;
    dvt.spec = { ...rest, source: sourceOf(overrides.diskSource) };
    const next: Volume = { name: diskName, dataVolume: { name: dvt.metadata?.name ?? '' } };
    if (volume) volumes.splice(volumes.indexOf(volume), 1, next);
    else volumes.unshift(next);
    volume = next;
    const devices = (spec.domain.devices ??= {});
    const disks = (devices.disks ??= []);
    if (!disks.some((disk) => disk.name === diskName))
      disks.unshift({ name: diskName, disk: { bus: 'virtio' }, bootOrder: 1 });
  }
  if (!dvt) return undefined;
  if (overrides.storageClass || overrides.diskSize) {
    // Older templates claim through `spec.pvc`; the storage API is `spec.storage`.
    const key = dvt.spec.pvc && !dvt.spec.storage ? 'pvc' : 'storage';
    const storage = { ...(dvt.spec[key] ?? {}) } as NonNullable<
      DataVolumeTemplate['spec']['storage']
    >;
    if (overrides.storageClass) storage.storageClassName = overrides.storageClass;
    if (overrides.diskSize)
      storage.resources = {
        ...storage.resources,
        requests: { ...storage.resources?.requests, storage: overrides.diskSize },
      };
    dvt.spec = { ...dvt.spec, [key]: storage };
  }
  return overrides.diskSource?.kind === 'upload' ? dvt.metadata?.name : undefined;
};

const withWindowsDrivers = (vm: VirtualMachine): void => {
  const spec = specOf(vm);
  const devices = (spec.domain.devices ??= {});
  const disks: Disk[] = (devices.disks ??= []);
  const volumes: Volume[] = (spec.volumes ??= []);
  if (disks.some((disk) => disk.name === WINDOWS_DRIVERS_DISK)) return;
  disks.push({ name: WINDOWS_DRIVERS_DISK, cdrom: { bus: 'sata' } });
  volumes.push({ name: WINDOWS_DRIVERS_DISK, containerDisk: { image: WINDOWS_DRIVERS_IMAGE } });
};

/** The Secret holding a new authorized key, labelled as made for this VM. */
export const sshKeySecret = (
  namespace: string,
  vmName: string,
  name: string,
  key: string,
): Secret => ({
  apiVersion: apiVersionOf(SecretModel),
  kind: SecretModel.kind,
  metadata: { name, namespace, labels: { [CREATED_FOR_VM_LABEL]: vmName } },
  type: 'Opaque',
  stringData: { key: key.trim() },
});

/**
 * The VM to create from a processed template's VirtualMachine with the drawer's choices, and
 * what must exist first (a new SSH key's Secret). `vm` is not modified.
 */
export const applyOverrides = (
  processed: VirtualMachine,
  template: Template,
  overrides: TemplateOverrides,
): TemplateDraft => {
  const { name, namespace, sshKey } = overrides;
  let vm = structuredClone(processed);
  vm.metadata = { ...vm.metadata, name, namespace };
  withTemplateLabels(vm, template, name);
  withRunStrategy(vm, overrides.startAfterCreation);
  const uploadDataVolume = withBootDisk(vm, template, overrides);
  if (overrides.windowsDrivers) withWindowsDrivers(vm);

  const prerequisites: K8sObject[] = [];
  let projectSshKey: string | undefined;
  if (sshKey.kind !== 'none') {
    vm = applyJSONPatch(vm, setSshKeyOps(vm, sshKey.secretName)) as VirtualMachine;
    if (sshKey.kind === 'new') {
      prerequisites.push(sshKeySecret(namespace, name, sshKey.secretName, sshKey.publicKey));
      if (sshKey.applyToProject) projectSshKey = sshKey.secretName;
    }
  }
  return {
    vm,
    prerequisites,
    ...(projectSshKey ? { projectSshKey } : {}),
    ...(uploadDataVolume ? { uploadDataVolume } : {}),
  };
};
