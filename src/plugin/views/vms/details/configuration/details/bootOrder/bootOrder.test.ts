import { describe, expect, it } from 'vitest';
import type { VirtualMachine } from '../../../../../../api/types';
import { makeVm } from '../../../testSupport';
import { bootDevices, bootOrderKey, bootOrderOf, bootOrderOps, moveItem } from './bootOrder';

const vmWith = (disks: object[], interfaces: object[]): VirtualMachine => {
  const vm = makeVm();
  const devices = vm.spec!.template!.spec!.domain.devices as Record<string, unknown>;
  devices.disks = disks;
  devices.interfaces = interfaces;
  return vm;
};

describe('boot devices', () => {
  const vm = vmWith(
    [
      { name: 'rootdisk', disk: { bus: 'virtio' }, bootOrder: 2 },
      { name: 'install', cdrom: { bus: 'sata' } },
      { name: 'data', disk: {} },
    ],
    [{ name: 'default', masquerade: {}, bootOrder: 1 }],
  );

  it('lists disks then interfaces with their type', () => {
    expect(bootDevices(vm).map((d) => [d.kind, d.name, d.type])).toEqual([
      ['disk', 'rootdisk', 'disk'],
      ['disk', 'install', 'cdrom'],
      ['disk', 'data', 'disk'],
      ['interface', 'default', 'nic'],
    ]);
  });

  it('orders the devices that have a boot order, across disks and interfaces', () => {
    expect(bootOrderOf(vm).map((d) => d.name)).toEqual(['default', 'rootdisk']);
    expect(bootOrderKey(vm.spec!.template!.spec!.domain.devices)).toBe(
      'interface/default,disk/rootdisk',
    );
  });
});

describe('bootOrderOps', () => {
  it('numbers the chosen devices 1..n and clears the others, replacing both arrays', () => {
    const vm = vmWith(
      [
        { name: 'rootdisk', disk: { bus: 'virtio' }, bootOrder: 2 },
        { name: 'install', cdrom: { bus: 'sata' } },
      ],
      [{ name: 'default', masquerade: {}, bootOrder: 1 }],
    );
    const ops = bootOrderOps(vm, [
      { kind: 'disk', name: 'install' },
      { kind: 'disk', name: 'rootdisk' },
    ]);
    expect(ops).toEqual([
      {
        op: 'test',
        path: '/spec/template/spec/domain/devices/disks',
        value: [
          { name: 'rootdisk', disk: { bus: 'virtio' }, bootOrder: 2 },
          { name: 'install', cdrom: { bus: 'sata' } },
        ],
      },
      {
        op: 'replace',
        path: '/spec/template/spec/domain/devices/disks',
        value: [
          { name: 'rootdisk', disk: { bus: 'virtio' }, bootOrder: 2 },
          { name: 'install', cdrom: { bus: 'sata' }, bootOrder: 1 },
        ],
      },
      {
        op: 'test',
        path: '/spec/template/spec/domain/devices/interfaces',
        value: [{ name: 'default', masquerade: {}, bootOrder: 1 }],
      },
      {
        op: 'replace',
        path: '/spec/template/spec/domain/devices/interfaces',
        value: [{ name: 'default', masquerade: {} }],
      },
    ]);
  });

  it('tells a disk from an interface of the same name', () => {
    const vm = vmWith([{ name: 'default', disk: {} }], [{ name: 'default', masquerade: {} }]);
    const ops = bootOrderOps(vm, [{ kind: 'interface', name: 'default' }]);
    expect(ops).toEqual([
      {
        op: 'test',
        path: '/spec/template/spec/domain/devices/interfaces',
        value: [{ name: 'default', masquerade: {} }],
      },
      {
        op: 'replace',
        path: '/spec/template/spec/domain/devices/interfaces',
        value: [{ name: 'default', masquerade: {}, bootOrder: 1 }],
      },
    ]);
  });

  it('sends nothing when the order is unchanged', () => {
    const vm = vmWith([{ name: 'rootdisk', bootOrder: 1, disk: {} }], [{ name: 'default' }]);
    expect(bootOrderOps(vm, [{ kind: 'disk', name: 'rootdisk' }])).toEqual([]);
  });
});

describe('moveItem', () => {
  it('moves an item and ignores moves out of range', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b'], 0, 5)).toEqual(['a', 'b']);
  });
});
