import type { BootableVolume } from '../flow';

/** Product names of the OS keys volumes carry; they are not translated. */
const OS_NAMES: Record<string, string> = {
  rhel: 'Red Hat Enterprise Linux',
  fedora: 'Fedora',
  centos: 'CentOS Stream',
  windows: 'Microsoft Windows',
  ubuntu: 'Ubuntu',
  debian: 'Debian',
  opensuse: 'openSUSE',
};

/** Windows gets sysprep answer files instead of an SSH key (seed §4.1 step 3). */
export const isWindowsVolume = (volume?: BootableVolume): boolean =>
  volume?.os === 'windows' || !!volume?.preference?.startsWith('windows');

/**
 * The OS to show: the preference's display name when it is known, else the OS key's product
 * name, else the volume's name.
 */
export const operatingSystemName = (
  volume: BootableVolume | undefined,
  preferenceDisplayName?: string,
): string | undefined =>
  preferenceDisplayName ||
  (volume?.os ? (OS_NAMES[volume.os] ?? volume.os) : undefined) ||
  volume?.displayName;
