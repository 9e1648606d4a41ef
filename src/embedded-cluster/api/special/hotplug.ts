import { volumeClaim, type VolumeEntry } from '../../controllers/guestDevices';
import { VMS } from '../../controllers/vmController';
import { VMIS } from '../../controllers/vmiController';
import type { VmRuntime } from '../../controllers/vmRuntime';
import type { ObjectStore } from '../../store/objectStore';
import type { KubeObject } from '../../types';
import { awaitClaimFile, claimFile } from '../../volumes';
import { ApiError, badRequest } from '../errors';

/** The body of `addvolume`, as KubeVirt's AddVolumeOptions. */
interface AddVolumeOptions {
  name?: string;
  disk?: { name?: string; disk?: { bus?: string }; serial?: string };
  volumeSource?: { persistentVolumeClaim?: { claimName?: string }; dataVolume?: { name?: string } };
}

type Template = {
  spec?: { domain?: { devices?: { disks?: { name: string }[] } }; volumes?: { name: string }[] };
};

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const CLAIMS = 'core/persistentvolumeclaims';
const STORAGE_CLASSES = 'storage.k8s.io/storageclasses';
const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** How long a hot-plug waits for a claim that storage is about to bind. */
const BIND_WAIT_MS = 15_000;

/**
 * Hot-plug as KubeVirt does it: `addvolume` on a VMI attaches a PVC's disk to the running guest
 * (a SCSI disk, through QMP) and lists it in `status.volumeStatus`; on a VM it also records the
 * disk in the template so it stays after a restart. `removevolume` undoes both.
 */
export class Hotplug {
  constructor(
    private readonly store: ObjectStore,
    private readonly runtime: VmRuntime,
  ) {}

  private claimOf(namespace: string, options: AddVolumeOptions) {
    const claimName =
      options.volumeSource?.persistentVolumeClaim?.claimName ??
      options.volumeSource?.dataVolume?.name;
    if (!options.name || !NAME.test(options.name))
      throw badRequest('AddVolumeOptions requires a name that is a DNS-1123 label');
    if (!claimName)
      throw badRequest(
        'AddVolumeOptions requires volumeSource.persistentVolumeClaim.claimName or volumeSource.dataVolume.name',
      );
    const claim = this.store.get(CLAIMS, namespace, claimName);
    if (!claim)
      throw new ApiError(404, 'NotFound', `persistentvolumeclaims "${claimName}" not found`, {
        name: claimName,
        kind: 'persistentvolumeclaims',
      });
    return { claimName };
  }

  /**
   * The file of the claim to attach. A claim storage is about to bind is waited for; one of a
   * WaitForFirstConsumer class is bound on the VMI's node, the hot-plug being its consumer.
   * A claim that stays unbound is refused.
   */
  private async boundFile(namespace: string, claimName: string, vmi: KubeObject) {
    const ready = claimFile(this.store, namespace, claimName);
    if (ready) return ready;
    const claim = this.store.get(CLAIMS, namespace, claimName);
    const className = (claim?.spec as { storageClassName?: string } | undefined)?.storageClassName;
    const sc = className ? this.store.get(STORAGE_CLASSES, undefined, className) : undefined;
    const node = (vmi.status as { nodeName?: string } | undefined)?.nodeName;
    if (
      claim &&
      sc?.volumeBindingMode === 'WaitForFirstConsumer' &&
      node &&
      !claim.metadata.annotations?.[SELECTED_NODE]
    ) {
      await this.store.put(CLAIMS, {
        ...claim,
        metadata: {
          ...claim.metadata,
          annotations: { ...claim.metadata.annotations, [SELECTED_NODE]: node },
        },
      });
    }
    // No class of that name: nothing will bind it, so there is nothing to wait for.
    const bindable = claim && !claim.metadata.deletionTimestamp && (!className || sc);
    const file = bindable
      ? await awaitClaimFile(this.store, namespace, claimName, BIND_WAIT_MS)
      : undefined;
    if (file) return file;
    const phase =
      (this.store.get(CLAIMS, namespace, claimName)?.status as { phase?: string } | undefined)
        ?.phase ?? 'Pending';
    throw new ApiError(
      409,
      'Conflict',
      `Unable to add volume because PersistentVolumeClaim "${claimName}" is not bound (phase ${phase}): a volume can be hot-plugged once storage has bound its claim`,
    );
  }

  private volumeEntries(options: AddVolumeOptions, claimName: string) {
    const name = options.name ?? '';
    const source = options.volumeSource?.dataVolume
      ? { dataVolume: { name: claimName, hotpluggable: true } }
      : { persistentVolumeClaim: { claimName, hotpluggable: true } };
    return {
      disk: {
        name,
        disk: { bus: 'scsi' },
        ...(options.disk?.serial ? { serial: options.disk.serial } : {}),
      },
      volume: { name, ...source },
    };
  }

  async addToVmi(namespace: string, name: string, options: AddVolumeOptions) {
    const found = (vmi = this.store.get(VMIS, namespace, name)) => {
      if (!vmi)
        throw new ApiError(
          404,
          'NotFound',
          `virtualmachineinstance.kubevirt.io "${name}" not found`,
        );
      if ((vmi.spec as Template['spec'])?.volumes?.some((v) => v.name === options.name))
        throw new ApiError(
          409,
          'Conflict',
          `Unable to add volume [${options.name}] because volume with that name already exists`,
        );
      return vmi;
    };
    const { claimName } = this.claimOf(namespace, options);
    const { disk, volume } = this.volumeEntries(options, claimName);
    const file = await this.boundFile(namespace, claimName, found());
    found();
    const key = `${namespace}/${name}`;
    if (this.runtime.hotplugDisk && this.runtime.running(key)) {
      await this.runtime.hotplugDisk(key, {
        name: disk.name,
        path: file,
        serial: options.disk?.serial ?? claimName.slice(0, 20),
      });
    }
    // Written from the VMI as it is now: binding and attaching took a while.
    const vmi = found();
    const spec = structuredClone((vmi.spec ?? {}) as Template['spec'] & object);
    spec.domain = {
      ...(spec.domain ?? {}),
      devices: {
        ...(spec.domain?.devices ?? {}),
        disks: [...(spec.domain?.devices?.disks ?? []), disk],
      },
    };
    spec.volumes = [...(spec.volumes ?? []), volume];
    const status = (vmi.status ?? {}) as { volumeStatus?: object[] };
    const volumeStatus = [
      ...(status.volumeStatus ?? []),
      {
        name: disk.name,
        target: '',
        phase: 'Ready',
        reason: 'VolumeReady',
        message: 'Successfully attach hotplugged volume',
        hotplugVolume: { attachPodName: `hp-volume-${name}` },
        persistentVolumeClaimInfo: { claimName },
      },
    ];
    await this.store.put(VMIS, { ...vmi, spec, status: { ...status, volumeStatus } });
  }

  async removeFromVmi(namespace: string, name: string, volumeName: string | undefined) {
    const vmi = this.store.get(VMIS, namespace, name);
    if (!vmi)
      throw new ApiError(404, 'NotFound', `virtualmachineinstance.kubevirt.io "${name}" not found`);
    if (!volumeName) throw badRequest('RemoveVolumeOptions requires a name');
    const spec = structuredClone((vmi.spec ?? {}) as Template['spec'] & object);
    const status = (vmi.status ?? {}) as {
      volumeStatus?: { name: string; hotplugVolume?: object }[];
    };
    if (!status.volumeStatus?.some((v) => v.name === volumeName && v.hotplugVolume))
      throw badRequest(
        `Unable to remove volume [${volumeName}] because it is not a hotplugged volume`,
      );
    const key = `${namespace}/${name}`;
    if (this.runtime.unplugDisk && this.runtime.running(key))
      await this.runtime.unplugDisk(key, volumeName);
    spec.volumes = (spec.volumes ?? []).filter((v) => v.name !== volumeName);
    if (spec.domain?.devices?.disks)
      spec.domain.devices.disks = spec.domain.devices.disks.filter((d) => d.name !== volumeName);
    await this.store.put(VMIS, {
      ...vmi,
      spec,
      status: {
        ...status,
        volumeStatus: (status.volumeStatus ?? []).filter((v) => v.name !== volumeName),
      },
    });
  }

  /**
   * On a VM: kept in the template, and attached at once when it runs. A volume the running VMI
   * already has as a hot-plug from the same claim is only recorded in the template: that makes
   * a hot-plugged disk persistent. The same name from another source is a conflict.
   */
  async addToVm(vm: KubeObject, options: AddVolumeOptions) {
    const namespace = vm.metadata.namespace ?? '';
    const { claimName } = this.claimOf(namespace, options);
    const { disk, volume } = this.volumeEntries(options, claimName);
    const spec = structuredClone((vm.spec ?? {}) as { template?: Template });
    const template = spec.template ?? {};
    const tspec = template.spec ?? {};
    const exists = () =>
      new ApiError(
        409,
        'Conflict',
        `Unable to add volume [${options.name}] because volume with that name already exists`,
      );
    if (tspec.volumes?.some((v) => v.name === options.name)) throw exists();
    const vmi = this.store.get(VMIS, namespace, vm.metadata.name ?? '');
    const attached = ((vmi?.spec as Template['spec'])?.volumes ?? []).find(
      (v) => v.name === options.name,
    );
    if (attached) {
      const hotplugged = (
        (vmi?.status as { volumeStatus?: { name: string; hotplugVolume?: object }[] } | undefined)
          ?.volumeStatus ?? []
      ).some((v) => v.name === options.name && v.hotplugVolume);
      if (!hotplugged || volumeClaim(attached as VolumeEntry) !== claimName) throw exists();
    } else if (vmi) await this.addToVmi(namespace, vm.metadata.name ?? '', options);
    tspec.domain = {
      ...(tspec.domain ?? {}),
      devices: {
        ...(tspec.domain?.devices ?? {}),
        disks: [...(tspec.domain?.devices?.disks ?? []), disk],
      },
    };
    tspec.volumes = [...(tspec.volumes ?? []), volume];
    spec.template = { ...template, spec: tspec };
    await this.saveVmTemplate(vm, spec);
  }

  async removeFromVm(vm: KubeObject, volumeName: string | undefined) {
    const namespace = vm.metadata.namespace ?? '';
    if (!volumeName) throw badRequest('RemoveVolumeOptions requires a name');
    const spec = structuredClone((vm.spec ?? {}) as { template?: Template });
    const tspec = spec.template?.spec ?? {};
    const vmi = this.store.get(VMIS, namespace, vm.metadata.name ?? '');
    const inVmi = ((vmi?.spec as Template['spec'])?.volumes ?? []).some(
      (v) => v.name === volumeName,
    );
    if (!inVmi && !tspec.volumes?.some((v) => v.name === volumeName))
      throw badRequest(`Unable to remove volume [${volumeName}] because it does not exist`);
    if (inVmi) await this.removeFromVmi(namespace, vm.metadata.name ?? '', volumeName);
    tspec.volumes = (tspec.volumes ?? []).filter((v) => v.name !== volumeName);
    if (tspec.domain?.devices?.disks)
      tspec.domain.devices.disks = tspec.domain.devices.disks.filter((d) => d.name !== volumeName);
    await this.saveVmTemplate(vm, spec);
  }

  /**
   * The VMI already has the change. Hot-pluggable volumes are not part of the template hash
   * (see `restartRelevantTemplate`), so no restart is asked for, and one already pending stays.
   */
  private async saveVmTemplate(vm: KubeObject, spec: object) {
    const current = this.store.get(VMS, vm.metadata.namespace, vm.metadata.name ?? '') ?? vm;
    await this.store.put(VMS, {
      ...current,
      metadata: { ...current.metadata, generation: (current.metadata.generation ?? 1) + 1 },
      spec,
    });
  }
}
