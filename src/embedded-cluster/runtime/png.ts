// Minimal PNG helpers for screenshots: read a PNG's size, and turn QEMU's PPM (P6) screendump
// into a PNG with zlib, for QEMU builds whose `screendump` lacks `format: png`.
import { crc32, deflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface ImageSize {
  width: number;
  height: number;
}

/** Checks the PNG signature and the IHDR chunk; returns the image size or throws. */
export const readPngSize = (png: Buffer): ImageSize => {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new Error('Not a PNG: bad signature');
  }
  if (png.readUInt32BE(8) !== 13 || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('Not a PNG: the first chunk is not IHDR');
  }
  const expected = png.readUInt32BE(29);
  if (crc32(png.subarray(12, 29)) >>> 0 !== expected) throw new Error('Not a PNG: IHDR CRC');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
};

const chunk = (type: string, data: Buffer): Buffer => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
};

/** Encodes 8-bit RGB pixels (row-major, 3 bytes a pixel) as a PNG. */
export const encodePngRgb = (width: number, height: number, rgb: Buffer): Buffer => {
  if (rgb.length < width * height * 3) throw new Error('Not enough pixel data');
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    rgb.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  // compression, filter and interlace methods stay 0
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

/** Converts a binary PPM (P6, maxval ≤ 255) to PNG. */
export const ppmToPng = (ppm: Buffer): Buffer => {
  const fields: number[] = [];
  let offset = 2;
  if (ppm.toString('latin1', 0, 2) !== 'P6') throw new Error('Not a binary PPM (P6)');
  while (fields.length < 3) {
    const byte = ppm[offset];
    if (byte === undefined) throw new Error('Truncated PPM header');
    if (byte === 0x23) {
      // comment up to the end of the line
      while (offset < ppm.length && ppm[offset] !== 0x0a) offset++;
    } else if (byte >= 0x30 && byte <= 0x39) {
      let value = 0;
      for (let digit = ppm[offset]; digit !== undefined && digit >= 0x30 && digit <= 0x39;) {
        value = value * 10 + (digit - 0x30);
        digit = ppm[++offset];
      }
      fields.push(value);
      continue;
    }
    offset++;
  }
  offset++; // the single whitespace byte after maxval
  const [width = 0, height = 0, maxval = 0] = fields;
  if (maxval <= 0 || maxval > 255) throw new Error(`Unsupported PPM maxval ${maxval}`);
  let pixels = ppm.subarray(offset, offset + width * height * 3);
  if (maxval !== 255) {
    pixels = Buffer.from(pixels.map((value) => Math.round((value * 255) / maxval)));
  }
  return encodePngRgb(width, height, pixels);
};
