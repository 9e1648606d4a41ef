import { inflateSync } from 'node:zlib';
import { encodePngRgb, PNG_SIGNATURE, ppmToPng, readPngSize } from './png';

/** The IDAT payload of a PNG, inflated. */
const pixelsOf = (png: Buffer): Buffer => {
  let offset = 8;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += length + 12;
  }
  return inflateSync(Buffer.concat(idat));
};

describe('png', () => {
  it('converts a P6 PPM (with a comment) to a PNG of the same pixels', () => {
    const pixels = Buffer.from([
      255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90,
    ]);
    const ppm = Buffer.concat([Buffer.from('P6\n# by qemu\n3 2\n255\n'), pixels]);
    const png = ppmToPng(ppm);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(readPngSize(png)).toEqual({ width: 3, height: 2 });
    expect(pixelsOf(png)).toEqual(
      Buffer.concat([
        Buffer.from([0]),
        pixels.subarray(0, 9),
        Buffer.from([0]),
        pixels.subarray(9),
      ]),
    );
    expect(png.subarray(-12, -4).toString('latin1')).toBe('\0\0\0\0IEND');
  });

  it('scales a maxval below 255', () => {
    const png = ppmToPng(Buffer.concat([Buffer.from('P6 1 1 15\n'), Buffer.from([15, 0, 5])]));
    expect([...pixelsOf(png)]).toEqual([0, 255, 0, 85]);
  });

  it('refuses what is not a PNG or PPM', () => {
    expect(() => readPngSize(Buffer.from('GIF89a'.padEnd(40, ' ')))).toThrow(/signature/);
    const png = encodePngRgb(1, 1, Buffer.from([1, 2, 3]));
    png[20] = 9; // corrupt the IHDR height
    expect(() => readPngSize(png)).toThrow(/CRC/);
    expect(() => ppmToPng(Buffer.from('P3\n1 1\n255\n0 0 0'))).toThrow(/P6/);
    expect(() => ppmToPng(Buffer.from('P6\n1'))).toThrow(/Truncated/);
  });
});
