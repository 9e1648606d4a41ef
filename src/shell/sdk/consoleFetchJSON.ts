import { consoleFetch } from './consoleFetch';

const parseBody = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  if (!text) return {};
  return response.headers.get('Content-Type')?.includes('json') ? JSON.parse(text) : text;
};

const send = async (
  url: string,
  method: string,
  options: RequestInit = {},
  timeout?: number,
): Promise<unknown> => {
  const headers = new Headers(options.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  return parseBody(await consoleFetch(url, { ...options, method, headers }, timeout));
};

const withJSONBody = (
  json: unknown,
  contentType: string,
  options: RequestInit = {},
): RequestInit => {
  const headers = new Headers(options.headers);
  headers.set('Content-Type', contentType);
  return { ...options, headers, body: JSON.stringify(json) };
};

/** The console's `consoleFetchJSON`, with its post/put/patch/delete helpers. */
export const consoleFetchJSON = Object.assign(
  (url: string, method = 'GET', options?: RequestInit, timeout?: number) =>
    send(url, method, options, timeout),
  {
    post: (url: string, json: unknown, options?: RequestInit, timeout?: number) =>
      send(url, 'POST', withJSONBody(json, 'application/json', options), timeout),
    put: (url: string, json: unknown, options?: RequestInit, timeout?: number) =>
      send(url, 'PUT', withJSONBody(json, 'application/json', options), timeout),
    // A JSON patch is a list of operations; an object is a merge patch.
    patch: (url: string, json: unknown, options?: RequestInit, timeout?: number) =>
      send(
        url,
        'PATCH',
        withJSONBody(
          json,
          Array.isArray(json) ? 'application/json-patch+json' : 'application/merge-patch+json',
          options,
        ),
        timeout,
      ),
    delete: (url: string, json?: unknown, options?: RequestInit, timeout?: number) =>
      send(
        url,
        'DELETE',
        json === undefined || json === null
          ? options
          : withJSONBody(json, 'application/json', options),
        timeout,
      ),
  },
);

/** The console's `consoleFetchText`. */
export const consoleFetchText = async (url: string, options?: RequestInit, timeout?: number) =>
  (await consoleFetch(url, options, timeout)).text();
