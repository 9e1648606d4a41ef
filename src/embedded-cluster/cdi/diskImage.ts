import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip } from 'node:zlib';

const execFileAsync = promisify(execFile);
const BLOCK = 4096;
const ZERO = Buffer.alloc(BLOCK);

/** CDI's words when an image does not fit its volume. */
export class ImageTooLargeError extends Error {
  constructor(virtualSize: number, available: number) {
    super(
      `Virtual image size ${virtualSize} is larger than the reported available storage ${available}. A larger PVC is required.`,
    );
  }
}

export type DetectedFormat = 'raw' | 'qcow2' | 'gz' | 'xz';

/** The format a disk image starts with, by its magic bytes. */
export const detectFormat = (head: Buffer): DetectedFormat => {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gz';
  if (head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (head.subarray(0, 4).equals(Buffer.from([0x51, 0x46, 0x49, 0xfb]))) return 'qcow2';
  return 'raw';
};

/** Reads the first bytes, then gives them back at the front of the rest of the stream. */
const peek = async (source: Readable, bytes: number): Promise<[Buffer, Readable]> => {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = Buffer.from(next.value);
    chunks.push(chunk);
    length += chunk.length;
  }
  const head = Buffer.concat(chunks);
  const rest = Readable.from(
    (async function* () {
      if (head.length) yield head;
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield Buffer.from(next.value);
      }
    })(),
  );
  return [head, rest];
};

/** Writes a raw stream into the (already zeroed) file, skipping zero blocks so it stays sparse. */
const writeRawSparse = async (source: Readable, file: string, available: number) => {
  const handle = await open(file, 'r+');
  let offset = 0;
  try {
    for await (const value of source) {
      const chunk = value as Buffer;
      const end = offset + chunk.length;
      if (end <= available) {
        for (let at = 0; at < chunk.length; at += BLOCK) {
          const block = chunk.subarray(at, at + BLOCK);
          const zero = block.length === BLOCK ? block.equals(ZERO) : block.every((b) => b === 0);
          if (!zero) await handle.write(block, 0, block.length, offset + at);
        }
      }
      offset = end;
    }
  } finally {
    await handle.close();
  }
  if (offset > available) throw new ImageTooLargeError(offset, available);
};

const qcow2VirtualSize = async (file: string): Promise<number> => {
  const { stdout } = await execFileAsync('qemu-img', [
    'info',
    '--output=json',
    '-f',
    'qcow2',
    file,
  ]);
  return Number((JSON.parse(stdout) as { 'virtual-size': number })['virtual-size']);
};

export interface ImageTarget {
  /** The claim's file (its size is the volume's capacity and is kept). */
  file: string;
  /** Bytes the image may take: the capacity, less filesystem overhead on Filesystem volumes. */
  available: number;
  /** Where qcow2 images are staged before conversion (CDI's scratch space). */
  scratchDir: string;
}

const writeDetected = async (source: Readable, target: ImageTarget): Promise<void> => {
  const [head, stream] = await peek(source, 8);
  const format = detectFormat(head);
  if (format === 'gz') {
    const gunzip = createGunzip();
    stream.on('error', (error) => gunzip.destroy(error));
    return writeDetected(stream.pipe(gunzip), target);
  }
  if (format === 'xz') {
    const child = spawn('xz', ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? 1));
    });
    const feeding = pipeline(stream, child.stdin).catch((error: unknown) => error);
    await writeDetected(child.stdout, target);
    const [code, fed] = await Promise.all([exited, feeding]);
    if (fed instanceof Error) throw fed;
    if (code !== 0) throw new Error(`xz: ${stderr.trim() || `exit code ${code}`}`);
    return;
  }
  if (format === 'qcow2') {
    await mkdir(target.scratchDir, { recursive: true });
    const scratch = path.join(target.scratchDir, `${randomUUID()}.qcow2`);
    try {
      await pipeline(stream, createWriteStream(scratch));
      const virtualSize = await qcow2VirtualSize(scratch);
      if (virtualSize > target.available)
        throw new ImageTooLargeError(virtualSize, target.available);
      await execFileAsync('qemu-img', [
        'convert',
        '-n',
        '-f',
        'qcow2',
        '-O',
        'raw',
        scratch,
        target.file,
      ]);
    } finally {
      await rm(scratch, { force: true });
    }
    return;
  }
  await writeRawSparse(stream, target.file, target.available);
};

/**
 * Writes a disk image (raw, qcow2, gzip or xz, found by magic) into a claim's file as raw, as
 * CDI's importer and upload server do: the file is zeroed first (keeping its size), qcow2 is
 * converted with `qemu-img convert` through a scratch file, compressed streams are decompressed
 * on the fly. Throws ImageTooLargeError when the image does not fit.
 */
export const writeImage = async (source: Readable, target: ImageTarget): Promise<void> => {
  const { size } = await stat(target.file);
  await truncate(target.file, 0);
  await truncate(target.file, size);
  await writeDetected(source, target);
};
