import { describe, expect, it } from 'vitest';
import type { Translate } from '../../../vms/actions/vmActionModel';
import type { BootableVolume, VmDetails } from '../flow';
import { diskSizeFields, diskSizeQuantity } from './diskSize';
import { validateDetails } from './validateDetails';

const t: Translate = (key, options) =>
  key.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options?.[name]));

const volume: BootableVolume = {
  source: { kind: 'DataSource', namespace: 'openshift-virtualization-os-images', name: 'fedora' },
  displayName: 'Fedora',
  size: '30Gi',
  ready: true,
};

const details = (change: Partial<VmDetails> = {}): VmDetails => ({
  name: 'fedora-amber-otter',
  namespace: 'demo',
  storageClass: '',
  diskSize: '',
  sshKey: { kind: 'none' },
  dynamicKeyInjection: false,
  sysprep: { kind: 'none' },
  startAfterCreation: true,
  ...change,
});

describe('validateDetails', () => {
  it('accepts the defaults', () => {
    expect(validateDetails(details(), { volume }, t)).toEqual({});
  });

  it('checks the name as a DNS-1123 label of at most 63 characters, new in the project', () => {
    expect(validateDetails(details({ name: '' }), { volume }, t).name).toBe('Enter a name.');
    expect(validateDetails(details({ name: 'Fedora_VM' }), { volume }, t).name).toBe(
      'Use lowercase letters, digits and "-" only, starting and ending with a letter or digit.',
    );
    expect(validateDetails(details({ name: 'a'.repeat(64) }), { volume }, t).name).toBe(
      'A name must be at most 63 characters.',
    );
    expect(
      validateDetails(details(), { volume, existingVmNames: ['fedora-amber-otter'] }, t).name,
    ).toBe('A VirtualMachine named fedora-amber-otter already exists in demo.');
  });

  it('needs a project', () => {
    expect(validateDetails(details({ namespace: '' }), { volume }, t)).toEqual({
      namespace: 'Select a project.',
    });
  });

  it("needs a disk size that parses and is not smaller than the volume's", () => {
    const sizeError = (diskSize: string) =>
      validateDetails(details({ diskSize }), { volume }, t).diskSize;
    expect(sizeError('40Gi')).toBeUndefined();
    expect(sizeError('30720Mi')).toBeUndefined();
    expect(sizeError('Gi')).toBe('Enter a disk size.');
    expect(sizeError('abcGi')).toBe('Enter the disk size as a number above 0, such as 30.');
    expect(sizeError('0Gi')).toBe('Enter the disk size as a number above 0, such as 30.');
    expect(sizeError('20Gi')).toBe(
      'The disk size must be at least 30 GiB, the size of the volume.',
    );
    expect(
      validateDetails(details({ diskSize: '1Gi' }), { volume: { ...volume, size: undefined } }, t),
    ).toEqual({});
  });

  it('needs a storage class that exists, when the classes are known', () => {
    expect(
      validateDetails(details({ storageClass: 'gone' }), { volume, storageClasses: ['local'] }, t)
        .storageClass,
    ).toBe('There is no storage class named gone.');
    expect(validateDetails(details({ storageClass: 'gone' }), { volume }, t)).toEqual({});
  });
});

describe('diskSize', () => {
  it('splits what was typed, and other quantities into GiB or MiB', () => {
    expect(diskSizeFields('30Gi')).toEqual({ value: '30', unit: 'GiB' });
    expect(diskSizeFields('abcMi')).toEqual({ value: 'abc', unit: 'MiB' });
    expect(diskSizeFields('Gi')).toEqual({ value: '', unit: 'GiB' });
    expect(diskSizeFields('10G')).toEqual({ value: '9537', unit: 'MiB' });
    expect(diskSizeFields(String(2 * 2 ** 30))).toEqual({ value: '2', unit: 'GiB' });
    expect(diskSizeFields(undefined)).toEqual({ value: '', unit: 'GiB' });
    expect(diskSizeQuantity('40', 'GiB')).toBe('40Gi');
  });
});
