import type { Translate } from '../../../vms/actions/vmActionModel';
import type { BootableVolume } from '../flow';

/** The OSes offered with a logo when no volume of theirs can be picked (seed 4.1 step 1). */
export type CommonOs = 'rhel' | 'fedora' | 'centos' | 'windows';

export interface CommonOsEntry {
  key: CommonOs;
  /** The preference Add volume starts with for this OS, when the cluster has it. */
  preference: string;
}

export const COMMON_OSES: readonly CommonOsEntry[] = [
  { key: 'rhel', preference: 'rhel.9' },
  { key: 'fedora', preference: 'fedora' },
  { key: 'centos', preference: 'centos.stream9' },
  { key: 'windows', preference: 'windows.2k22' },
];

/** An OS key's name for people; undefined for keys this table does not know. */
export const osName = (t: Translate, os?: string): string | undefined => {
  switch (os) {
    case 'rhel':
      return t('Red Hat Enterprise Linux');
    case 'fedora':
      return t('Fedora');
    case 'centos':
      return t('CentOS Stream');
    case 'windows':
      return t('Windows');
    case 'ubuntu':
      return t('Ubuntu');
    case 'debian':
      return t('Debian');
    case 'opensuse':
      return t('openSUSE');
    case 'sles':
      return t('SUSE Linux Enterprise Server');
    case 'oraclelinux':
      return t('Oracle Linux');
    case 'alpine':
      return t('Alpine Linux');
    case 'cirros':
      return t('CirrOS');
    case 'linux':
      return t('Linux');
    default:
      return undefined;
  }
};

/**
 * What the Operating system column shows: the preference's display name when the cluster has
 * it (`Red Hat Enterprise Linux 9`), else the OS's name, else the preference itself.
 */
export const osLabel = (
  t: Translate,
  volume: BootableVolume,
  preferenceNames: ReadonlyMap<string, string>,
): string =>
  (volume.preference && preferenceNames.get(volume.preference)) ||
  osName(t, volume.os) ||
  volume.preference ||
  '';

/** The common OSes without a volume that can be picked now. */
export const osesWithoutVolume = (volumes: readonly BootableVolume[]): CommonOsEntry[] =>
  COMMON_OSES.filter((os) => !volumes.some((v) => v.ready && v.os === os.key));
