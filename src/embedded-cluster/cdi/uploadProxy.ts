import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Readable, Transform } from 'node:stream';
import type { HandlerResult, RequestContext, SpecialResource } from '../api/apiServer';
import { ApiError, badRequest } from '../api/errors';
import type { HttpRoute } from '../modules/clusterModule';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import type { DataVolumeController } from './dataVolumeController';
import { PVCS } from './dataVolumeStatus';
import { ImageTooLargeError } from './diskImage';
import { NotReadyForUpload } from './transfers';
import type { UploadTokens } from './uploadTokens';

export const UPLOAD_PREFIX = '/cdi-upload';

/** `POST …/uploadtokenrequests`: a token for uploading into a PVC of the namespace. */
export class UploadTokenRequestHandler implements SpecialResource {
  constructor(
    private readonly store: ObjectStore,
    private readonly tokens: UploadTokens,
  ) {}

  async handle(context: RequestContext): Promise<HandlerResult | undefined> {
    if (context.info.verb !== 'create') return undefined;
    const namespace = context.info.namespace ?? '';
    const body = (await context.body()) as KubeObject | undefined;
    const pvcName = (body?.spec as { pvcName?: string } | undefined)?.pvcName;
    if (!body || body.kind !== 'UploadTokenRequest' || !pvcName)
      throw badRequest('the body must be an UploadTokenRequest with spec.pvcName');
    if (!this.store.get(PVCS, namespace, pvcName))
      throw new ApiError(404, 'NotFound', `persistentvolumeclaims "${pvcName}" not found`, {
        name: pvcName,
        kind: 'persistentvolumeclaims',
      });
    return {
      status: 201,
      body: {
        apiVersion: 'upload.cdi.kubevirt.io/v1beta1',
        kind: 'UploadTokenRequest',
        metadata: { ...body.metadata, namespace, creationTimestamp: null },
        spec: { pvcName },
        status: { token: this.tokens.issue({ namespace, name: pvcName }) },
      },
    };
  }
}

const text = (res: ServerResponse, status: number, message: string) => {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(message);
};

/** The `file` field of a multipart/form-data body, streamed (nothing is held in memory). */
const formFile = (req: IncomingMessage): Readable => {
  const boundary = /boundary="?([^";]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1];
  if (!boundary) throw new Error('expected multipart/form-data with a boundary');
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let buffer = Buffer.from('\r\n');
  let state: 'headers' | 'file' | 'skip' | 'done' = 'skip';
  const parse = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (state === 'done') {
          buffer = Buffer.alloc(0);
          break;
        }
        if (state === 'headers') {
          const end = buffer.indexOf('\r\n\r\n');
          if (end < 0) break;
          const headers = buffer.subarray(0, end).toString('utf8');
          state = /name="file"/i.test(headers) ? 'file' : 'skip';
          buffer = buffer.subarray(end + 4);
          continue;
        }
        const at = buffer.indexOf(delimiter);
        if (at < 0) {
          // Keep what could be the start of a delimiter; pass the rest on.
          const keep = Math.min(buffer.length, delimiter.length);
          if (state === 'file') this.push(buffer.subarray(0, buffer.length - keep));
          buffer = buffer.subarray(buffer.length - keep);
          break;
        }
        if (state === 'file') {
          this.push(buffer.subarray(0, at));
          state = 'done';
          continue;
        }
        buffer = buffer.subarray(at + delimiter.length);
        if (buffer.length < 2) {
          buffer = Buffer.concat([delimiter, buffer]);
          break;
        }
        if (buffer.subarray(0, 2).toString() === '--') state = 'done';
        else state = 'headers';
      }
      done();
    },
  });
  req.on('error', (error) => parse.destroy(error));
  return req.pipe(parse);
};

/**
 * cdi-uploadproxy: `POST /cdi-upload/v1beta1/upload` (and `upload-async`, `upload-form`) with
 * `Authorization: Bearer <upload token>` streams an image into the token's PVC; `GET
 * /cdi-upload/healthz` answers OK.
 */
export const uploadProxyRoute = (
  tokens: UploadTokens,
  dataVolumes: DataVolumeController,
): HttpRoute => ({
  prefix: `${UPLOAD_PREFIX}/`,
  async handle(req: IncomingMessage, res: ServerResponse, url: URL) {
    const route = url.pathname.slice(UPLOAD_PREFIX.length);
    if (route === '/healthz') {
      text(res, 200, 'OK');
      return;
    }
    const match =
      /^\/v1(?:alpha1|beta1)\/(upload|upload-async|upload-form|upload-form-async)$/.exec(route);
    if (!match) {
      text(res, 404, '404 page not found\n');
      return;
    }
    if (req.method !== 'POST' && req.method !== 'PUT') {
      res.setHeader('Allow', 'POST, PUT');
      text(res, 405, 'Method Not Allowed');
      return;
    }
    const header = req.headers.authorization ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!bearer) {
      text(res, 400, header ? 'Bad Authorization header' : 'Missing Authorization header');
      return;
    }
    let claims;
    try {
      claims = tokens.verify(bearer);
    } catch (error) {
      text(res, 401, `Unauthorized: ${(error as Error).message}`);
      return;
    }
    if (!dataVolumes.uploadReady(claims.namespace, claims.name)) {
      text(res, 503, `PVC ${claims.namespace}/${claims.name} not ready for upload`);
      return;
    }
    const form = match[1]?.startsWith('upload-form');
    let body: Readable;
    try {
      body = form ? formFile(req) : req;
    } catch (error) {
      text(res, 400, (error as Error).message);
      return;
    }
    const length = Number(req.headers['content-length']);
    try {
      await dataVolumes.upload(
        claims.namespace,
        claims.name,
        body,
        Number.isFinite(length) && length > 0 ? length : undefined,
      );
      text(res, 200, '');
    } catch (error) {
      req.resume();
      if (error instanceof ImageTooLargeError) text(res, 400, error.message);
      else if (error instanceof NotReadyForUpload) text(res, 503, error.message);
      else text(res, 500, `Saving stream failed: ${(error as Error).message}`);
    }
  },
});
