// The boot order: one sequence across disks and network interfaces (`bootOrder` 1..n).
import type { TFunction } from 'i18next';
import type { JsonPatchOp, VirtualMachine } from '../../../../../../api/types';
import { DEVICES, setAt } from '../../editor/vmPatch';

/** A device that can boot: a disk or an interface, by name (the two may share a name). */
export interface BootDeviceRef {
  kind: 'disk' | 'interface';
  name: string;
}

export type BootDeviceType = 'disk' | 'cdrom' | 'lun' | 'nic';

export interface BootDevice extends BootDeviceRef {
  type: BootDeviceType;
  bootOrder?: number;
}

interface Devices {
  disks?: { name: string; bootOrder?: number; cdrom?: object; lun?: object }[];
  interfaces?: { name: string; bootOrder?: number }[];
}

export const deviceId = (ref: BootDeviceRef): string => `${ref.kind}/${ref.name}`;

const devicesOf = (vm: VirtualMachine): Devices => vm.spec?.template?.spec?.domain?.devices ?? {};

/** Every disk, then every interface, as the VM lists them. */
export const bootDevices = (vm: VirtualMachine): BootDevice[] => {
  const { disks = [], interfaces = [] } = devicesOf(vm);
  return [
    ...disks.map((disk): BootDevice => ({
      kind: 'disk',
      name: disk.name,
      type: disk.cdrom ? 'cdrom' : disk.lun ? 'lun' : 'disk',
      bootOrder: disk.bootOrder,
    })),
    ...interfaces.map((nic): BootDevice => ({
      kind: 'interface',
      name: nic.name,
      type: 'nic',
      bootOrder: nic.bootOrder,
    })),
  ];
};

/** The devices that have a boot order, first to boot first (ties keep the VM's order). */
export const bootOrderOf = (vm: VirtualMachine): BootDevice[] =>
  bootDevices(vm)
    .filter((device) => device.bootOrder !== undefined)
    .sort((a, b) => (a.bootOrder ?? 0) - (b.bootOrder ?? 0));

/** `disk/rootdisk,interface/default`: the boot order of a VM or VMI spec's devices, to compare. */
export const bootOrderKey = (devices?: Devices): string =>
  [
    ...(devices?.disks ?? []).map((d) => ({ ...d, kind: 'disk' as const })),
    ...(devices?.interfaces ?? []).map((d) => ({ ...d, kind: 'interface' as const })),
  ]
    .filter((d) => d.bootOrder !== undefined)
    .sort((a, b) => (a.bootOrder ?? 0) - (b.bootOrder ?? 0))
    .map(deviceId)
    .join(',');

/**
 * The ops that give `ordered` the boot orders 1..n and take it from every other device. The
 * disks and interfaces arrays are replaced whole (tested first), each only when it changes.
 */
export const bootOrderOps = (vm: VirtualMachine, ordered: BootDeviceRef[]): JsonPatchOp[] => {
  const position = new Map(ordered.map((ref, index) => [deviceId(ref), index + 1]));
  const renumber = <T extends { name: string; bootOrder?: number }>(
    items: T[] | undefined,
    kind: BootDeviceRef['kind'],
  ): T[] | undefined =>
    items?.map((item) => {
      const order = position.get(deviceId({ kind, name: item.name }));
      if (order !== undefined) return { ...item, bootOrder: order };
      const { bootOrder: _old, ...rest } = item;
      return rest as T;
    });
  const { disks, interfaces } = devicesOf(vm);
  return [
    ...(disks ? setAt(vm, [...DEVICES, 'disks'], renumber(disks, 'disk')) : []),
    ...(interfaces ? setAt(vm, [...DEVICES, 'interfaces'], renumber(interfaces, 'interface')) : []),
  ];
};

export const bootTypeLabel = (type: BootDeviceType, t: TFunction): string =>
  ({
    disk: t('Disk'),
    cdrom: t('CD-ROM'),
    lun: t('LUN'),
    nic: t('NIC'),
  })[type];

/** The list with the item at `from` moved to `to`. */
export const moveItem = <T>(list: readonly T[], from: number, to: number): T[] => {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length)
    return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
};
