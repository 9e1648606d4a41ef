import zlib from 'node:zlib';

/**
 * CRC-32 (the zlib/PNG polynomial) of `data`. Node has had a native zlib.crc32 since 20.15 and
 * package.json asks for 20.19, so no table is carried here; the check turns an older runtime into
 * a clear message instead of "crc32 is not a function" deep inside a replay.
 */
export const crc32 = (data: Uint8Array): number => {
  if (typeof zlib.crc32 !== 'function') {
    throw new Error(`journal: Node ${process.version} lacks zlib.crc32 (needs 20.15 or later)`);
  }
  return zlib.crc32(data);
};
