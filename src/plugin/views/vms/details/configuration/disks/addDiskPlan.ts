// What submitting Add disk does, as data: the DataVolume to create (and fill by upload), the
// patch of a stopped VM or draft, or the hot-plug of a running one.
import type { AddVolumeOptions } from '../../../../../api/k8s';
import type { DataVolume, JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import { addDiskOps, diskTarget } from './diskOps';
import { createsDataVolume, isHotplug, type DiskFormContext, type DiskFormState } from './diskForm';
import type { DataVolumeSpec, Disk, Volume } from './diskTypes';
import { dataVolumeNameFor, registryUrl, sizeQuantity, imageReference } from './diskValidation';

/** The DataVolume `source` of each DataVolume-creating source. */
export const dataVolumeSource = (
  form: DiskFormState,
  namespace: string,
): NonNullable<DataVolumeSpec['source']> => {
  switch (form.source) {
    case 'url':
      return { http: { url: form.url.trim() } };
    case 'registry':
      return { registry: { url: registryUrl(form.image) } };
    case 'clone':
      return { pvc: { namespace: form.cloneNamespace, name: form.clonePvcName } };
    case 'snapshot':
      return { snapshot: { namespace, name: form.snapshotName } };
    case 'upload':
      return { upload: {} };
    default:
      return { blank: {} };
  }
};

/**
 * A DataVolume's spec: `spec.storage` (CDI adds the filesystem overhead); with the optimized
 * StorageProfile settings it names no modes and CDI takes them from the class's profile,
 * otherwise the chosen volume and access mode.
 */
type StorageSpec = NonNullable<DataVolumeSpec['storage']>;

export const dataVolumeSpec = (form: DiskFormState, namespace: string): DataVolumeSpec => {
  const storage = {
    ...(form.storageClass ? { storageClassName: form.storageClass } : {}),
    ...(form.optimized ? {} : { volumeMode: form.volumeMode, accessModes: [form.accessMode] }),
    resources: { requests: { storage: sizeQuantity(form.size, form.unit) } },
  };
  return {
    source: dataVolumeSource(form, namespace),
    // The generated types spell modes as enums; the API takes these very strings.
    storage: storage as StorageSpec,
    ...(form.preallocation ? { preallocation: true } : {}),
  };
};

/** The disk as the VM lists it. */
export const newDisk = (form: DiskFormState, hotplug: boolean): Disk => {
  const lun = form.drive === 'lun';
  return {
    name: form.name,
    ...diskTarget(form.drive, hotplug ? 'scsi' : form.bus, {
      reservation: lun && form.reservation,
    }),
    ...(lun && form.shareable ? { shareable: true } : {}),
  };
};

/** The VM-owned DataVolume created for a running VM (garbage collected with the VM). */
export const ownedDataVolume = (
  vm: VirtualMachine,
  name: string,
  spec: DataVolumeSpec,
): DataVolume => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: {
    name,
    namespace: vm.metadata?.namespace,
    ownerReferences: vm.metadata?.uid
      ? [
          {
            apiVersion: vm.apiVersion ?? 'kubevirt.io/v1',
            kind: 'VirtualMachine',
            name: vm.metadata.name ?? '',
            uid: vm.metadata.uid,
            // No blockOwnerDeletion: it needs the right to set finalizers on the VM, which
            // owners of VMs often lack.
          },
        ]
      : undefined,
  },
  // The CDI and KubeVirt packages type the same spec separately.
  spec: spec as DataVolume['spec'],
});

export interface AddDiskPlan {
  /** Create this DataVolume first. */
  dataVolume?: DataVolume;
  /** Then send the chosen file into it. */
  upload?: boolean;
  /** Then wait until this claim (DataVolume) is ready to attach. */
  waitFor?: string;
  /** Finally patch the VM (stopped VM, draft, container disk) … */
  patch?: JsonPatchOp[];
  /** … or hot-plug into the running guest. */
  hotplug?: { body: AddVolumeOptions; persist: boolean };
  /** The change waits for a restart of the running VM. */
  restartBound: boolean;
}

/**
 * The steps of Add disk. A stopped VM or a draft gets one patch: disk, volume and, for a
 * DataVolume source, a `dataVolumeTemplates` entry `<vm>-<disk>`. An upload needs the
 * DataVolume before the VM does, so it is created (owned by the VM) and filled first. A running
 * VM gets the DataVolume created, awaited, then hot-plugged on the SCSI bus.
 */
export const planAddDisk = (
  vm: VirtualMachine,
  form: DiskFormState,
  ctx: DiskFormContext,
): AddDiskPlan => {
  const namespace = vm.metadata?.namespace ?? '';
  const hotplug = isHotplug(form.source, ctx);
  const dvName = dataVolumeNameFor(ctx.vmName, form.name);
  const spec = createsDataVolume(form.source) ? dataVolumeSpec(form, namespace) : undefined;
  const upload = form.source === 'upload';
  if (hotplug) {
    const claim = spec ? dvName : form.pvcName;
    return {
      dataVolume: spec ? ownedDataVolume(vm, dvName, spec) : undefined,
      upload,
      waitFor: spec ? dvName : undefined,
      hotplug: {
        body: {
          name: form.name,
          disk: { name: form.name, disk: { bus: 'scsi' } },
          volumeSource: spec
            ? { dataVolume: { name: claim, hotpluggable: true } }
            : { persistentVolumeClaim: { claimName: claim, hotpluggable: true } },
        },
        persist: form.persist,
      },
      restartBound: false,
    };
  }
  const volume: Volume =
    form.source === 'containerDisk'
      ? { name: form.name, containerDisk: { image: imageReference(form.image) } }
      : form.source === 'pvc'
        ? { name: form.name, persistentVolumeClaim: { claimName: form.pvcName } }
        : { name: form.name, dataVolume: { name: dvName } };
  const disk = newDisk(form, false);
  if (upload && spec)
    return {
      dataVolume: ownedDataVolume(vm, dvName, spec),
      upload: true,
      patch: addDiskOps(vm, disk, volume),
      restartBound: ctx.running,
    };
  return {
    patch: addDiskOps(vm, disk, volume, spec ? { metadata: { name: dvName }, spec } : undefined),
    restartBound: ctx.running,
  };
};
