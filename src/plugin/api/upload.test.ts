// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UploadInterrupted, UploadRefused, uploadImage } from './upload';

/** A stand-in XMLHttpRequest the test drives by hand. */
class FakeXhr {
  static last: FakeXhr;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  statusText = '';
  responseText = '';
  upload: {
    onprogress?: (event: { loaded: number; total: number; lengthComputable: boolean }) => void;
  } = {};
  onload?: () => void;
  onerror?: () => void;
  onabort?: () => void;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  answer(status: number, text = '') {
    this.status = status;
    this.responseText = text;
    this.onload?.();
  }
}

beforeEach(() => {
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  document.cookie = 'csrf-token=tok%2B1';
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = 'csrf-token=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
});

const file = new Blob(['x'.repeat(100)]);

describe('uploadImage', () => {
  it('POSTs the file to the BFF relay with the CSRF token and reports progress', async () => {
    const progress = vi.fn();
    const handle = uploadImage('demo', 'vm-data', file, progress);
    const xhr = FakeXhr.last;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toMatch(/upload\/demo\/vm-data$/);
    expect(xhr.headers).toEqual({
      'Content-Type': 'application/octet-stream',
      'X-CSRFToken': 'tok+1',
    });
    expect(xhr.body).toBe(file);
    xhr.upload.onprogress?.({ loaded: 40, total: 100, lengthComputable: true });
    expect(progress).toHaveBeenLastCalledWith(40, 100);
    xhr.answer(200);
    await handle.done;
    expect(progress).toHaveBeenLastCalledWith(100, 100);
  });

  it('rejects with the server’s Status', async () => {
    const handle = uploadImage('demo', 'vm-data', file, () => undefined);
    FakeXhr.last.answer(
      413,
      JSON.stringify({ kind: 'Status', code: 413, message: 'The file is too large.' }),
    );
    const error = await handle.done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadRefused);
    expect(error).toMatchObject({ code: 413, message: 'The file is too large.' });
  });

  it('rejects as cancelled when aborted, and on a lost connection', async () => {
    const cancelled = uploadImage('demo', 'vm-data', file, () => undefined);
    cancelled.cancel();
    await expect(cancelled.done).rejects.toEqual(new UploadInterrupted('aborted'));
    const lost = uploadImage('demo', 'vm-data', file, () => undefined);
    FakeXhr.last.onerror?.();
    await expect(lost.done).rejects.toMatchObject({ kind: 'network' });
  });
});
