import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ensureOsImageFile, osImageDigest } from './imageFiles';
import { OS_IMAGES, type OsImage } from './osImages';
import { imageRate, throttle } from './rateLimit';

/** A source's bytes as they arrive, with their length when known. */
export interface SourceStream {
  stream: Readable;
  total?: number;
}

/** A failure worded as CDI's importer words it (the DV condition and event message). */
export class SourceError extends Error {}

const CONNECT_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 10;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Go's net/http wording of a failed request: `dial tcp: lookup HOST: no such host`… */
const goError = (url: URL, error: NodeJS.ErrnoException): string => {
  const address = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
  switch (error.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `dial tcp: lookup ${url.hostname}: no such host`;
    case 'ECONNREFUSED':
      return `dial tcp ${address}: connect: connection refused`;
    case 'ETIMEDOUT':
      return `dial tcp ${address}: i/o timeout`;
    case 'ECONNRESET':
      return `read tcp ${address}: read: connection reset by peer`;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'tls: failed to verify certificate: x509: certificate signed by unknown authority';
    default:
      return error.message;
  }
};

export interface HttpSourceOptions {
  /** Extra CA certificates to trust (the cluster's own CA, for its image mirror). */
  ca?: string;
  /** Hosts (host:port) this cluster can reach besides loopback: its own listeners. */
  reachable: string[];
}

const get = (url: URL, options: HttpSourceOptions) =>
  new Promise<IncomingMessage>((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(url, {
      method: 'GET',
      ...(url.protocol === 'https:'
        ? { ca: options.ca ? [...rootCertificates, options.ca] : undefined }
        : {}),
    });
    const timer = setTimeout(() => {
      const error = new Error('connect timeout') as NodeJS.ErrnoException;
      error.code = 'ETIMEDOUT';
      req.destroy(error);
    }, CONNECT_TIMEOUT_MS);
    req.on('response', (response) => {
      clearTimeout(timer);
      resolve(response);
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end();
  });

/**
 * Opens an http(s) source as CDI's importer does (redirects followed). The embedded cluster
 * reaches only itself: loopback and its own listeners; any other host fails as an
 * unresolvable name does.
 */
export const openHttpSource = async (
  address: string,
  options: HttpSourceOptions,
): Promise<SourceStream> => {
  const prefix = 'Unable to connect to http data source';
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new SourceError(`${prefix}: parse "${address}": invalid URI for request`);
  }
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new SourceError(
        `${prefix}: Get "${url.href}": unsupported protocol scheme "${url.protocol.replace(':', '')}"`,
      );
    const reachable = LOOPBACK.has(url.hostname) || options.reachable.includes(url.host);
    if (!reachable)
      throw new SourceError(
        `${prefix}: Get "${url.href}": ${goError(url, Object.assign(new Error(''), { code: 'ENOTFOUND' }))}`,
      );
    let response: IncomingMessage;
    try {
      response = await get(url, options);
    } catch (error) {
      throw new SourceError(
        `${prefix}: Get "${url.href}": ${goError(url, error as NodeJS.ErrnoException)}`,
      );
    }
    const status = response.statusCode ?? 0;
    if ([301, 302, 303, 307, 308].includes(status) && response.headers.location) {
      response.resume();
      url = new URL(response.headers.location, url);
      continue;
    }
    if (status !== 200) {
      response.resume();
      const text = response.statusMessage || STATUS_TEXT[status] || '';
      throw new SourceError(
        `${prefix}: expected status code 200, got ${status}. Status: ${status} ${text}`,
      );
    }
    const length = Number(response.headers['content-length']);
    return { stream: response, total: Number.isFinite(length) && length > 0 ? length : undefined };
  }
  throw new SourceError(`${prefix}: Get "${url.href}": stopped after ${MAX_REDIRECTS} redirects`);
};

/** `docker://host/repo:tag` or `…@sha256:…`, split. */
const parseRegistryURL = (address: string) => {
  const match = /^docker:\/\/([^/]+)\/(.+?)(?:@(sha256:[0-9a-f]{64})|:([^/:@]+))?$/.exec(address);
  if (!match) return undefined;
  const [, host = '', repository = '', digest, tag] = match;
  return { host, repository, digest, tag: tag ?? (digest ? undefined : 'latest') };
};

const splitReference = (reference: string) => {
  const at = reference.indexOf('/');
  const colon = reference.lastIndexOf(':');
  return {
    host: reference.slice(0, at),
    repository: reference.slice(at + 1, colon),
    tag: reference.slice(colon + 1),
  };
};

/**
 * The mirrored OS image a registry URL names: one of the well-known references, or the same
 * repository on this cluster's own host (`docker://127.0.0.1:PORT/containerdisks/fedora:latest`).
 * A digest reference matches when it is the image's digest.
 */
export const resolveRegistryImage = async (
  address: string,
  options: { dataDir: string; ownHosts: string[] },
): Promise<OsImage> => {
  const prefix =
    'Unable to process data: Unable to transfer source data to scratch space: Failed to read registry image';
  const parsed = parseRegistryURL(address);
  if (!parsed)
    throw new SourceError(
      `${prefix}: Could not parse image: invalid reference format "${address}"`,
    );
  const own = options.ownHosts.includes(parsed.host);
  const known = OS_IMAGES.some((image) => splitReference(image.registry).host === parsed.host);
  if (!own && !known) {
    const hostname = parsed.host.replace(/:\d+$/, '');
    throw new SourceError(
      `${prefix}: Could not fetch image: pinging container registry ${parsed.host}: Get "https://${parsed.host}/v2/": dial tcp: lookup ${hostname}: no such host`,
    );
  }
  for (const image of OS_IMAGES) {
    const ref = splitReference(image.registry);
    if (ref.repository !== parsed.repository || (!own && ref.host !== parsed.host)) continue;
    if (parsed.tag !== undefined && parsed.tag !== ref.tag) continue;
    if (parsed.digest && parsed.digest !== (await osImageDigest(options.dataDir, image))) continue;
    return image;
  }
  throw new SourceError(
    `${prefix}: Could not fetch image: reading manifest ${parsed.digest ?? parsed.tag ?? ''} in ${parsed.host}/${parsed.repository}: manifest unknown: manifest unknown`,
  );
};

/**
 * The mirrored image's disk, read at the mirror's rate. Container disks carry qcow2, as
 * quay.io/containerdisks images do: the importer converts it, and the transfer is small.
 */
export const openRegistryImage = async (dataDir: string, image: OsImage): Promise<SourceStream> => {
  const file = await ensureOsImageFile(dataDir, image, 'qcow2');
  const { size } = await stat(file);
  return { stream: createReadStream(file).pipe(throttle(imageRate())), total: size };
};
