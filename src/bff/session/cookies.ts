import type { IncomingHttpHeaders } from 'node:http';

/** The value of one cookie in a request's `Cookie` header. */
export const readCookie = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  for (const part of (headers.cookie ?? '').split(';')) {
    const equals = part.indexOf('=');
    if (equals > 0 && part.slice(0, equals).trim() === name) {
      return part.slice(equals + 1).trim() || undefined;
    }
  }
  return undefined;
};

export interface CookieAttributes {
  httpOnly: boolean;
  secure: boolean;
  /** 0 asks the browser to drop the cookie; unset, it lasts until the browser closes. */
  maxAge?: number;
}

/** A `Set-Cookie` value, always Path=/ and SameSite=Strict. Values must be cookie-safe already. */
export const serializeCookie = (
  name: string,
  value: string,
  { httpOnly, secure, maxAge }: CookieAttributes,
): string =>
  [
    `${name}=${value}`,
    'Path=/',
    ...(maxAge === undefined ? [] : [`Max-Age=${maxAge}`]),
    ...(httpOnly ? ['HttpOnly'] : []),
    ...(secure ? ['Secure'] : []),
    'SameSite=Strict',
  ].join('; ');
