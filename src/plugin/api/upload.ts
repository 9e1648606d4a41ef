import { uploadRoute } from '../../common/uploadProgress';
import { bffURL } from './bff';

/** Why an upload ended without the server's answer. */
export class UploadInterrupted extends Error {
  constructor(readonly kind: 'aborted' | 'network') {
    super(
      kind === 'aborted'
        ? 'The upload was cancelled.'
        : 'The connection was lost during the upload.',
    );
    this.name = 'UploadInterrupted';
  }
}

/** The server's refusal, shaped as the SDK's HttpError (`code`, `json`) so `errorMessage` reads it. */
export class UploadRefused extends Error {
  constructor(
    readonly code: number,
    readonly json: unknown,
    message: string,
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}

export interface UploadHandle {
  done: Promise<void>;
  cancel(): void;
}

const csrfToken = (): string | undefined => {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === 'csrf-token') return decodeURIComponent(value.join('='));
  }
  return undefined;
};

/**
 * POSTs an image file to the BFF's upload relay for DataVolume `name` (which streams it to CDI's
 * upload proxy). XHR rather than fetch: the browser reports upload progress only there.
 */
export const uploadImage = (
  namespace: string,
  name: string,
  file: Blob,
  onProgress: (sent: number, total: number) => void,
): UploadHandle => {
  const xhr = new XMLHttpRequest();
  const done = new Promise<void>((resolve, reject) => {
    xhr.open('POST', bffURL(uploadRoute(namespace, name)));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    const csrf = csrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRFToken', csrf);
    xhr.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size, file.size);
        resolve();
        return;
      }
      let json: { message?: string } | undefined;
      try {
        json = JSON.parse(xhr.responseText) as { message?: string };
      } catch {
        json = undefined;
      }
      reject(
        new UploadRefused(
          xhr.status,
          json,
          json?.message || xhr.statusText || `HTTP ${xhr.status}`,
        ),
      );
    };
    xhr.onerror = () => reject(new UploadInterrupted('network'));
    xhr.onabort = () => reject(new UploadInterrupted('aborted'));
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
};
