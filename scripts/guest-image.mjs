// Builds the guest image the embedded cluster's VMs boot under QEMU: Debian's kernel and a small
// initramfs made of busybox-static, the files under scripts/guest/rootfs and the kernel modules
// that make disks and network cards appear (scripts/guest/README.md). The result goes to
// .cache/guest/ (vmlinuz, initramfs.gz, manifest.json) and is rebuilt only when its inputs change:
// this script, scripts/guest/, or the versions of the Debian packages it is made from.
//
//   node scripts/guest-image.mjs           build when stale; exit 1 (with a hint) when it cannot
//   node scripts/guest-image.mjs --force   build even when up to date
//
// `ensureGuestImage()` does the same for other scripts; `ensureVmSupport()` also installs QEMU.
//
// Node built-ins only: `npm start` and `npm test` run it before anything else is installed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { log, root } from './lib/project.mjs';
import { ensureSystemPackages } from './system-packages.mjs';

export const guestImageDir = path.join(root, '.cache/guest');
const rootfsDir = path.join(root, 'scripts/guest/rootfs');
const selfPath = fileURLToPath(import.meta.url);
const debDir = path.join(guestImageDir, 'debs');

/**
 * Kernel modules the guest loads at boot, with their dependencies (Debian builds all of these as
 * modules). The power button needs button + evdev (for acpid); disks: virtio-blk (/dev/vd*),
 * virtio-scsi and SCSI hot-plug, SATA (AHCI) and IDE (/dev/sd*, CD-ROMs /dev/sr*); network:
 * virtio-net, e1000, e1000e; file systems: ext4 (with crc32c for its checksums), so a guest can
 * `mke2fs` a disk, mount it and keep files on it. The generic CRC implementations come first: the t10-pi code sd_mod
 * needs looks them up when it loads, and the accelerated ones need CPU features TCG lacks.
 */
const MODULES = [
  'crct10dif_generic',
  'crc64_rocksoft_generic',
  'button',
  'evdev',
  'virtio_pci',
  'virtio_blk',
  'virtio_scsi',
  'virtio_net',
  // The balloon's guest statistics are KubeVirt's memory used, available and swap figures.
  'virtio_balloon',
  'scsi_mod',
  'sd_mod',
  'sr_mod',
  'libata',
  'ahci',
  'ata_piix',
  'e1000',
  'e1000e',
  'crc16',
  'crc32c_generic',
  'mbcache',
  'jbd2',
  'ext4',
];

const MANIFEST_FORMAT = 1;

class GuestImageError extends Error {}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const fileSha256 = (file) => sha256(readFileSync(file));
const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const commandExists = (command) =>
  spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** Runs a command quietly; returns its stdout, or throws with its stderr when it fails. */
const capture = (command, args, options = {}) => {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', LC_ALL: 'C' },
    ...options,
  });
  if (result.status !== 0) {
    const output = `${result.stderr ?? ''}${result.error?.message ?? ''}`.trim();
    throw new GuestImageError(`${command} ${args.join(' ')} failed${output ? `:\n${output}` : ''}`);
  }
  return result.stdout;
};

const shellQuote = (value) => `'${value.replaceAll("'", `'\\''`)}'`;

/** Every file under a folder, as [relative path, absolute path], sorted. */
const walk = (dir, prefix = '') =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      const relative = prefix ? `${prefix}/${name}` : name;
      return lstatSync(full).isDirectory() ? walk(full, relative) : [[relative, full]];
    });

/** The hash of what the image is made of that lives in this repository. */
const sourcesHash = () => {
  const hash = createHash('sha256');
  hash.update(`format ${MANIFEST_FORMAT}\n`).update(readFileSync(selfPath));
  for (const [relative, full] of walk(rootfsDir))
    hash.update(`\0${relative}\0`).update(readFileSync(full));
  return hash.digest('hex');
};

const readManifest = () => {
  try {
    return JSON.parse(readFileSync(path.join(guestImageDir, 'manifest.json'), 'utf8'));
  } catch {
    return undefined;
  }
};

const imageFilesIntact = (manifest) =>
  ['vmlinuz', 'initramfs.gz'].every((name) => {
    const file = path.join(guestImageDir, name);
    return existsSync(file) && statSync(file).size === manifest.files?.[name]?.size;
  });

// ---- apt ------------------------------------------------------------------------------------

const aptListsPresent = () =>
  existsSync('/var/lib/apt/lists') &&
  readdirSync('/var/lib/apt/lists').some((name) => name.includes('_Packages'));

const isRoot = () => process.getuid?.() === 0;

const howToGetIt =
  'The guest image is built from Debian packages (linux-image-amd64, busybox-static) with ' +
  'apt-get and dpkg-deb: run `node scripts/guest-image.mjs` as root on Debian or Ubuntu ' +
  '(after `sudo apt-get update`), or copy a built .cache/guest/ from such a machine. ' +
  'Until then VMs cannot run here.';

/** The package the linux-image-amd64 metapackage points at, e.g. linux-image-6.1.0-56-amd64. */
const kernelPackageName = () => {
  const out = capture('apt-cache', ['depends', 'linux-image-amd64']);
  const name = /Depends:\s*(linux-image-\d\S*-amd64)\b/.exec(out)?.[1];
  if (!name) throw new GuestImageError(`apt-cache names no kernel for linux-image-amd64:\n${out}`);
  return name;
};

/** Candidate versions of packages, by name (one apt-cache run: each one parses all lists). */
const candidateVersions = (names) => {
  const out = capture('apt-cache', ['show', '--no-all-versions', ...names]);
  const versions = new Map();
  for (const paragraph of out.split(/\n\s*\n/)) {
    const name = /^Package:\s*(\S+)/m.exec(paragraph)?.[1];
    const version = /^Version:\s*(\S+)/m.exec(paragraph)?.[1];
    if (name && version && !versions.has(name)) versions.set(name, version);
  }
  for (const name of names)
    if (!versions.has(name)) throw new GuestImageError(`apt-cache has no version of ${name}`);
  return versions;
};

/** Changes whenever apt-get update brings new package lists (apt-cache takes a second a run). */
const aptListsSignature = () => {
  const lists = '/var/lib/apt/lists';
  if (!existsSync(lists)) return undefined;
  const hash = createHash('sha256');
  for (const name of readdirSync(lists).sort()) {
    if (!name.includes('_Packages')) continue;
    const stat = statSync(path.join(lists, name));
    hash.update(`${name} ${stat.size} ${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
};

/** Names and versions of the packages the image is made from; updates apt's lists if needed. */
const resolvePackages = () => {
  const resolve = () => {
    const kernel = kernelPackageName();
    const versions = candidateVersions([kernel, 'busybox-static']);
    return {
      kernel: { name: kernel, version: versions.get(kernel) },
      busybox: { name: 'busybox-static', version: versions.get('busybox-static') },
    };
  };
  if (aptListsPresent()) {
    try {
      return { packages: resolve(), updated: false };
    } catch (error) {
      if (!isRoot()) throw error;
    }
  }
  if (!isRoot())
    throw new GuestImageError(`apt has no package lists and this is not root. ${howToGetIt}`);
  log('Guest image: updating the apt package lists (apt-get update)…');
  capture('apt-get', ['update', '-qq']);
  return { packages: resolve(), updated: true };
};

/** The .deb file apt-get download makes of a package (the epoch's colon is written %3a). */
const debFile = ({ name, version }) =>
  path.join(debDir, `${name}_${version.replace(':', '%3a')}_amd64.deb`);

const download = (packages, listsFresh) => {
  mkdirSync(debDir, { recursive: true });
  const wanted = Object.values(packages);
  const missing = wanted.filter((p) => !existsSync(debFile(p)));
  if (missing.length > 0) {
    const specs = missing.map((p) => `${p.name}=${p.version}`);
    log(`Guest image: downloading ${missing.map((p) => p.name).join(' and ')}…`);
    const get = () =>
      capture('apt-get', ['download', '-qq', '-o', 'APT::Sandbox::User=root', ...specs], {
        cwd: debDir,
      });
    try {
      get();
    } catch (error) {
      // Stale lists name files the mirror no longer has: refresh them once and retry.
      if (listsFresh || !isRoot()) throw error;
      log('Guest image: updating the apt package lists (apt-get update)…');
      capture('apt-get', ['update', '-qq']);
      get();
    }
  }
  // Keep only the current packages.
  const keep = new Set(wanted.map((p) => path.basename(debFile(p))));
  for (const name of readdirSync(debDir))
    if (!keep.has(name)) rmSync(path.join(debDir, name), { force: true });
  for (const p of wanted)
    if (!existsSync(debFile(p)))
      throw new GuestImageError(`apt-get download did not produce ${debFile(p)}`);
};

// ---- kernel modules -------------------------------------------------------------------------

const moduleName = (file) => path.basename(file).replace(/\.ko$/, '').replaceAll('-', '_');

/** The `depends=` entry of a module's .modinfo section. */
const moduleDepends = (file) => {
  const data = readFileSync(file);
  const at = data.indexOf('\0depends=');
  if (at < 0) return [];
  const start = at + '\0depends='.length;
  const end = data.indexOf(0, start);
  return data
    .subarray(start, end)
    .toString('latin1')
    .split(',')
    .filter(Boolean)
    .map((name) => name.replaceAll('-', '_'));
};

/** The modules to carry, dependencies before dependents. */
const resolveModules = (modulesDir) => {
  const byName = new Map();
  for (const [, full] of walk(path.join(modulesDir, 'kernel')))
    if (full.endsWith('.ko')) byName.set(moduleName(full), full);
  const ordered = [];
  const visiting = new Set();
  const visit = (name, wantedBy) => {
    if (ordered.some((m) => m.name === name) || visiting.has(name)) return;
    const file = byName.get(name);
    if (!file)
      throw new GuestImageError(`the kernel has no module ${name} (wanted by ${wantedBy})`);
    visiting.add(name);
    for (const dependency of moduleDepends(file)) visit(dependency, name);
    visiting.delete(name);
    ordered.push({ name, file });
  };
  for (const name of MODULES) visit(name, 'the guest image');
  return ordered;
};

// ---- initramfs (cpio "newc", as the kernel reads it) ------------------------------------------

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const S_IFCHR = 0o020000;

const newcArchive = (entries, mtime) => {
  const chunks = [];
  let size = 0;
  const push = (buffer) => {
    chunks.push(buffer);
    size += buffer.length;
  };
  const pad = () => {
    if (size % 4) push(Buffer.alloc(4 - (size % 4)));
  };
  const hex = (n) => n.toString(16).padStart(8, '0');
  let inode = 1;
  const add = ({ name, mode, data = Buffer.alloc(0), major = 0, minor = 0 }) => {
    const nameBytes = Buffer.from(`${name}\0`);
    const fields = [
      inode++,
      mode,
      0, // uid
      0, // gid
      (mode & S_IFDIR) === S_IFDIR ? 2 : 1,
      mtime,
      data.length,
      0,
      0,
      major,
      minor,
      nameBytes.length,
      0,
    ];
    push(Buffer.from(`070701${fields.map(hex).join('')}`, 'latin1'));
    push(nameBytes);
    pad();
    push(data);
    pad();
  };
  for (const entry of entries) add(entry);
  add({ name: 'TRAILER!!!', mode: 0 });
  return Buffer.concat(chunks, size);
};

const initramfsEntries = ({ busybox, modules, kernelRelease }) => {
  const entries = [];
  const dirs = new Set();
  const dir = (name) => {
    if (!name || name === '.' || dirs.has(name)) return;
    dir(path.posix.dirname(name));
    dirs.add(name);
    entries.push({ name, mode: S_IFDIR | 0o755 });
  };
  const file = (name, data, executable) => {
    dir(path.posix.dirname(name));
    entries.push({ name, mode: S_IFREG | (executable ? 0o755 : 0o644), data });
  };
  for (const name of ['bin', 'sbin', 'usr/bin', 'usr/sbin', 'proc', 'sys', 'dev', 'run', 'tmp'])
    dir(name);
  dir('root');
  dir('var/log');
  entries.push({ name: 'dev/console', mode: S_IFCHR | 0o600, major: 5, minor: 1 });
  file('bin/busybox', busybox, true);
  entries.push({ name: 'bin/sh', mode: S_IFLNK | 0o777, data: Buffer.from('busybox') });
  for (const [relative, full] of walk(rootfsDir)) {
    const data = readFileSync(full);
    file(relative, data, data.subarray(0, 2).toString() === '#!');
  }
  const moduleDir = `lib/modules/${kernelRelease}`;
  for (const { name, file: full } of modules) file(`${moduleDir}/${name}.ko`, readFileSync(full));
  file(
    'etc/modules',
    Buffer.from(modules.map(({ name }) => `${kernelRelease}/${name}\n`).join('')),
  );
  return entries;
};

// ---- the build ------------------------------------------------------------------------------

const rewriteManifest = (manifest) => {
  const file = path.join(guestImageDir, 'manifest.json');
  writeFileSync(`${file}.${process.pid}`, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(`${file}.${process.pid}`, file);
};

/** Holds `.cache/guest/.lock` while `action` runs, so `npm start` and `npm test` build once. */
const withLock = (action) => {
  mkdirSync(guestImageDir, { recursive: true });
  const lock = path.join(guestImageDir, '.lock');
  const deadline = Date.now() + 5 * 60 * 1000;
  let said = false;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(lock, 'utf8')) || 0;
    let alive = holder > 0;
    try {
      if (alive) process.kill(holder, 0);
    } catch {
      alive = false;
    }
    if (!alive) {
      rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new GuestImageError(`another build (pid ${holder}) holds ${lock}`);
    if (!said) log(`Guest image: waiting for another build (pid ${holder})…`);
    said = true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
  try {
    return action();
  } finally {
    rmSync(lock, { force: true });
  }
};

const build = ({ packages, sources }) => {
  const started = Date.now();
  download(packages.packages, packages.updated);

  const work = path.join(guestImageDir, `build-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    log(`Guest image: unpacking ${packages.packages.kernel.name} and busybox-static…`);
    const kernelDeb = debFile(packages.packages.kernel);
    capture('sh', [
      '-c',
      `dpkg-deb --fsys-tarfile ${shellQuote(kernelDeb)} | tar -x -C ${shellQuote(work)} ` +
        `--wildcards './boot/vmlinuz-*' './lib/modules/*'`,
    ]);
    capture('dpkg-deb', ['-x', debFile(packages.packages.busybox), path.join(work, 'busybox')]);
    const vmlinuzName = readdirSync(path.join(work, 'boot')).find((n) => n.startsWith('vmlinuz-'));
    if (!vmlinuzName) throw new GuestImageError(`${kernelDeb} holds no /boot/vmlinuz-*`);
    const kernelRelease = vmlinuzName.slice('vmlinuz-'.length);
    const modules = resolveModules(path.join(work, 'lib/modules', kernelRelease));

    log(`Guest image: packing the initramfs (busybox, ${modules.length} kernel modules)…`);
    const buildTime = new Date();
    const archive = newcArchive(
      initramfsEntries({
        busybox: readFileSync(path.join(work, 'busybox/bin/busybox')),
        modules,
        kernelRelease,
      }),
      0, // file times: the same inputs make the same initramfs, byte for byte
    );
    const initramfs = gzipSync(archive, { level: 9 });

    mkdirSync(guestImageDir, { recursive: true });
    const kernelOut = path.join(guestImageDir, 'vmlinuz');
    const initrdOut = path.join(guestImageDir, 'initramfs.gz');
    copyFileSync(path.join(work, 'boot', vmlinuzName), `${kernelOut}.${process.pid}`);
    chmodSync(`${kernelOut}.${process.pid}`, 0o644);
    writeFileSync(`${initrdOut}.${process.pid}`, initramfs);
    renameSync(`${kernelOut}.${process.pid}`, kernelOut);
    renameSync(`${initrdOut}.${process.pid}`, initrdOut);

    const manifest = {
      format: MANIFEST_FORMAT,
      builtAt: buildTime.toISOString(),
      kernel: { ...packages.packages.kernel, release: kernelRelease },
      busybox: packages.packages.busybox,
      modules: modules.map((m) => m.name),
      sourcesHash: sources,
      aptLists: aptListsSignature(),
      files: {
        vmlinuz: { size: statSync(kernelOut).size, sha256: fileSha256(kernelOut) },
        'initramfs.gz': { size: initramfs.length, sha256: sha256(initramfs) },
      },
    };
    rewriteManifest(manifest);
    log(
      `Guest image built in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `Linux ${kernelRelease} (${megabytes(manifest.files.vmlinuz.size)}), ` +
        `initramfs ${megabytes(initramfs.length)}, in ${path.relative(root, guestImageDir)}/`,
    );
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

const sameVersions = (manifest, packages) =>
  manifest.kernel?.name === packages.kernel.name &&
  manifest.kernel?.version === packages.kernel.version &&
  manifest.busybox?.version === packages.busybox.version;

/**
 * Builds the guest image when it is missing or stale. Synchronous; prints one progress line per
 * step, nothing when the image is up to date. Returns true when a usable image is in
 * .cache/guest/; otherwise prints why and how to get one and returns false.
 */
export const ensureGuestImage = ({ force = false } = {}) => {
  try {
    const sources = sourcesHash();
    const manifest = readManifest();
    const cached =
      manifest?.format === MANIFEST_FORMAT &&
      manifest.sourcesHash === sources &&
      imageFilesIntact(manifest);
    const canApt = commandExists('apt-cache') && commandExists('apt-get');
    const canUnpack = commandExists('dpkg-deb') && commandExists('tar');
    if (!canApt || !canUnpack) {
      // Without apt an image built elsewhere (or before) is still good.
      if (cached && !force) return true;
      throw new GuestImageError(
        `${canApt ? 'dpkg-deb or tar' : 'apt-get'} is not available. ${howToGetIt}`,
      );
    }
    // Same sources, same apt lists: the same packages would be chosen, no need to ask apt.
    if (cached && !force && manifest.aptLists && manifest.aptLists === aptListsSignature())
      return true;
    let packages;
    try {
      packages = resolvePackages();
    } catch (error) {
      if (cached && !force) return true; // apt cannot tell what is current; keep what we have
      throw error;
    }
    return withLock(() => {
      // Another process may have built it while we waited for the lock.
      const current = readManifest();
      const upToDate =
        current?.format === MANIFEST_FORMAT &&
        current.sourcesHash === sources &&
        imageFilesIntact(current) &&
        sameVersions(current, packages.packages);
      if (upToDate && !(force && current.builtAt === manifest?.builtAt)) {
        rewriteManifest({ ...current, aptLists: aptListsSignature() });
        return true;
      }
      build({ packages, sources });
      return true;
    });
  } catch (error) {
    const message = error instanceof GuestImageError ? error.message : (error?.stack ?? error);
    console.error(`✗ Guest image: ${message}`);
    if (!(error instanceof GuestImageError) || !message.includes(howToGetIt))
      console.error(howToGetIt);
    return false;
  }
};

/**
 * For `npm start` and `npm test`: QEMU (apt-get installs it when we run as root on Debian) and
 * the guest image. Returns true when VMs can run; otherwise the reason and the way to fix it
 * have been printed, and the caller carries on without QEMU (VMs run without processes).
 */
export const ensureVmSupport = () => {
  const qemu = ensureSystemPackages('qemu');
  const image = ensureGuestImage();
  if (!qemu || !image) console.error('Carrying on without QEMU: virtual machines will not boot.');
  return qemu && image;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(ensureGuestImage({ force: process.argv.includes('--force') }) ? 0 : 1);
}
