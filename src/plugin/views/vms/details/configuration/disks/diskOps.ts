// The JSON patches of the Disks sub-tab: whole arrays replaced with `setAt`, whose `test` ops
// make the server refuse a change made to the VM meanwhile.
import type { AddVolumeOptions } from '../../../../../api/k8s';
import type { JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import { DEVICES, setAt, setManyAt, TEMPLATE_SPEC, type Path } from '../editor/vmPatch';
import type { DataVolumeTemplate, Disk, Drive, Volume } from './diskTypes';

const DISKS_PATH: Path = [...DEVICES, 'disks'];
const VOLUMES_PATH: Path = [...TEMPLATE_SPEC, 'volumes'];
const TEMPLATES_PATH: Path = ['spec', 'dataVolumeTemplates'];

const disksOf = (vm: VirtualMachine): Disk[] =>
  vm.spec?.template?.spec?.domain?.devices?.disks ?? [];
const volumesOf = (vm: VirtualMachine): Volume[] => vm.spec?.template?.spec?.volumes ?? [];
const templatesOf = (vm: VirtualMachine): DataVolumeTemplate[] =>
  vm.spec?.dataVolumeTemplates ?? [];

/** Adds a disk, its volume and (for a DataVolume the VM creates) its `dataVolumeTemplates` entry. */
export const addDiskOps = (
  vm: VirtualMachine,
  disk: Disk,
  volume: Volume,
  template?: DataVolumeTemplate,
): JsonPatchOp[] =>
  setManyAt(vm, [
    [DISKS_PATH, [...disksOf(vm), disk]],
    [VOLUMES_PATH, [...volumesOf(vm), volume]],
    ...(template ? ([[TEMPLATES_PATH, [...templatesOf(vm), template]]] as [Path, unknown][]) : []),
  ]);

/** Without the template of `volume`'s DataVolume (KubeVirt refuses a template no volume uses). */
const templatesWithout = (vm: VirtualMachine, volume?: Volume): [Path, unknown][] => {
  const dvName = volume?.dataVolume?.name;
  const templates = templatesOf(vm);
  if (!dvName || !templates.some((tpl) => tpl.metadata?.name === dvName)) return [];
  return [[TEMPLATES_PATH, templates.filter((tpl) => tpl.metadata?.name !== dvName)]];
};

/** Removes a disk, its volume and its DataVolume template. */
export const removeDiskOps = (vm: VirtualMachine, name: string): JsonPatchOp[] => {
  const volume = volumesOf(vm).find((v) => v.name === name);
  return setManyAt(vm, [
    [DISKS_PATH, disksOf(vm).filter((d) => d.name !== name)],
    ...(volume
      ? ([[VOLUMES_PATH, volumesOf(vm).filter((v) => v.name !== name)]] as [Path, unknown][])
      : []),
    ...templatesWithout(vm, volume),
  ]);
};

/** The device part of a disk: `disk`, `cdrom` or `lun`, with its bus (and a LUN's reservation). */
export const diskTarget = (
  drive: Drive,
  bus: string,
  lun: { reservation?: boolean } = {},
): Pick<Disk, 'disk' | 'cdrom' | 'lun'> => {
  if (drive === 'cdrom') return { cdrom: { bus } };
  if (drive === 'lun') return { lun: { bus, ...(lun.reservation ? { reservation: true } : {}) } };
  return { disk: { bus } };
};

export interface DiskEdit {
  name: string;
  drive: Drive;
  bus: string;
}

/**
 * Renames a disk and its volume together and changes its type and interface; everything else the
 * disk has (boot order, serial, sharing, a LUN's reservation) is kept.
 */
export const editDiskOps = (vm: VirtualMachine, oldName: string, edit: DiskEdit): JsonPatchOp[] => {
  const disks = disksOf(vm);
  const volumes = volumesOf(vm);
  const old = disks.find((d) => d.name === oldName);
  if (!old) return [];
  const { disk: _disk, cdrom: _cdrom, lun: _lun, ...rest } = old;
  const previous = old.cdrom ?? old.lun ?? old.disk;
  const sameDrive =
    (edit.drive === 'cdrom' && old.cdrom) ||
    (edit.drive === 'lun' && old.lun) ||
    (edit.drive === 'disk' && !old.cdrom && !old.lun);
  const target = sameDrive
    ? { [edit.drive]: { ...previous, bus: edit.bus } }
    : diskTarget(edit.drive, edit.bus);
  const next: Disk = { ...rest, ...target, name: edit.name };
  const changes: [Path, unknown][] = [
    [DISKS_PATH, disks.map((d) => (d.name === oldName ? next : d))],
  ];
  if (edit.name !== oldName && volumes.some((v) => v.name === oldName))
    changes.push([
      VOLUMES_PATH,
      volumes.map((v) => (v.name === oldName ? { ...v, name: edit.name } : v)),
    ]);
  return setManyAt(vm, changes);
};

/** Ejects a CD-ROM's medium: its volume (and DataVolume template) go, the `cdrom` disk stays. */
export const ejectOps = (vm: VirtualMachine, name: string): JsonPatchOp[] => {
  const volume = volumesOf(vm).find((v) => v.name === name);
  if (!volume) return [];
  return setManyAt(vm, [
    [VOLUMES_PATH, volumesOf(vm).filter((v) => v.name !== name)],
    ...templatesWithout(vm, volume),
  ]);
};

/**
 * The `addvolume` body that attaches `volume` again, for a disk hot-plugged into the guest only:
 * sent to the VM with `persist`, it is written into the VM too.
 */
export const persistBody = (disk: Disk, volume: Volume): AddVolumeOptions => ({
  name: volume.name,
  disk: {
    name: disk.name,
    disk: { bus: disk.disk?.bus ?? 'scsi' },
    ...(disk.serial ? { serial: disk.serial } : {}),
  },
  volumeSource: volume.dataVolume
    ? { dataVolume: { name: volume.dataVolume.name, hotpluggable: true } }
    : {
        persistentVolumeClaim: {
          claimName: volume.persistentVolumeClaim?.claimName ?? '',
          hotpluggable: true,
        },
      },
});

/** Expand: the merge patch of a claim's requested size. */
export const expandClaimPatch = (quantity: string) => ({
  spec: { resources: { requests: { storage: quantity } } },
});

/** Where a DataVolume template asks for its size: `spec.storage`, or the older `spec.pvc`. */
const templateStorageKey = (template: DataVolumeTemplate): 'storage' | 'pvc' =>
  template.spec?.pvc && !template.spec.storage ? 'pvc' : 'storage';

/** The size a DataVolume template asks for; undefined when it takes its source's. */
export const templateSize = (template: DataVolumeTemplate): string | undefined =>
  (
    template.spec?.[templateStorageKey(template)]?.resources?.requests as
      Record<string, string> | undefined
  )?.storage;

/** A draft's Expand: the size its DataVolume template asks for (nothing exists to patch yet). */
export const templateSizeOps = (
  vm: VirtualMachine,
  dataVolumeName: string,
  quantity: string,
): JsonPatchOp[] => {
  const index = templatesOf(vm).findIndex((tpl) => tpl.metadata?.name === dataVolumeName);
  const template = templatesOf(vm)[index];
  if (!template) return [];
  return setAt(
    vm,
    [
      ...TEMPLATES_PATH,
      index,
      'spec',
      templateStorageKey(template),
      'resources',
      'requests',
      'storage',
    ],
    quantity,
  );
};
