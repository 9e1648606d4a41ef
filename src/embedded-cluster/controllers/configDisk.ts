// The small disks KubeVirt makes from data (cloud-init NoCloud / ConfigDrive, Secret, ConfigMap
// volumes): here a raw disk that is a plain tar archive of the files, so the guest can read
// them with `tar -xf /dev/vdX` (the guest image has no filesystems to mount). Pure.

const BLOCK = 512;

const octal = (value: number, width: number) => value.toString(8).padStart(width - 1, '0') + '\0';

/** A ustar header for a regular file. */
const header = (name: string, size: number, mtime: number): Buffer => {
  const block = Buffer.alloc(BLOCK);
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new RangeError(`file name longer than 100 bytes: ${name}`);
  nameBytes.copy(block, 0);
  block.write(octal(0o644, 8), 100, 'latin1');
  block.write(octal(0, 8), 108, 'latin1'); // uid
  block.write(octal(0, 8), 116, 'latin1'); // gid
  block.write(octal(size, 12), 124, 'latin1');
  block.write(octal(mtime, 12), 136, 'latin1');
  block.write('        ', 148, 'latin1'); // checksum counts as spaces while summing
  block.write('0', 156, 'latin1');
  block.write('ustar\0', 257, 'latin1');
  block.write('00', 263, 'latin1');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
};

/**
 * A tar archive of `files` (name → content), in the given order, padded to whole 512-byte
 * blocks and closed with two zero blocks; `minBytes` pads it further (a disk of a round size).
 */
export const tarImage = (
  files: [name: string, content: Buffer | string][],
  options: { mtime?: number; minBytes?: number } = {},
): Buffer => {
  const mtime = options.mtime ?? Math.floor(Date.now() / 1000);
  const parts: Buffer[] = [];
  for (const [name, content] of files) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    parts.push(header(name, data.length, mtime), data);
    const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  const image = Buffer.concat(parts);
  const size = Math.max(image.length, options.minBytes ?? 0);
  return size > image.length ? Buffer.concat([image, Buffer.alloc(size - image.length)]) : image;
};
