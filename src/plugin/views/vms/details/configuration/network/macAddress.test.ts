import { describe, expect, it } from 'vitest';
import { validateMac } from './macAddress';

const t = (key: string) => key;

describe('validateMac', () => {
  it('accepts empty (the cluster assigns one) and unicast addresses in either case', () => {
    expect(validateMac('', t)).toBeUndefined();
    expect(validateMac('02:00:00:00:00:01', t)).toBeUndefined();
    expect(validateMac('0A:1b:2C:3d:4E:5f', t)).toBeUndefined();
  });

  it('refuses other shapes', () => {
    for (const bad of [
      '02:00:00:00:00',
      '02-00-00-00-00-01',
      '0200.0000.0001',
      '02:00:00:00:00:0g',
    ])
      expect(validateMac(bad, t)).toMatch(/six pairs of hexadecimal digits/);
  });

  it('refuses multicast and all-zero addresses', () => {
    expect(validateMac('01:00:5e:00:00:01', t)).toMatch(/multicast/);
    expect(validateMac('ff:ff:ff:ff:ff:ff', t)).toMatch(/multicast/);
    expect(validateMac('00:00:00:00:00:00', t)).toMatch(/not a usable address/);
  });

  it('refuses a MAC another NIC of the VM has', () => {
    expect(validateMac('02:00:00:00:00:AA', t, ['02:00:00:00:00:aa'])).toMatch(/Another interface/);
  });
});
