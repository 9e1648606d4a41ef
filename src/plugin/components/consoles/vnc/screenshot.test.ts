import { describe, expect, it } from 'vitest';
import { screenshotFileName } from './screenshot';

describe('screenshotFileName', () => {
  it('names the PNG after the VM and the local time', () => {
    expect(screenshotFileName('fedora-vm', new Date(2026, 0, 5, 7, 8, 9))).toBe(
      'fedora-vm-20260105-070809.png',
    );
  });
});
