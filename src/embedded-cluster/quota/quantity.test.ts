import { describe, expect, it } from 'vitest';
import { addQuantities, formatQuantity, parseQuantity, type Quantity } from './quantity';

const q = (value: string | number) => parseQuantity(value) as Quantity;
const canonical = (value: string | number) => formatQuantity(q(value));

describe('quantities', () => {
  it('prints the canonical form kube-apiserver gives them', () => {
    expect(canonical('30Gi')).toBe('30Gi');
    expect(canonical('2048Mi')).toBe('2Gi');
    expect(canonical('1.5Gi')).toBe('1536Mi');
    expect(canonical('0.5')).toBe('500m');
    expect(canonical('1500m')).toBe('1500m');
    expect(canonical('2000')).toBe('2k');
    expect(canonical('1e3')).toBe('1e3');
    expect(canonical('1E')).toBe('1E');
    expect(canonical(10)).toBe('10');
    // BinarySI below 1024, or not whole, prints as DecimalSI.
    expect(canonical('512Ki')).toBe('512Ki');
    expect(canonical('0.5Ki')).toBe('512');
    expect(canonical('0')).toBe('0');
    expect(canonical('-2Gi')).toBe('-2Gi');
  });

  it('refuses what is not a quantity', () => {
    for (const bad of ['', '1Gb', 'ten', '1.2.3', '5 Gi', null, undefined, {}])
      expect(parseQuantity(bad)).toBeUndefined();
  });

  it('adds exactly, in the first non-zero term’s format', () => {
    expect(formatQuantity(addQuantities(q('25Gi'), q('10Gi')))).toBe('35Gi');
    expect(formatQuantity(addQuantities(q('100m'), q('1')))).toBe('1100m');
    expect(formatQuantity(addQuantities(q('0'), q('1Gi')))).toBe('1Gi');
    expect(formatQuantity(addQuantities(q('1G'), q('1Gi')))).toBe('2073741824');
    expect(formatQuantity(addQuantities(q('0.1'), q('0.2')))).toBe('300m');
  });
});
