import { describe, expect, it } from 'vitest';
import type { StorageClass } from '../../../../../api/types';
import { allowsExpansion, defaultStorageClassName, profileClaimProperties } from './storageClasses';

const sc = (
  name: string,
  annotations: Record<string, string> = {},
  extra: Partial<StorageClass> = {},
): StorageClass => ({
  metadata: { name, annotations },
  provisioner: 'x',
  ...extra,
});

describe('storage classes', () => {
  it('prefers the virt default over the cluster default', () => {
    const classes = [
      sc('standard', { 'storageclass.kubernetes.io/is-default-class': 'true' }),
      sc('fast', { 'storageclass.kubevirt.io/is-default-virt-class': 'true' }),
    ];
    expect(defaultStorageClassName(classes)).toBe('fast');
    expect(defaultStorageClassName(classes.slice(0, 1))).toBe('standard');
    expect(defaultStorageClassName([sc('plain')])).toBeUndefined();
  });

  it('reads what the StorageProfile picks, its spec first', () => {
    expect(
      profileClaimProperties({
        status: { claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }] },
      }),
    ).toEqual({ accessModes: ['ReadWriteMany'], volumeMode: 'Block' });
    expect(
      profileClaimProperties({
        spec: { claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }] },
        status: { claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }] },
      }),
    ).toEqual({ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' });
    expect(profileClaimProperties({ status: {} })).toBeUndefined();
    expect(profileClaimProperties(undefined)).toBeUndefined();
  });

  it('lets a claim grow only where the class allows it', () => {
    expect(allowsExpansion(sc('a', {}, { allowVolumeExpansion: true }))).toBe(true);
    expect(allowsExpansion(sc('a'))).toBe(false);
  });
});
