// Installs the Debian packages a part of the project needs, when they are missing: with apt-get
// when we run as root on Debian, else it says what to install and reports failure.
// apt keeps the downloaded .deb files in /var/cache/apt/archives, so a reinstall is local.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { log } from './lib/project.mjs';

/** What each part needs. The fonts make Korean and Japanese readable in browser screenshots. */
export const PACKAGE_GROUPS = {
  browser: ['chromium', 'fonts-nanum', 'fonts-ipafont-gothic'],
  // The embedded cluster makes its CA with openssl; a kubectl may have to be unpacked from a zip;
  // CDI's importer and upload proxy convert qcow2 images with qemu-img.
  cluster: ['openssl', 'unzip', 'qemu-utils'],
  // The embedded cluster runs VMs as QEMU processes; the recommended extras are not needed.
  qemu: ['qemu-system-x86'],
  // Standalone, the BFF proxies a local Prometheus that scrapes the embedded cluster's /metrics.
  prometheus: ['prometheus'],
};

/** Groups whose packages are installed with `--no-install-recommends`. */
const NO_RECOMMENDS = new Set(['cluster', 'qemu', 'prometheus']);

const isInstalled = (name) => {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
};

const aptListsAreFresh = () => {
  const lists = '/var/lib/apt/lists';
  const dayMs = 24 * 60 * 60 * 1000;
  return (
    existsSync(`${lists}/lock`) &&
    Date.now() - statSync(lists).mtimeMs < dayMs &&
    spawnSync('sh', ['-c', `ls ${lists} | grep -q _Packages`]).status === 0
  );
};

const apt = (args) =>
  spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  }).status === 0;

/** Ensures the packages of the named groups; resolves true when all are present. */
export const ensureSystemPackages = (...groups) => {
  const unknown = groups.filter((group) => !(group in PACKAGE_GROUPS));
  if (unknown.length) {
    console.error(
      `Unknown package group(s): ${unknown.join(', ')} (known: ${Object.keys(PACKAGE_GROUPS).join(', ')}).`,
    );
    return false;
  }
  const wanted = groups.flatMap((group) => PACKAGE_GROUPS[group] ?? []);
  const missing = wanted.filter((name) => !isInstalled(name));
  if (missing.length === 0) return true;
  const lean = groups
    .filter((group) => NO_RECOMMENDS.has(group))
    .flatMap((group) => PACKAGE_GROUPS[group] ?? [])
    .filter((name) => missing.includes(name));
  const rest = missing.filter((name) => !lean.includes(name));
  const canApt =
    process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!canApt) {
    console.error(
      `Missing system packages: ${missing.join(' ')}.\n` +
        `Install them (on Debian or Ubuntu: ${[
          rest.length ? `sudo apt-get install -y ${rest.join(' ')}` : '',
          lean.length ? `sudo apt-get install -y --no-install-recommends ${lean.join(' ')}` : '',
        ]
          .filter(Boolean)
          .join('; ')}) and run again.`,
    );
    return false;
  }
  log(`Installing system packages: ${missing.join(' ')}…`);
  if (!aptListsAreFresh() && !apt(['update', '-qq'])) return false;
  return (
    (rest.length === 0 || apt(['install', '-y', '-qq', ...rest])) &&
    (lean.length === 0 || apt(['install', '-y', '-qq', '--no-install-recommends', ...lean])) &&
    missing.every(isInstalled)
  );
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const groups = process.argv.slice(2);
  process.exit(
    ensureSystemPackages(...(groups.length ? groups : Object.keys(PACKAGE_GROUPS))) ? 0 : 1,
  );
}
