import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** How long an upload token is good for (cdi-apiserver issues them for 5 minutes). */
export const UPLOAD_TOKEN_TTL_SECONDS = 300;

const b64 = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export interface UploadTokenClaims {
  namespace: string;
  name: string;
}

/**
 * Upload tokens as cdi-apiserver issues them: a JWT naming the operation (Upload) and the PVC,
 * valid for five minutes, here signed with HMAC-SHA256 under a key kept 0600 in
 * `DATA/cdi/upload-token.key`.
 */
export class UploadTokens {
  private readonly key: Buffer;

  constructor(dataDir: string) {
    const dir = path.join(dataDir, 'cdi');
    const file = path.join(dir, 'upload-token.key');
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    }
    this.key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  }

  private sign(data: string) {
    return createHmac('sha256', this.key).update(data).digest();
  }

  issue(claims: UploadTokenClaims, nowSeconds = Math.floor(Date.now() / 1000)): string {
    const header = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64(
      JSON.stringify({
        iss: 'cdi-apiserver',
        iat: nowSeconds,
        nbf: nowSeconds,
        exp: nowSeconds + UPLOAD_TOKEN_TTL_SECONDS,
        operation: 'Upload',
        name: claims.name,
        namespace: claims.namespace,
        resource: { group: '', version: 'v1', resource: 'persistentvolumeclaims' },
      }),
    );
    return `${header}.${payload}.${b64(this.sign(`${header}.${payload}`))}`;
  }

  /** The PVC a token allows uploading to; throws with the reason it is refused. */
  verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): UploadTokenClaims {
    const [header = '', payload = '', signature = ''] = token.split('.');
    const expected = this.sign(`${header}.${payload}`);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new Error('invalid token: signature is invalid');
    let body: { exp?: number; nbf?: number; operation?: string; name?: string; namespace?: string };
    try {
      body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof body;
    } catch {
      throw new Error('invalid token: malformed payload');
    }
    if (typeof body.exp !== 'number' || nowSeconds >= body.exp)
      throw new Error('invalid token: token is expired');
    if (typeof body.nbf === 'number' && nowSeconds + 10 < body.nbf)
      throw new Error('invalid token: token is not valid yet');
    if (body.operation !== 'Upload' || !body.name || !body.namespace)
      throw new Error('invalid token: not an upload token');
    return { namespace: body.namespace, name: body.name };
  }
}
