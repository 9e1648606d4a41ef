// Helpers shared by the project's own scripts (start, test, build, dev). Node built-ins only:
// these run before `npm ci` has installed anything.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export const log = (message) => console.log(`\x1b[36m▸\x1b[0m ${message}`);

/** Newest modification time under the given files and folders (node_modules and dist skipped). */
export const newestMtime = (paths) => {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p)) {
        if (entry !== 'node_modules' && entry !== 'dist') visit(path.join(p, entry));
      }
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const p of paths) visit(path.resolve(root, p));
  return newest;
};

/** Runs a command in the project root, inheriting the terminal; resolves with its exit code. */
export const run = (command, args, options = {}) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`);
      resolve(1);
    });
  });

export class CommandError extends Error {}

/** Runs a command; a non-zero exit becomes a thrown CommandError naming it. */
export const runOrThrow = async (command, args, options) => {
  const code = await run(command, args, options);
  if (code !== 0)
    throw new CommandError(`${path.basename(command)} ${args.join(' ')} failed (exit ${code})`);
};

/** For the top level of a script: report a failure in one line and exit non-zero. */
export const exitOnError = (error) => {
  console.error(`✗ ${error instanceof CommandError ? error.message : (error?.stack ?? error)}`);
  process.exit(1);
};

const INSTALL_STAMP = path.join(root, 'node_modules/.virtualization-plugin-install');

const lockHash = () =>
  createHash('sha256')
    .update(readFileSync(path.join(root, 'package-lock.json')))
    .digest('hex');

/** Installs npm dependencies when node_modules is missing or was installed from another lockfile. */
export const ensureDependencies = async () => {
  const hash = lockHash();
  if (existsSync(INSTALL_STAMP) && readFileSync(INSTALL_STAMP, 'utf8') === hash) return;
  log('Installing npm dependencies (npm ci)…');
  await runOrThrow(npmCommand, ['ci', '--no-audit', '--no-fund'], {
    // Playwright drives Debian's Chromium; it must not try to download a browser of its own.
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  writeFileSync(INSTALL_STAMP, hash);
};

export const binPath = (name) => path.join(root, 'node_modules/.bin', name);

export const commandExists = (command) =>
  spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
