// `npm test`: installs what it needs, then runs every suite (lint, types, unit, build, browser)
// even after a failure, prints a summary and ends with the plain line "N passed, N failed".
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildAll } from './build.mjs';
import { binPath, ensureDependencies, exitOnError, log, root, run } from './lib/project.mjs';
import { ensureVmSupport } from './guest-image.mjs';
import { ensureHelm, ensureKubectl } from './kubectl.mjs';
import { ensureSystemPackages } from './system-packages.mjs';

const cache = path.join(root, '.cache');
mkdirSync(cache, { recursive: true });
const results = [];
const started = Date.now();

/** A check that is one pass or one failure (lint, types, build). */
const check = async (name, action) => {
  const t0 = Date.now();
  const ok = await action();
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds: (Date.now() - t0) / 1000 });
};

/** A test suite whose runner writes a JSON report we count from. */
const suite = async (name, command, args, reportFile, count) => {
  const t0 = Date.now();
  rmSync(reportFile, { force: true });
  const code = await run(command, args);
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(reportFile)) counts = count(JSON.parse(readFileSync(reportFile, 'utf8')));
  // A runner that failed without reporting a failing test still failed.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  results.push({ name, ...counts, seconds: (Date.now() - t0) / 1000 });
};

await ensureDependencies().catch(exitOnError);
const browserReady = ensureSystemPackages('browser');
// The conformance suites drive the embedded cluster with a real kubectl.
if (ensureSystemPackages('cluster')) process.env.KUBECTL = ensureKubectl();
// The chart tests render with this helm ('' when it cannot be fetched: they skip, saying why).
process.env.HELM = ensureHelm();
// VMs that really run: QEMU and the guest image (the suites that need them skip, saying why, without).
ensureVmSupport();
// The local Prometheus that scrapes the embedded cluster (its suites skip, saying why, without).
ensureSystemPackages('prometheus');

await check('lint', async () => (await run(binPath('eslint'), ['--max-warnings', '0', '.'])) === 0);
await check(
  'format',
  async () => (await run(binPath('prettier'), ['--check', '--log-level', 'warn', '.'])) === 0,
);
await check(
  'type check',
  async () => (await run(binPath('tsc'), ['-p', 'tsconfig.json', '--noEmit'])) === 0,
);

const vitestReport = path.join(cache, 'vitest-results.json');
await suite(
  'unit (vitest)',
  binPath('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  vitestReport,
  (r) => ({
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
  }),
);

let built = false;
await check('production build', async () => {
  // The type check above already ran: the plugin build only transpiles.
  process.env.PLUGIN_TRANSPILE_ONLY = '1';
  try {
    await buildAll();
    built = true;
  } catch (error) {
    console.error(`✗ ${error.message}`);
  }
  return built;
});

const playwrightReport = path.join(cache, 'playwright-results.json');
if (built && browserReady) {
  await suite(
    'browser (playwright)',
    binPath('playwright'),
    ['test', '--config', 'integration-tests/playwright.config.ts'],
    playwrightReport,
    (r) => ({
      passed: r.stats.expected + r.stats.flaky,
      failed: r.stats.unexpected,
      skipped: r.stats.skipped,
    }),
  );
} else {
  console.error(built ? 'Browser tests need Chromium; see above.' : 'Browser tests need a build.');
  results.push({ name: 'browser (playwright)', passed: 0, failed: 1, skipped: 0, seconds: 0 });
}

const total = results.reduce(
  (sum, r) => ({
    passed: sum.passed + r.passed,
    failed: sum.failed + r.failed,
    skipped: sum.skipped + (r.skipped ?? 0),
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
log(`Summary (${((Date.now() - started) / 1000).toFixed(0)} s)`);
for (const r of results) {
  const mark = r.failed ? '\x1b[31m✗\x1b[0m' : '\x1b[32m✓\x1b[0m';
  console.log(
    `  ${mark} ${r.name.padEnd(22)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(1)} s`,
  );
}
console.log(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
);
process.exit(total.failed > 0 ? 1 : 0);
