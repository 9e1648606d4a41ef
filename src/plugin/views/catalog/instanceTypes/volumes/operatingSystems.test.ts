import { describe, expect, it } from 'vitest';
import type { BootableVolume } from '../flow';
import { osesWithoutVolume, osLabel } from './operatingSystems';

const t = (key: string) => key;
const volume = (os: string, ready = true): BootableVolume => ({
  source: { kind: 'DataSource', namespace: 'ns', name: os },
  displayName: os,
  os,
  preference: `${os}.1`,
  ready,
});

describe('operating systems', () => {
  it('offers the common OSes that have no volume to pick', () => {
    expect(
      osesWithoutVolume([volume('rhel'), volume('fedora', false)]).map((os) => os.key),
    ).toEqual(['fedora', 'centos', 'windows']);
    expect(osesWithoutVolume([]).map((os) => os.key)).toEqual([
      'rhel',
      'fedora',
      'centos',
      'windows',
    ]);
  });

  it('labels a volume by its preference’s display name, else its OS, else its preference', () => {
    const names = new Map([['rhel.1', 'Red Hat Enterprise Linux 1']]);
    expect(osLabel(t, volume('rhel'), names)).toBe('Red Hat Enterprise Linux 1');
    expect(osLabel(t, volume('fedora'), names)).toBe('Fedora');
    expect(osLabel(t, volume('plan9'), names)).toBe('plan9.1');
  });
});
