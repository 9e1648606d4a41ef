import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGzip } from 'node:zlib';
import { guestDiskHeader } from '../guestDisk';
import { imageFileName, type ImageFormat, type OsImage } from './osImages';

const execFileAsync = promisify(execFile);

/** Size of every mirrored OS image (a sparse raw disk). */
export const OS_IMAGE_BYTES = 64 * 2 ** 20;
/** Where the recognisable content of an image starts (after the label in sector 0). */
export const OS_IMAGE_CONTENT_OFFSET = 2 ** 20;

export const imagesDir = (dataDir: string) => path.join(dataDir, 'images');

/** What an image carries after its label: a few KiB of text naming it, easy to find in tests. */
export const osImageContent = (image: OsImage): Buffer => {
  const line = `embedded-cluster os image ${image.id}: ${image.displayName}\n`;
  return Buffer.from(line.repeat(Math.ceil(4096 / line.length)).slice(0, 4096));
};

const inFlight = new Map<string, Promise<string>>();

/** Builds `file` once (concurrent callers share the work); written beside it, then renamed. */
const once = (file: string, build: (partial: string) => Promise<void>): Promise<string> => {
  const running = inFlight.get(file);
  if (running) return running;
  const work = (async () => {
    if (await stat(file).catch(() => undefined)) return file;
    await mkdir(path.dirname(file), { recursive: true });
    const partial = `${file}.partial-${process.pid}`;
    try {
      await build(partial);
      await rename(partial, file);
    } finally {
      await rm(partial, { force: true });
    }
    return file;
  })().finally(() => inFlight.delete(file));
  inFlight.set(file, work);
  return work;
};

const buildRaw = async (image: OsImage, partial: string) => {
  const handle = await open(partial, 'w');
  try {
    await handle.truncate(OS_IMAGE_BYTES);
    await handle.write(guestDiskHeader({ os: image.os, name: image.displayName }), 0, 512, 0);
    const content = osImageContent(image);
    await handle.write(content, 0, content.length, OS_IMAGE_CONTENT_OFFSET);
  } finally {
    await handle.close();
  }
};

const xzCompress = async (source: string, partial: string) => {
  const out = await open(partial, 'w');
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn('xz', ['-c', '-T1', '-1', source], {
        stdio: ['ignore', out.fd, 'ignore'],
      });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`xz exited with ${code}`)),
      );
    });
  } finally {
    await out.close();
  }
};

/**
 * The file of an OS image in a format, made on first use below `DATA/images/`: the raw disk
 * (label, then recognisable content, sparse), and from it the qcow2 (qemu-img), gzip and xz
 * forms.
 */
export const ensureOsImageFile = async (
  dataDir: string,
  image: OsImage,
  format: ImageFormat = 'raw',
): Promise<string> => {
  const file = path.join(imagesDir(dataDir), imageFileName(image.id, format));
  if (format === 'raw') return once(file, (partial) => buildRaw(image, partial));
  const raw = await ensureOsImageFile(dataDir, image, 'raw');
  if (format === 'qcow2')
    return once(file, async (partial) => {
      await execFileAsync('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, partial]);
    });
  if (format === 'gz')
    return once(file, (partial) =>
      pipeline(createReadStream(raw), createGzip(), createWriteStream(partial)),
    );
  return once(file, (partial) => xzCompress(raw, partial));
};

const digests = new Map<string, string>();

/** `sha256:…` of an image's raw disk: the digest its registry reference resolves to. */
export const osImageDigest = async (dataDir: string, image: OsImage): Promise<string> => {
  const raw = await ensureOsImageFile(dataDir, image, 'raw');
  const cached = digests.get(raw);
  if (cached) return cached;
  const hash = createHash('sha256');
  await pipeline(createReadStream(raw), hash);
  const digest = `sha256:${hash.digest('hex')}`;
  digests.set(raw, digest);
  return digest;
};
