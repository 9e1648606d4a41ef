import { describe, expect, it } from 'vitest';
import type { Translate } from '../../../vms/actions/vmActionModel';
import { validateResourceName } from '../../../vms/actions/nameValidation';
import type { BootableVolume } from '../flow';
import { generateVmName, vmNameBase } from './generateVmName';

const t: Translate = (key) => key;

const volume = (change: Partial<BootableVolume>): BootableVolume => ({
  source: { kind: 'DataSource', namespace: 'openshift-virtualization-os-images', name: 'x' },
  displayName: 'x',
  ready: true,
  ...change,
});

describe('generateVmName', () => {
  it('is <os>-<adjective>-<animal>', () => {
    expect(generateVmName(volume({ preference: 'fedora' }), () => 0)).toBe('fedora-amber-badger');
    expect(generateVmName(volume({ preference: 'rhel.9' }), () => 1)).toBe('rhel-9-azure-beaver');
    expect(generateVmName(volume({ preference: 'fedora' }))).toMatch(/^fedora-[a-z]+-[a-z]+$/);
  });

  it('starts from the preference, else the OS, else the volume name, else vm', () => {
    expect(vmNameBase(volume({ preference: 'windows.2k22', os: 'windows' }))).toBe('windows-2k22');
    expect(vmNameBase(volume({ os: 'centos' }))).toBe('centos');
    expect(vmNameBase(volume({ displayName: 'My Golden Image!' }))).toBe('my-golden-image');
    expect(vmNameBase(volume({ displayName: '***' }))).toBe('vm');
    expect(vmNameBase(undefined)).toBe('vm');
  });

  it('always gives a valid name of at most 63 characters', () => {
    const long = volume({ displayName: `${'Very Long Name '.repeat(10)}-` });
    for (let i = 0; i < 50; i += 1) {
      const name = generateVmName(long);
      expect(name.length).toBeLessThanOrEqual(63);
      expect(validateResourceName(name, t)).toBeUndefined();
    }
    expect(generateVmName(undefined, () => 29)).toBe('vm-witty-zebra');
  });
});
