import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { memoryLabel, memoryMiB, memoryQuantity, splitMemory, validateMemory } from './memory';

const t = i18next.t.bind(i18next);

describe('memory', () => {
  it('splits a quantity into what the form edits', () => {
    expect(splitMemory('2Gi')).toEqual({ value: '2', unit: 'GiB' });
    expect(splitMemory('1536Mi')).toEqual({ value: '1536', unit: 'MiB' });
    expect(splitMemory('1073741824')).toEqual({ value: '1', unit: 'GiB' });
    expect(splitMemory(undefined)).toEqual({ value: '', unit: 'GiB' });
  });

  it('writes whole GiB as Gi and the rest as Mi', () => {
    expect(memoryQuantity(4096)).toBe('4Gi');
    expect(memoryQuantity(1536)).toBe('1536Mi');
    expect(memoryQuantity(memoryMiB('1.5', 'GiB')!)).toBe('1536Mi');
    expect(memoryQuantity(memoryMiB('96', 'MiB')!)).toBe('96Mi');
  });

  it('refuses empty, zero, negative and fractional MiB sizes', () => {
    expect(validateMemory('', 'GiB', t)).toBe('Enter the memory size.');
    expect(validateMemory('0', 'GiB', t)).toBe('Enter a positive number.');
    expect(validateMemory('-1', 'MiB', t)).toBe('Enter a positive number.');
    expect(validateMemory('abc', 'MiB', t)).toBe('Enter a positive number.');
    expect(validateMemory('1.5', 'MiB', t)).toBe('Memory must be a whole number of MiB.');
    expect(validateMemory('1', 'MiB', t)).toBeUndefined();
    expect(validateMemory('0.5', 'GiB', t)).toBeUndefined();
  });

  it('labels quantities in binary units', () => {
    expect(memoryLabel('4Gi')).toBe('4 GiB');
    expect(memoryLabel('512Mi')).toBe('512 MiB');
    expect(memoryLabel('1500M')).toBe('1.4 GiB');
    expect(memoryLabel(undefined)).toBeUndefined();
  });
});
