import { describe, expect, it } from 'vitest';
import { quantityValue } from './quantity';

describe('quantityValue', () => {
  it('reads plain, milli, decimal and binary quantities', () => {
    expect(quantityValue('110')).toBe(110);
    expect(quantityValue('250m')).toBe(0.25);
    expect(quantityValue('2k')).toBe(2000);
    expect(quantityValue('1.5G')).toBe(1.5e9);
    expect(quantityValue('2Ki')).toBe(2048);
    expect(quantityValue('4Gi')).toBe(4 * 2 ** 30);
    expect(quantityValue(3)).toBe(3);
  });

  it('gives nothing for what is not a quantity', () => {
    expect(quantityValue('12Zi')).toBeUndefined();
    expect(quantityValue('lots')).toBeUndefined();
    expect(quantityValue(undefined)).toBeUndefined();
  });
});
