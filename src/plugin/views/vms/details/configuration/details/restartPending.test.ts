import { describe, expect, it } from 'vitest';
import { makeVm, makeVmi } from '../../testSupport';
import { isInstancetypePending, isRestartPending } from './restartPending';

describe('restart pending', () => {
  it('is nothing while the VM matches its instance, or has none', () => {
    const vm = makeVm();
    const vmi = makeVmi();
    for (const row of [
      'hostname',
      'cpuMemory',
      'bootMode',
      'bootOrder',
      'startPaused',
      'headless',
    ] as const)
      expect(isRestartPending(row, vm, vmi)).toBe(false);
    vm.spec!.template!.spec!.hostname = 'new';
    expect(isRestartPending('hostname', vm, undefined)).toBe(false);
  });

  it('names the rows whose change waits for a restart', () => {
    const vm = makeVm();
    const spec = vm.spec!.template!.spec!;
    spec.hostname = 'web';
    spec.domain.memory = { guest: '4Gi' };
    spec.domain.firmware = { bootloader: { efi: {} } };
    spec.domain.devices.disks = [{ name: 'rootdisk', bootOrder: 1 }];
    spec.startStrategy = 'Paused';
    spec.domain.devices.autoattachGraphicsDevice = false;
    const vmi = makeVmi();
    for (const row of [
      'hostname',
      'cpuMemory',
      'bootMode',
      'bootOrder',
      'startPaused',
      'headless',
    ] as const)
      expect(isRestartPending(row, vm, vmi)).toBe(true);
  });

  it('compares a memory size, not its spelling', () => {
    const vm = makeVm();
    vm.spec!.template!.spec!.domain.memory = { guest: '2048Mi' };
    expect(isRestartPending('cpuMemory', vm, makeVmi())).toBe(false);
  });

  it('compares the instance with the size of the instance type', () => {
    const vmi = makeVmi();
    expect(
      isInstancetypePending({ spec: { cpu: { guest: 2 }, memory: { guest: '2Gi' } } }, vmi),
    ).toBe(false);
    expect(
      isInstancetypePending({ spec: { cpu: { guest: 4 }, memory: { guest: '2Gi' } } }, vmi),
    ).toBe(true);
    expect(isInstancetypePending(undefined, vmi)).toBe(false);
  });
});
