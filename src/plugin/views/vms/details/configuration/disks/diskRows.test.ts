import { describe, expect, it } from 'vitest';
import type { VirtualMachine } from '../../../../../api/types';
import { bootDiskName, diskRows } from './diskRows';
import { claim, dataVolume, diskVm, diskVmi, VM_NAME } from './testFixtures';

describe('diskRows', () => {
  it('joins disks with volumes, claims, DataVolumes and templates', () => {
    const vm = diskVm();
    const rows = diskRows(
      vm,
      undefined,
      [claim(`${VM_NAME}-rootdisk`, '32Gi')],
      [dataVolume(`${VM_NAME}-iso`)],
    );
    expect(rows.map((r) => r.name)).toEqual(['rootdisk', 'cloudinitdisk', 'iso']);
    const [root, cloudInit, iso] = rows;
    expect(root).toMatchObject({
      drive: 'disk',
      bus: 'virtio',
      source: { kind: 'dataVolume', name: `${VM_NAME}-rootdisk` },
      claimName: `${VM_NAME}-rootdisk`,
      size: '32Gi',
      capacity: '32Gi',
      storageClass: 'standard',
      bootDisk: true,
      hotplug: 'none',
      pendingRestart: false,
    });
    expect(root?.dataVolumeTemplate?.metadata?.name).toBe(`${VM_NAME}-rootdisk`);
    expect(cloudInit).toMatchObject({
      source: { kind: 'cloudInit' },
      bootDisk: false,
      claimName: undefined,
    });
    // No claim yet: the template's request, the DataVolume's class.
    expect(iso).toMatchObject({
      drive: 'cdrom',
      bus: 'sata',
      size: '1Gi',
      storageClass: 'standard',
    });
  });

  it('falls back to the template request when neither claim nor DataVolume exists', () => {
    const rows = diskRows(diskVm(), undefined, [], []);
    expect(rows[0]?.size).toBe('30Gi');
    expect(rows[2]?.size).toBe('1Gi');
  });

  it('adds disks hot-plugged into the guest only, and marks VM disks the guest lacks', () => {
    const vm = diskVm({ running: true });
    const vmi = diskVmi(vm);
    // A disk added to the VM after the guest started.
    vm.spec?.template?.spec?.domain.devices.disks?.push({ name: 'data', disk: { bus: 'virtio' } });
    vm.spec?.template?.spec?.volumes?.push({
      name: 'data',
      persistentVolumeClaim: { claimName: 'data-pvc' },
    });
    const rows = diskRows(vm, vmi, [claim('scratch-pvc', '5Gi')], []);
    expect(rows.map((r) => [r.name, r.hotplug, r.pendingRestart])).toEqual([
      ['rootdisk', 'none', false],
      ['cloudinitdisk', 'none', false],
      ['iso', 'none', false],
      ['data', 'none', true],
      ['scratch', 'vmi-only', false],
    ]);
    expect(rows[4]).toMatchObject({
      bus: 'scsi',
      size: '5Gi',
      source: { kind: 'persistentVolumeClaim', name: 'scratch-pvc' },
    });
  });

  it('calls a hot-pluggable volume kept in the VM a persistent hot-plug', () => {
    const vm = diskVm({ running: true });
    vm.spec?.template?.spec?.domain.devices.disks?.push({ name: 'scratch', disk: { bus: 'scsi' } });
    vm.spec?.template?.spec?.volumes?.push({
      name: 'scratch',
      persistentVolumeClaim: { claimName: 'scratch-pvc', hotpluggable: true },
    });
    const rows = diskRows(vm, diskVmi(vm, 'hotplug'), [], []);
    expect(rows.filter((r) => r.name === 'scratch').map((r) => r.hotplug)).toEqual(['persistent']);
  });

  it('ignores guest volumes that are not hot-plugged', () => {
    const vm = diskVm({ running: true });
    const vmi = diskVmi(vm, 'hotplug');
    vmi.status = { phase: 'Running', volumeStatus: [] };
    expect(diskRows(vm, vmi, [], []).map((r) => r.name)).not.toContain('scratch');
  });
});

describe('bootDiskName', () => {
  const vmWith = (disks: object[], interfaces: object[] = []) =>
    ({
      spec: { template: { spec: { domain: { devices: { disks, interfaces } } } } },
    }) as VirtualMachine;

  it('is the disk with the lowest boot order', () => {
    expect(
      bootDiskName(
        vmWith([{ name: 'a', bootOrder: 3 }, { name: 'b', bootOrder: 1 }, { name: 'c' }]),
      ),
    ).toBe('b');
  });
  it('is the first disk when no device has a boot order', () => {
    expect(bootDiskName(vmWith([{ name: 'a' }, { name: 'b' }]))).toBe('a');
  });
  it('is none when only an interface has one', () => {
    expect(bootDiskName(vmWith([{ name: 'a' }], [{ name: 'nic', bootOrder: 1 }]))).toBeUndefined();
  });
});
