import type { TFunction } from 'i18next';
import type { JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import { DOMAIN, setAt, valueAt } from '../editor/vmPatch';

export type BootMode = 'bios' | 'uefi' | 'uefi-secure';

interface Bootloader {
  bios?: object;
  efi?: { secureBoot?: boolean; persistent?: boolean };
}

export const BOOT_MODES: {
  id: BootMode;
  label: (t: TFunction) => string;
  description: (t: TFunction) => string;
}[] = [
  {
    id: 'bios',
    label: (t) => t('BIOS'),
    description: (t) => t('Legacy BIOS firmware (SeaBIOS).'),
  },
  {
    id: 'uefi',
    label: (t) => t('UEFI'),
    description: (t) => t('UEFI firmware without Secure Boot.'),
  },
  {
    id: 'uefi-secure',
    label: (t) => t('UEFI (secure)'),
    description: (t) =>
      t('UEFI firmware with Secure Boot; System Management Mode (SMM) is turned on with it.'),
  },
];

export const bootModeLabel = (mode: BootMode, t: TFunction): string =>
  BOOT_MODES.find((entry) => entry.id === mode)?.label(t) ?? mode;

const BOOTLOADER = [...DOMAIN, 'firmware', 'bootloader'] as const;

/** The firmware a bootloader asks for; none is BIOS. KubeVirt's `secureBoot` defaults to true. */
export const bootModeOfBootloader = (bootloader?: Bootloader): BootMode => {
  if (!bootloader?.efi) return 'bios';
  return bootloader.efi.secureBoot === false ? 'uefi' : 'uefi-secure';
};

export const bootModeOf = (vm: VirtualMachine): BootMode =>
  bootModeOfBootloader(valueAt(vm, BOOTLOADER) as Bootloader | undefined);

/**
 * The ops that switch the VM to `mode`. Other EFI settings (`persistent`) are kept; Secure Boot
 * also turns on SMM, which it needs.
 */
export const bootModeOps = (vm: VirtualMachine, mode: BootMode): JsonPatchOp[] => {
  const efi = (valueAt(vm, BOOTLOADER) as Bootloader | undefined)?.efi ?? {};
  if (mode === 'bios') return setAt(vm, BOOTLOADER, { bios: {} });
  if (mode === 'uefi') return setAt(vm, BOOTLOADER, { efi: { ...efi, secureBoot: false } });
  return [
    ...setAt(vm, BOOTLOADER, { efi: { ...efi, secureBoot: true } }),
    ...setAt(vm, [...DOMAIN, 'features', 'smm', 'enabled'], true),
  ];
};
