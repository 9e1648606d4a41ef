import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatDuration } from './formatDuration';

const t = ((key: string, options?: Record<string, number>) =>
  key.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options?.[name]))) as TFunction;

describe('formatDuration', () => {
  it('writes seconds, minutes, hours and days', () => {
    expect(formatDuration(45.4, t)).toBe('45 s');
    expect(formatDuration(185, t)).toBe('3 min 5 s');
    expect(formatDuration(2 * 3600 + 600, t)).toBe('2 h 10 min');
    expect(formatDuration(3 * 86400 + 4 * 3600, t)).toBe('3 d 4 h');
    expect(formatDuration(-3, t)).toBe('0 s');
  });
});
