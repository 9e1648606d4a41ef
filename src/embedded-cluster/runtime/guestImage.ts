// The guest image the embedded cluster's VMs boot under QEMU: Debian's kernel and a busybox
// initramfs, built by scripts/guest-image.mjs into .cache/guest/ (scripts/guest/README.md). This
// module finds the image and makes the kernel command line that tells the guest who it is.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GuestImagePaths {
  /** The folder: `<project>/.cache/guest`, or `$GUEST_IMAGE_DIR`. */
  dir: string;
  /** `-kernel`: Debian's bzImage. */
  kernel: string;
  /** `-initrd`: the gzip'd newc initramfs. */
  initrd: string;
  /** What the image was built from (`GuestImageManifest`). */
  manifest: string;
}

export interface GuestImageManifest {
  format: number;
  builtAt: string;
  kernel: { name: string; version: string; release: string };
  busybox: { name: string; version: string };
  /** Kernel modules the guest loads at boot, in load order. */
  modules: string[];
  files: Record<'vmlinuz' | 'initramfs.gz', { size: number; sha256: string }>;
}

/** The project's root: the nearest folder above this module with a package.json. */
const projectRoot = (): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
};

/**
 * Where the image is. `root` is the project's root (default: the checkout this module runs
 * from); without it, `$GUEST_IMAGE_DIR` may name the image's folder directly.
 */
export const guestImagePaths = (root?: string): GuestImagePaths => {
  const envDir = process.env.GUEST_IMAGE_DIR;
  const dir =
    root === undefined && envDir ? envDir : path.join(root ?? projectRoot(), '.cache/guest');
  return {
    dir,
    kernel: path.join(dir, 'vmlinuz'),
    initrd: path.join(dir, 'initramfs.gz'),
    manifest: path.join(dir, 'manifest.json'),
  };
};

/** True when the image has been built (`node scripts/guest-image.mjs`). */
export const guestImageAvailable = (root?: string): boolean => {
  const paths = guestImagePaths(root);
  return [paths.kernel, paths.initrd, paths.manifest].every((file) => existsSync(file));
};

/** The image's manifest, or undefined when there is no (readable) image. */
export const readGuestImageManifest = (root?: string): GuestImageManifest | undefined => {
  try {
    return JSON.parse(readFileSync(guestImagePaths(root).manifest, 'utf8')) as GuestImageManifest;
  } catch {
    return undefined;
  }
};

export interface GuestIdentity {
  /** The VM's name (a Kubernetes object name): the guest's hostname, banner and prompt. */
  name: string;
  namespace: string;
  /**
   * The operating system the VM stands for, as an os-release ID with an optional version:
   * `fedora`, `rhel9`, `centos-stream9`, `ubuntu22.04`, `windows2k22`… The guest makes
   * /etc/os-release from it (PRETTY_NAME "Red Hat Enterprise Linux 9"). Default `linux`.
   */
  os?: string;
}

/** What every guest gets: consoles on VGA and serial (the serial one is /dev/console). */
export const BASE_KERNEL_PARAMETERS = ['console=tty0', 'console=ttyS0', 'quiet', 'nokaslr'];

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const OS_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const check = (field: string, value: string, pattern: RegExp, max: number): string => {
  if (value.length === 0 || value.length > max || !pattern.test(value))
    throw new RangeError(
      `${field} ${JSON.stringify(value)} cannot go on the kernel command line: ` +
        `it must match ${pattern.source} and have 1 to ${max} characters`,
    );
  return value;
};

/**
 * The `-append` string for a VM: `vm.name=`, `vm.namespace=` and `vm.os=` after the base
 * parameters. Values are checked (Kubernetes name rules; no spaces, quotes or other characters
 * the guest would drop), so the string can be passed as one argument without quoting.
 */
export const kernelCommandLine = (identity: GuestIdentity): string => {
  const name = check('vm.name', identity.name, DNS1123_SUBDOMAIN, 253);
  const namespace = check('vm.namespace', identity.namespace, DNS1123_LABEL, 63);
  const os = check('vm.os', identity.os ?? 'linux', OS_ID, 64);
  return [
    ...BASE_KERNEL_PARAMETERS,
    `vm.name=${name}`,
    `vm.namespace=${namespace}`,
    `vm.os=${os}`,
  ].join(' ');
};

/** The shell prompt on the guest's serial port and VGA console: wait for it before typing. */
export const guestPrompt = (name: string): string => `[${name}]# `;

/** The banner's first line, printed on serial and VGA before each shell's first prompt. */
export const guestBannerLine = ({ name, namespace }: GuestIdentity): string =>
  `Virtual machine ${name} in namespace ${namespace}`;
