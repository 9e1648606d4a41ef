import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { HttpRoute } from '../modules/clusterModule';
import { ensureOsImageFile } from './imageFiles';
import { imageFileName, type ImageFormat, OS_IMAGES, type OsImage } from './osImages';
import { imageRate, throttle } from './rateLimit';

export const IMAGES_PREFIX = '/images/';
const FORMATS: ImageFormat[] = ['raw', 'qcow2', 'gz', 'xz'];
const CONTENT_TYPES: Record<ImageFormat, string> = {
  raw: 'application/octet-stream',
  qcow2: 'application/x-qemu-disk',
  gz: 'application/gzip',
  xz: 'application/x-xz',
};

/** The image and format a file name on the mirror stands for (`rhel9.img.xz`). */
export const imageForFileName = (
  name: string,
): { image: OsImage; format: ImageFormat } | undefined => {
  for (const image of OS_IMAGES)
    for (const format of FORMATS)
      if (imageFileName(image.id, format) === name) return { image, format };
  return undefined;
};

const plain = (res: ServerResponse, status: number, text: string) => {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
};

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` within `size`; null when unsatisfiable. */
const parseRange = (header: string, size: number): [number, number] | null | undefined => {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, from = '', to = ''] = match;
  if (!from && !to) return null;
  const start = from ? Number(from) : Math.max(0, size - Number(to));
  const end = from && to ? Math.min(Number(to), size - 1) : size - 1;
  return start <= end && start < size ? [start, end] : null;
};

/**
 * The cluster's image mirror: `GET|HEAD /images/<os>.img|.qcow2|.img.gz|.img.xz`, no
 * credentials (a public mirror), Content-Length and Range, at a bounded rate.
 */
export const imageServerRoute = (dataDir: string): HttpRoute => ({
  prefix: IMAGES_PREFIX,
  async handle(req: IncomingMessage, res: ServerResponse, url: URL) {
    const found = imageForFileName(url.pathname.slice(IMAGES_PREFIX.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      plain(res, 405, 'Method Not Allowed');
      return;
    }
    if (!found) {
      plain(res, 404, '404 page not found');
      return;
    }
    const file = await ensureOsImageFile(dataDir, found.image, found.format);
    const { size, mtime } = await stat(file);
    const headers: Record<string, string> = {
      'Content-Type': CONTENT_TYPES[found.format],
      'Accept-Ranges': 'bytes',
      'Last-Modified': mtime.toUTCString(),
    };
    let [start, end] = [0, size - 1];
    let status = 200;
    const range = req.headers.range ? parseRange(req.headers.range, size) : undefined;
    if (range === null) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` });
      res.end();
      return;
    }
    if (range) {
      [start, end] = range;
      status = 206;
      headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    }
    headers['Content-Length'] = String(end - start + 1);
    res.writeHead(status, headers);
    if (req.method === 'HEAD' || size === 0) {
      res.end();
      return;
    }
    await pipeline(createReadStream(file, { start, end }), throttle(imageRate()), res).catch(
      () => undefined, // the client went away
    );
  },
});
