/**
 * The BFF's upload relay (`POST upload/NS/NAME`, `GET upload/NS/NAME`), shared by the BFF and
 * the UI. The browser sees its own upload progress (XHR upload events); this is what the BFF
 * keeps per target volume so a reloaded page can show where an upload stands.
 */

/**
 * `receiving`: bytes are moving (when `bytesReceived === bytesTotal` the upload proxy is writing
 * the image into the volume; `message` says so). `done`: the volume holds the image. `failed`:
 * `message` says why and how to go on (upload the file again, or recreate the volume).
 */
export type UploadPhase = 'receiving' | 'done' | 'failed';

export interface UploadProgress {
  phase: UploadPhase;
  bytesReceived: number;
  /** The request's Content-Length, when the browser sent one. */
  bytesTotal?: number;
  message?: string;
  /** RFC 3339 times of the start and of the last change. */
  startedAt: string;
  updatedAt: string;
}

/** The BFF route of an upload into DataVolume or PVC `name` of `namespace`, under the BFF prefix. */
export const uploadRoute = (namespace: string, name: string) =>
  `upload/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

/** A byte count for people: `512 B`, `3.4 MiB`, `1.2 GiB`. */
export const formatByteCount = (bytes: number): string => {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit = 'B';
  for (const next of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${value < 10 ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value)} ${unit}`;
};
