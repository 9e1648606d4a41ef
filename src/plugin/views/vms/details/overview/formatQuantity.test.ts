import { describe, expect, it } from 'vitest';
import { formatBytes, quantityBytes } from './formatQuantity';

describe('formatQuantity', () => {
  it('formats bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.0 GiB');
  });
  it('reads Kubernetes quantities', () => {
    expect(quantityBytes('2Gi')).toBe(2 * 1024 ** 3);
    expect(quantityBytes('512M')).toBe(512e6);
    expect(quantityBytes('1024')).toBe(1024);
    expect(quantityBytes('lots')).toBeUndefined();
  });
});
