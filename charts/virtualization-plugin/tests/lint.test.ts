// `helm lint --strict`: the chart is well-formed and warning-free with every values set.
import { describe, expect, it } from 'vitest';
import { RENDER_CASES } from './cases';
import { findHelm, lint } from './helm';

describe.skipIf(!findHelm().helm)('helm lint --strict', () => {
  it.each(RENDER_CASES)('passes with the $name values', (options) => {
    const result = lint(options);
    expect(result.stderr + result.stdout).toContain('0 chart(s) failed');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/\[(WARNING|ERROR)\]/);
  });
});
