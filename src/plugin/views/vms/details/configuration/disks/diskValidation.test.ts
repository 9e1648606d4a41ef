import { describe, expect, it } from 'vitest';
import {
  registryUrl,
  sizeFields,
  sizeQuantity,
  validateDataVolumeName,
  validateDiskName,
  validateExpandSize,
  validateImage,
  validateImageUrl,
  validateSize,
} from './diskValidation';
import { t } from './testFixtures';

describe('validateDiskName', () => {
  it.each(['data', 'disk-1', 'a.b-c', '0', 'x'.repeat(253)])('accepts %s', (name) => {
    expect(validateDiskName(name, [], t)).toBeUndefined();
  });
  it.each([
    ['', 'Enter a name.'],
    ['x'.repeat(254), 'A disk name must be at most 253 characters.'],
    ['Data', 'Use lowercase'],
    ['-data', 'Use lowercase'],
    ['data.', 'Use lowercase'],
    ['my disk', 'Use lowercase'],
    ['data_1', 'Use lowercase'],
  ])('refuses %j', (name, message) => {
    expect(validateDiskName(name, [], t)).toContain(message);
  });
  it('refuses a name the VM has', () => {
    expect(validateDiskName('rootdisk', ['rootdisk'], t)).toBe(
      'The VirtualMachine already has a disk named rootdisk.',
    );
  });
  it('checks that <vm>-<disk> fits 253 characters', () => {
    expect(validateDataVolumeName('vm', 'x'.repeat(250), t)).toBeUndefined();
    expect(validateDataVolumeName('vm', 'x'.repeat(251), t)).toContain('longer than 253');
  });
});

describe('sizes', () => {
  it('refuses empty, non-numbers and 0', () => {
    expect(validateSize('', 'GiB', t)).toBe('Enter a size.');
    expect(validateSize('ten', 'GiB', t)).toBe('Enter a number, such as 30.');
    expect(validateSize('-1', 'GiB', t)).toBe('Enter a number, such as 30.');
    expect(validateSize('0', 'GiB', t)).toBe('The size must be greater than 0.');
    expect(validateSize('0.5', 'GiB', t)).toBeUndefined();
  });
  it('refuses less than the source', () => {
    const min = { bytes: 10 * 2 ** 30, label: '10 GiB' };
    expect(validateSize('9', 'GiB', t, min)).toBe(
      'The size must be at least 10 GiB, the size of the source.',
    );
    expect(validateSize('10240', 'MiB', t, min)).toBeUndefined();
  });
  it('builds quantities and fields', () => {
    expect(sizeQuantity(' 30 ', 'GiB')).toBe('30Gi');
    expect(sizeQuantity('512', 'MiB')).toBe('512Mi');
    expect(sizeFields(10 * 2 ** 30)).toEqual({ value: '10', unit: 'GiB' });
    expect(sizeFields(1.5 * 2 ** 30)).toEqual({ value: '1536', unit: 'MiB' });
  });
  it('lets Expand only grow', () => {
    const current = 10 * 2 ** 30;
    expect(validateExpandSize('10', 'GiB', current, '10 GiB', t)).toContain('can only grow');
    expect(validateExpandSize('5', 'GiB', current, '10 GiB', t)).toContain(
      'larger than its current 10 GiB',
    );
    expect(validateExpandSize('0', 'GiB', current, '10 GiB', t)).toBe(
      'The size must be greater than 0.',
    );
    expect(validateExpandSize('11', 'GiB', current, '10 GiB', t)).toBeUndefined();
  });
});

describe('validateImageUrl', () => {
  it.each(['https://example.com/disk.qcow2', 'http://10.0.0.1:8080/a.img.xz'])(
    'accepts %s',
    (url) => {
      expect(validateImageUrl(url, t)).toBeUndefined();
    },
  );
  it.each(['', 'example.com/disk.qcow2', 'ftp://example.com/a', 'https://', 'not a url'])(
    'refuses %j',
    (url) => {
      expect(validateImageUrl(url, t)).toBeDefined();
    },
  );
});

describe('validateImage', () => {
  it.each([
    'quay.io/containerdisks/fedora:latest',
    'docker://quay.io/containerdisks/fedora:41',
    'fedora',
    'localhost:5000/my/image',
    'registry.example.com/a/b@sha256:' + 'a'.repeat(64),
  ])('accepts %s', (image) => {
    expect(validateImage(image, t)).toBeUndefined();
  });
  it.each([
    '',
    'Quay.io/Fedora',
    'quay.io/fedora:',
    'quay.io//fedora',
    'quay.io/fedora latest',
    'https://quay.io/fedora',
  ])('refuses %j', (image) => {
    expect(validateImage(image, t)).toBeDefined();
  });
  it('adds docker:// once for a registry import', () => {
    expect(registryUrl('quay.io/x/y:1')).toBe('docker://quay.io/x/y:1');
    expect(registryUrl('docker://quay.io/x/y:1')).toBe('docker://quay.io/x/y:1');
  });
});
