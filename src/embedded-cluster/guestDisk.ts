import { open } from 'node:fs/promises';

/**
 * The boot disks of the embedded cluster's OS images. Guests boot the project's kernel and
 * initramfs directly (runtime/guestImage.ts); a boot disk says which OS the guest stands for in
 * its first sector, so a VM created from the "fedora" boot source comes up as Fedora. The rest of
 * the disk is the guest's to use (`/dev/vda` in the guest; the label stays in sector 0).
 *
 *   KUBEVIRT-EMBEDDED-GUEST-DISK 1\n
 *   os=fedora\n
 *   name=Fedora Linux 41\n
 */
export const GUEST_DISK_MAGIC = 'KUBEVIRT-EMBEDDED-GUEST-DISK 1\n';
const SECTOR = 512;
const OS_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface GuestDiskLabel {
  /** os-release ID with an optional version, as the kernel command line's `vm.os=`. */
  os: string;
  /** A human name for the image, e.g. `Fedora Linux 41`. */
  name?: string;
}

/** The 512-byte first sector that labels a boot disk. */
export const guestDiskHeader = (label: GuestDiskLabel): Buffer => {
  if (!OS_ID.test(label.os)) throw new RangeError(`invalid OS id ${JSON.stringify(label.os)}`);
  const name = (label.name ?? '').replace(/[\n\r]/g, ' ');
  const text = `${GUEST_DISK_MAGIC}os=${label.os}\n${name ? `name=${name}\n` : ''}`;
  const sector = Buffer.alloc(SECTOR);
  if (Buffer.byteLength(text) > SECTOR) throw new RangeError('label longer than a sector');
  sector.write(text, 'utf8');
  return sector;
};

/** Parses a first sector; undefined when it carries no label. */
export const parseGuestDiskHeader = (sector: Buffer): GuestDiskLabel | undefined => {
  const text = sector.subarray(0, SECTOR).toString('utf8');
  if (!text.startsWith(GUEST_DISK_MAGIC)) return undefined;
  const fields = new Map<string, string>();
  for (const line of text.slice(GUEST_DISK_MAGIC.length).split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) fields.set(line.slice(0, at), line.slice(at + 1).replace(/\0.*$/s, ''));
  }
  const os = fields.get('os');
  if (!os || !OS_ID.test(os)) return undefined;
  const name = fields.get('name');
  return name ? { os, name } : { os };
};

/** The label of a raw disk image file; undefined when unlabelled or unreadable. */
export const readGuestDiskLabel = async (file: string): Promise<GuestDiskLabel | undefined> => {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const sector = Buffer.alloc(SECTOR);
    const { bytesRead } = await handle.read(sector, 0, SECTOR, 0);
    return bytesRead === SECTOR ? parseGuestDiskHeader(sector) : undefined;
  } finally {
    await handle.close();
  }
};
