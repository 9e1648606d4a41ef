import { describe, expect, it } from 'vitest';
import { generatedName, randomNameSuffix, randomSerial, randomText } from './randomText';

describe('random text', () => {
  it('draws serials of 6 alphanumeric characters', () => {
    for (let i = 0; i < 50; i++) expect(randomSerial()).toMatch(/^[A-Za-z0-9]{6}$/);
    expect(new Set(Array.from({ length: 20 }, randomSerial)).size).toBeGreaterThan(1);
  });

  it('draws lowercase name suffixes from the given alphabet', () => {
    expect(randomNameSuffix()).toMatch(/^[a-z0-9]{5}$/);
    expect(randomText(8, 'x')).toBe('xxxxxxxx');
  });

  it('builds names that stay DNS-1123 labels', () => {
    expect(generatedName('fedora', 'ssh-key', 'ab1cd')).toBe('fedora-ssh-key-ab1cd');
    const long = generatedName('a'.repeat(70), 'sysprep', 'zz9zz');
    expect(long).toHaveLength(63);
    expect(long.endsWith('-sysprep-zz9zz')).toBe(true);
    expect(generatedName(`${'b'.repeat(48)}-xyz`, 'sysprep', '12345')).not.toMatch(/--/);
  });
});
