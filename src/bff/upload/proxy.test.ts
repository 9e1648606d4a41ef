import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../kube/testKit';
import { BodyTooLargeError, ClientAbortedError, relayUpload, uploadProxyURL } from './proxy';

const MiB = 2 ** 20;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A stand-in upload proxy that counts what arrives and tells how the request ended. */
const countingProxy = async () => {
  let received = 0;
  let resolveEnd: (how: string) => void = () => undefined;
  const ended = new Promise<string>((resolve) => (resolveEnd = resolve));
  let resolveBytes: () => void = () => undefined;
  const someBytes = new Promise<void>((resolve) => (resolveBytes = resolve));
  const proxy = await listen((req, res) => {
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      resolveBytes();
    });
    req.on('end', () => {
      res.end('');
      resolveEnd('complete');
    });
    req.on('error', () => resolveEnd('aborted'));
    req.on('close', () => {
      if (!req.complete) resolveEnd('aborted');
    });
  });
  closers.push(proxy.close);
  return {
    url: new URL('/cdi-upload/v1beta1/upload', proxy.url),
    ended,
    someBytes,
    received: () => received,
  };
};

/** `count` chunks of 1 MiB, made only as they are read. */
const chunks = (count: number) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < count; i++) yield Buffer.alloc(MiB, i);
    })(),
  );

describe('relayUpload', () => {
  it('enforces the limit while streaming: the proxy sees its request aborted', async () => {
    const proxy = await countingProxy();
    const counts: number[] = [];
    const relay = relayUpload(proxy.url, {
      token: 't',
      body: chunks(8),
      limit: 2 * MiB,
      onBytes: (n) => counts.push(n),
      signal: new AbortController().signal,
      connectTimeoutMs: 5_000,
    });
    await expect(relay).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(await proxy.ended).toBe('aborted');
    expect(proxy.received()).toBeLessThanOrEqual(2 * MiB);
    expect(counts.at(-1)).toBe(2 * MiB);
  });

  it('ends the upstream request when the browser leaves', async () => {
    const proxy = await countingProxy();
    const controller = new AbortController();
    const body = new Readable({ read() {} });
    const relay = relayUpload(proxy.url, {
      token: 't',
      body,
      length: 4 * MiB,
      limit: 8 * MiB,
      onBytes: () => undefined,
      signal: controller.signal,
      connectTimeoutMs: 5_000,
    });
    body.push(Buffer.alloc(MiB));
    await proxy.someBytes;
    controller.abort();
    await expect(relay).rejects.toBeInstanceOf(ClientAbortedError);
    expect(await proxy.ended).toBe('aborted');
  });

  it('passes a whole body on and resolves with the answer', async () => {
    const proxy = await countingProxy();
    const answer = await relayUpload(proxy.url, {
      token: 't',
      body: chunks(3),
      limit: 8 * MiB,
      onBytes: () => undefined,
      signal: new AbortController().signal,
      connectTimeoutMs: 5_000,
    });
    expect(answer.status).toBe(200);
    expect(await proxy.ended).toBe('complete');
    expect(proxy.received()).toBe(3 * MiB);
  });
});

describe('uploadProxyURL', () => {
  const connection = { server: new URL('https://127.0.0.1:1') };
  it('takes the configured URL, and a bare host (a Route) as https', async () => {
    expect((await uploadProxyURL(connection, 'Bearer x', 'https://proxy.example/')).href).toBe(
      'https://proxy.example/v1beta1/upload',
    );
    expect(
      (await uploadProxyURL(connection, 'Bearer x', 'cdi-uploadproxy-openshift-cnv.apps.example'))
        .href,
    ).toBe('https://cdi-uploadproxy-openshift-cnv.apps.example/v1beta1/upload');
  });
});
