import { HttpError, TimeoutError } from './HttpError';

const DEFAULT_TIMEOUT_MS = 60_000;
const CSRF_COOKIE = 'csrf-token';

let onUnauthorized: (() => void) | undefined;

/** The shell decides what a 401 means (back to its login page); the plugin only sees the error. */
export const setUnauthorizedHandler = (handler: (() => void) | undefined) => {
  onUnauthorized = handler;
};

const readCookie = (name: string): string | undefined => {
  for (const part of document.cookie.split(';')) {
    const pair = part.trim();
    const equals = pair.indexOf('=');
    if (equals > 0 && pair.slice(0, equals) === name) {
      const value = pair.slice(equals + 1);
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
};

const isSafeMethod = (method: string) => ['GET', 'HEAD', 'OPTIONS'].includes(method);

/**
 * The console's `consoleFetch`: same-origin credentials, the CSRF header on every unsafe
 * method, a timeout, and an `HttpError` carrying the server's `Status` on failure.
 */
export const consoleFetch = async (
  url: string,
  options: RequestInit = {},
  timeout = DEFAULT_TIMEOUT_MS,
): Promise<Response> => {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers = new Headers(options.headers);
  const csrf = readCookie(CSRF_COOKIE);
  if (csrf && !isSafeMethod(method)) headers.set('X-CSRFToken', csrf);

  const controller = new AbortController();
  const callerSignal = options.signal;
  const abortWithCaller = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) abortWithCaller();
  else callerSignal?.addEventListener('abort', abortWithCaller, { once: true });
  const timer =
    timeout > 0
      ? setTimeout(() => controller.abort(new TimeoutError(url, timeout)), timeout)
      : undefined;
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'same-origin',
      ...options,
      method,
      headers,
      signal: controller.signal,
    });
  } catch (error) {
    if (controller.signal.reason instanceof TimeoutError) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', abortWithCaller);
  }

  if (response.ok || response.status === 304) return response;
  if (response.status === 401) onUnauthorized?.();

  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const body = json as { message?: unknown; error?: unknown } | undefined;
  const message =
    (typeof body?.message === 'string' && body.message) ||
    (typeof body?.error === 'string' && body.error) ||
    text.slice(0, 500) ||
    response.statusText ||
    `HTTP ${response.status}`;
  throw new HttpError(message, response.status, response, json);
};
