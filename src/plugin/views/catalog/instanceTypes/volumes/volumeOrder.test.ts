import { describe, expect, it } from 'vitest';
import type { BootableVolume } from '../flow';
import { matchesSearch, orderVolumes, searchVolumes } from './volumeOrder';

const volume = (name: string, extra: Partial<BootableVolume> = {}): BootableVolume => ({
  source: { kind: 'DataSource', namespace: 'openshift-virtualization-os-images', name },
  displayName: name,
  ready: true,
  ...extra,
});

const rhel = volume('rhel9', { os: 'rhel', preference: 'rhel.9', size: '30Gi' });
const fedora = volume('fedora', { os: 'fedora', preference: 'fedora', size: '5Gi' });
const win = volume('win2k22', {
  displayName: 'Windows Server 2022',
  os: 'windows',
  preference: 'windows.2k22',
});
const centos = volume('centos-stream9', {
  os: 'centos',
  preference: 'centos.stream9',
  size: '10Gi',
});
const names = (volumes: BootableVolume[]) => volumes.map((v) => v.source.name);

describe('search', () => {
  it('finds by name, display name, OS, OS label and preference, every word, any case', () => {
    expect(matchesSearch(win, 'server 2022')).toBe(true);
    expect(matchesSearch(win, 'WIN2K22')).toBe(true);
    expect(matchesSearch(rhel, 'rhel.9')).toBe(true);
    expect(matchesSearch(rhel, 'enterprise', 'Red Hat Enterprise Linux 9')).toBe(true);
    expect(matchesSearch(rhel, 'fedora')).toBe(false);
    expect(matchesSearch(rhel, 'rhel windows')).toBe(false);
  });

  it('an empty search keeps everything', () => {
    expect(names(searchVolumes([rhel, fedora], '  '))).toEqual(['rhel9', 'fedora']);
  });

  it('uses the OS label the table shows', () => {
    const label = (v: BootableVolume) => (v.os === 'centos' ? 'CentOS Stream 9' : '');
    expect(names(searchVolumes([rhel, centos, fedora], 'stream', label))).toEqual([
      'centos-stream9',
    ]);
  });
});

describe('orderVolumes', () => {
  const all = [rhel, fedora, win, centos];
  const byName = (v: BootableVolume) => v.displayName;

  it('sorts by the value, both ways', () => {
    const none = () => false;
    expect(names(orderVolumes(all, { value: byName, direction: 'asc', isFavorite: none }))).toEqual(
      ['centos-stream9', 'fedora', 'rhel9', 'win2k22'],
    );
    expect(
      names(orderVolumes(all, { value: byName, direction: 'desc', isFavorite: none })),
    ).toEqual(['win2k22', 'rhel9', 'fedora', 'centos-stream9']);
  });

  it('puts favourites first, each group in the chosen order', () => {
    const favorites = new Set(['rhel9', 'centos-stream9']);
    expect(
      names(
        orderVolumes(all, {
          value: byName,
          direction: 'desc',
          isFavorite: (v) => favorites.has(v.source.name),
        }),
      ),
    ).toEqual(['rhel9', 'centos-stream9', 'win2k22', 'fedora']);
  });

  it('sorts numbers as numbers and unknown values last either way', () => {
    const bytes = (v: BootableVolume) =>
      ({ '30Gi': 30, '5Gi': 5, '10Gi': 10 })[v.size ?? ''] as number | undefined;
    const none = () => false;
    expect(names(orderVolumes(all, { value: bytes, direction: 'asc', isFavorite: none }))).toEqual([
      'fedora',
      'centos-stream9',
      'rhel9',
      'win2k22',
    ]);
    expect(names(orderVolumes(all, { value: bytes, direction: 'desc', isFavorite: none }))).toEqual(
      ['rhel9', 'centos-stream9', 'fedora', 'win2k22'],
    );
  });
});
