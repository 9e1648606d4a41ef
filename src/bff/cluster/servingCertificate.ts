import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createSecureContext, type Server as TlsServer } from 'node:tls';

export interface ServingCertificateFiles {
  certFile: string;
  keyFile: string;
}

/** A PEM certificate (chain) and its private key. */
export interface ServingCertificate {
  cert: string;
  key: string;
}

/** The files cannot be read, or do not make a usable pair; the message names them. */
export class ServingCertificateError extends Error {}

const readPEM = (file: string, what: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ServingCertificateError(`Cannot read the TLS ${what} file ${file}: ${code}.`);
  }
};

/** Throws unless `pair` makes a TLS context: both parse, and the key is the certificate's. */
const checkPair = (pair: ServingCertificate, files: ServingCertificateFiles) => {
  try {
    createSecureContext(pair);
  } catch (error) {
    throw new ServingCertificateError(
      `The TLS certificate ${files.certFile} and key ${files.keyFile} do not make a usable pair: ${(error as Error).message}.`,
    );
  }
};

/** Reads the certificate and key at start-up; a missing file or a mismatched pair is an error. */
export const readServingCertificate = (files: ServingCertificateFiles): ServingCertificate => {
  const pair = {
    cert: readPEM(files.certFile, 'certificate'),
    key: readPEM(files.keyFile, 'key'),
  };
  checkPair(pair, files);
  return pair;
};

/** What the watcher logs through (pino's shape). */
export interface CertificateLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface CertificateWatch {
  /** Re-reads the files now; new connections get the new pair once it is 'reloaded'. */
  check(): Promise<'unchanged' | 'reloaded' | 'kept'>;
  stop(): void;
}

/**
 * Keeps `server` on the current pair: the service CA rotates the serving certificate in place
 * (the kubelet swaps the Secret's files atomically), so the files are re-read every
 * `intervalMs` and a changed pair is installed without a restart. A pair that cannot be read or
 * does not match is refused and the old one kept (logged once per bad pair), then tried again.
 */
export const watchServingCertificate = (
  server: TlsServer,
  files: ServingCertificateFiles,
  current: ServingCertificate,
  { intervalMs = 60_000, log }: { intervalMs?: number; log: CertificateLogger },
): CertificateWatch => {
  let applied = current;
  let refused: string | undefined;
  const check = async (): Promise<'unchanged' | 'reloaded' | 'kept'> => {
    let next: ServingCertificate;
    try {
      next = {
        cert: await readFile(files.certFile, 'utf8'),
        key: await readFile(files.keyFile, 'utf8'),
      };
    } catch (error) {
      log.warn(
        { err: (error as Error).message, ...files },
        'cannot re-read the serving certificate; keeping the current one',
      );
      return 'kept';
    }
    if (next.cert === applied.cert && next.key === applied.key) return 'unchanged';
    try {
      server.setSecureContext(next);
    } catch (error) {
      const seen = next.cert + next.key;
      if (refused !== seen)
        log.warn(
          { err: (error as Error).message, ...files },
          'the new serving certificate and key do not match; keeping the current pair',
        );
      refused = seen;
      return 'kept';
    }
    applied = next;
    refused = undefined;
    log.info({ ...files }, 'serving certificate reloaded');
    return 'reloaded';
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
};
