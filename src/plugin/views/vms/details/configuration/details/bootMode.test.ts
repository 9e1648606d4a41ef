import { describe, expect, it } from 'vitest';
import { makeVm } from '../../testSupport';
import { bootModeOf, bootModeOfBootloader, bootModeOps } from './bootMode';

describe('boot mode', () => {
  it('reads the bootloader; EFI without secureBoot:false is secure, as KubeVirt defaults', () => {
    expect(bootModeOfBootloader(undefined)).toBe('bios');
    expect(bootModeOfBootloader({ bios: {} })).toBe('bios');
    expect(bootModeOfBootloader({ efi: { secureBoot: false } })).toBe('uefi');
    expect(bootModeOfBootloader({ efi: {} })).toBe('uefi-secure');
    expect(bootModeOf(makeVm())).toBe('bios');
  });

  it('turns SMM on with Secure Boot', () => {
    expect(bootModeOps(makeVm(), 'uefi-secure')).toEqual([
      {
        op: 'add',
        path: '/spec/template/spec/domain/firmware',
        value: { bootloader: { efi: { secureBoot: true } } },
      },
      { op: 'add', path: '/spec/template/spec/domain/features', value: { smm: { enabled: true } } },
    ]);
  });

  it('replaces the bootloader, keeping persistent EFI', () => {
    const vm = makeVm();
    vm.spec!.template!.spec!.domain.firmware = {
      uuid: 'u',
      bootloader: { efi: { secureBoot: true, persistent: true } },
    };
    expect(bootModeOps(vm, 'uefi')).toEqual([
      {
        op: 'test',
        path: '/spec/template/spec/domain/firmware/bootloader',
        value: { efi: { secureBoot: true, persistent: true } },
      },
      {
        op: 'replace',
        path: '/spec/template/spec/domain/firmware/bootloader',
        value: { efi: { secureBoot: false, persistent: true } },
      },
    ]);
    expect(bootModeOps(vm, 'bios')[1]).toEqual({
      op: 'replace',
      path: '/spec/template/spec/domain/firmware/bootloader',
      value: { bios: {} },
    });
  });
});
