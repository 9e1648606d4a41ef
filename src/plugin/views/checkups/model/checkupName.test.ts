import { describe, expect, it } from 'vitest';
import { LATENCY_CHECKUP, STORAGE_CHECKUP } from '../checkupKinds';
import { checkupNameError, generatedCheckupName } from './checkupName';

const t = (key: string, options: Record<string, unknown> = {}) =>
  key.replace(/{{(\w+)}}/g, (_, name: string) => String(options[name]));

describe('generatedCheckupName', () => {
  it('is the checkup prefix and a random valid suffix', () => {
    const name = generatedCheckupName(LATENCY_CHECKUP);
    expect(name).toMatch(/^kubevirt-vm-latency-checkup-[a-z0-9]{5}$/);
    expect(checkupNameError(name, t)).toBeUndefined();
    expect(generatedCheckupName(STORAGE_CHECKUP, () => 0)).toBe('kubevirt-storage-checkup-bbbbb');
  });
});

describe('checkupNameError', () => {
  it('accepts a DNS-1123 label', () => {
    expect(checkupNameError('lat-1', t)).toBeUndefined();
    expect(checkupNameError('a'.repeat(63), t)).toBeUndefined();
  });

  it('refuses empty, long, uppercase, dotted and dash-edged names', () => {
    expect(checkupNameError('', t)).toBe('Enter a name.');
    expect(checkupNameError('a'.repeat(64), t)).toBe('A name must be at most 63 characters.');
    for (const bad of ['Lat', 'lat.1', '-lat', 'lat-', 'lat_1', 'lat 1'])
      expect(checkupNameError(bad, t)).toBe(
        'Use lowercase letters, digits and "-" only, starting and ending with a letter or digit.',
      );
  });

  it('refuses a name another checkup of the project has', () => {
    expect(checkupNameError('lat-1', t, ['lat-1'])).toBe('A checkup named lat-1 already exists.');
  });
});
