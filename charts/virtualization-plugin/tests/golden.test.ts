// `helm template` compared with the golden files, byte for byte. After a deliberate change:
//   UPDATE_GOLDEN=1 npx vitest run charts/virtualization-plugin
// and review the diff of tests/golden/. The quick starts (files/quickstarts/, written and
// translated on their own) are left out of the goldens: quickstarts.test.ts checks that they are
// rendered exactly as the files hold them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDER_CASES } from './cases';
import { findHelm, render, TESTS_DIR } from './helm';
import { QUICK_STARTS_TEMPLATE } from './manifests';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** helm's output without the quick-start documents; everything else as printed. */
const withoutQuickStarts = (output: string) =>
  output
    .split(/^(?=---\n# Source: )/m)
    .filter((document) => !document.startsWith(`---\n# Source: ${QUICK_STARTS_TEMPLATE}\n`))
    .join('');

/** A unified diff (diff -u), so a mismatch reads as what changed. */
const unifiedDiff = (goldenFile: string, actual: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'chart-golden-'));
  try {
    writeFileSync(path.join(dir, 'rendered.yaml'), actual);
    const diff = spawnSync('diff', ['-u', goldenFile, 'rendered.yaml'], {
      cwd: dir,
      encoding: 'utf8',
    });
    return diff.stdout || diff.stderr || '(no diff available)';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe.skipIf(!findHelm().helm)('helm template matches the golden files', () => {
  it.each(RENDER_CASES)('renders the $name values as the golden file of that name', (options) => {
    const goldenFile = path.join(TESTS_DIR, 'golden', `${options.name}.yaml`);
    const actual = withoutQuickStarts(render(options));
    if (UPDATE) writeFileSync(goldenFile, actual);
    if (!existsSync(goldenFile))
      throw new Error(
        `${goldenFile} is missing: run UPDATE_GOLDEN=1 npx vitest run charts/virtualization-plugin`,
      );
    const golden = readFileSync(goldenFile, 'utf8');
    if (actual !== golden)
      expect.fail(
        `The ${options.name} render differs from ${path.relative(process.cwd(), goldenFile)} ` +
          `(if the change is meant, UPDATE_GOLDEN=1 npx vitest run charts/virtualization-plugin):\n` +
          unifiedDiff(goldenFile, actual),
      );
  });
});
