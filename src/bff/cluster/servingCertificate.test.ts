import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readServingCertificate,
  ServingCertificateError,
  watchServingCertificate,
} from './servingCertificate';
import { httpsCall, selfSignedCertificate, type CertificateFiles } from './testSupport';

let dir: string;
let first: CertificateFiles;
let second: CertificateFiles;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'serving-cert-'));
  first = selfSignedCertificate(path.join(dir, 'made'), 'first');
  second = selfSignedCertificate(path.join(dir, 'made'), 'second');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The files the server is pointed at, as the Secret's volume holds them. */
const mounted = (name: string, pair: CertificateFiles) => {
  const files = { certFile: path.join(dir, `${name}.crt`), keyFile: path.join(dir, `${name}.key`) };
  copyFileSync(pair.certFile, files.certFile);
  copyFileSync(pair.keyFile, files.keyFile);
  return files;
};

describe('readServingCertificate', () => {
  it('reads a matching pair', () => {
    expect(readServingCertificate(first)).toEqual({ cert: first.cert, key: first.key });
  });

  it('names the file it cannot read', () => {
    const missing = path.join(dir, 'absent.crt');
    expect(() => readServingCertificate({ certFile: missing, keyFile: first.keyFile })).toThrow(
      new ServingCertificateError(`Cannot read the TLS certificate file ${missing}: ENOENT.`),
    );
  });

  it('refuses a key that is not the certificate’s, naming both files', () => {
    const mismatched = { certFile: first.certFile, keyFile: second.keyFile };
    expect(() => readServingCertificate(mismatched)).toThrow(ServingCertificateError);
    expect(() => readServingCertificate(mismatched)).toThrow(
      `The TLS certificate ${first.certFile} and key ${second.keyFile} do not make a usable pair`,
    );
  });

  it('refuses a file that is not PEM', () => {
    const garbage = path.join(dir, 'garbage.crt');
    writeFileSync(garbage, 'not a certificate');
    expect(() => readServingCertificate({ certFile: garbage, keyFile: first.keyFile })).toThrow(
      /do not make a usable pair/,
    );
  });
});

describe('watchServingCertificate', () => {
  let server: Server;
  let base: string;
  const logged: { level: string; message: string }[] = [];
  const log = {
    info: (_details: object, message: string) => logged.push({ level: 'info', message }),
    warn: (_details: object, message: string) => logged.push({ level: 'warn', message }),
  };

  beforeAll(async () => {
    server = createServer({ cert: first.cert, key: first.key }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const presented = async (ca: string) => (await httpsCall(base, '/', { ca })).fingerprint;

  it('installs a rotated pair for new connections, and refuses a half-rotated one', async () => {
    const files = mounted('tls', first);
    const watch = watchServingCertificate(server, files, readServingCertificate(files), { log });
    try {
      const before = await presented(first.cert);
      expect(await watch.check()).toBe('unchanged');

      // The new certificate without its key: the old pair stays, the refusal is logged once.
      copyFileSync(second.certFile, files.certFile);
      expect(await watch.check()).toBe('kept');
      expect(await watch.check()).toBe('kept');
      expect(logged.filter((l) => l.level === 'warn')).toHaveLength(1);
      expect(await presented(first.cert)).toBe(before);

      copyFileSync(second.keyFile, files.keyFile);
      expect(await watch.check()).toBe('reloaded');
      expect(logged.at(-1)).toEqual({ level: 'info', message: 'serving certificate reloaded' });
      const after = await presented(second.cert);
      expect(after).not.toBe(before);
      // The old certificate no longer verifies the server.
      await expect(presented(first.cert)).rejects.toThrow();
      expect(await watch.check()).toBe('unchanged');
    } finally {
      watch.stop();
    }
  });

  it('keeps the current pair while the files are missing', async () => {
    const files = mounted('gone', second);
    const watch = watchServingCertificate(server, files, readServingCertificate(files), { log });
    try {
      rmSync(files.keyFile);
      expect(await watch.check()).toBe('kept');
      expect(logged.at(-1)?.message).toBe(
        'cannot re-read the serving certificate; keeping the current one',
      );
    } finally {
      watch.stop();
    }
  });
});
