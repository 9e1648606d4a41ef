// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { consoleFetch, setUnauthorizedHandler } from './consoleFetch';
import { HttpError, TimeoutError } from './HttpError';

type FetchArgs = [input: string, init: RequestInit];

const fetchMock = vi.fn<(input: string, init: RequestInit) => Promise<Response>>();

/** The init consoleFetch handed to `fetch` on its only call. */
const sentInit = (): RequestInit => {
  expect(fetchMock).toHaveBeenCalledTimes(1);
  const [, init] = fetchMock.mock.calls[0] as FetchArgs;
  return init;
};

const sentHeaders = (): Headers => new Headers(sentInit().headers);

/** A `fetch` that never answers, but rejects with the signal's reason once aborted. */
const hangingFetch = (_input: string, init: RequestInit): Promise<Response> =>
  new Promise<Response>((_resolve, reject) => {
    const signal = init.signal;
    if (!signal) return;
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    signal.addEventListener('abort', () => reject(signal.reason));
  });

const caught = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
};

const caughtHttpError = async (promise: Promise<unknown>): Promise<HttpError> => {
  const error = await caught(promise);
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
};

const setCookie = (value: string) => {
  document.cookie = value;
};

const clearCookies = () => {
  for (const part of document.cookie.split(';')) {
    const name = part.trim().split('=')[0];
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT`;
  }
};

beforeEach(() => {
  fetchMock.mockReset();
  fetchMock.mockResolvedValue(new Response('ok', { status: 200 }));
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  setUnauthorizedHandler(undefined);
  clearCookies();
});

describe('consoleFetch request', () => {
  it('sends same-origin credentials and GET by default', async () => {
    await consoleFetch('/api/x');
    const [input] = fetchMock.mock.calls[0] as FetchArgs;
    expect(input).toBe('/api/x');
    expect(sentInit().credentials).toBe('same-origin');
    expect(sentInit().method).toBe('GET');
  });

  it('lets the caller override the credentials mode', async () => {
    await consoleFetch('/api/x', { credentials: 'include' });
    expect(sentInit().credentials).toBe('include');
  });

  it('upper-cases the method', async () => {
    await consoleFetch('/api/x', { method: 'patch' });
    expect(sentInit().method).toBe('PATCH');
  });

  it('keeps the caller headers and body', async () => {
    await consoleFetch('/api/x', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'X-Extra': 'yes' },
      body: 'payload',
    });
    expect(sentHeaders().get('Content-Type')).toBe('text/plain');
    expect(sentHeaders().get('X-Extra')).toBe('yes');
    expect(sentInit().body).toBe('payload');
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'delete'])(
    'adds X-CSRFToken from the csrf-token cookie on %s',
    async (method) => {
      setCookie('other=1');
      setCookie('csrf-token=tok123');
      await consoleFetch('/api/x', { method });
      expect(sentHeaders().get('X-CSRFToken')).toBe('tok123');
    },
  );

  it.each(['GET', 'HEAD', 'OPTIONS', 'get'])('does not add X-CSRFToken on %s', async (method) => {
    setCookie('csrf-token=tok123');
    await consoleFetch('/api/x', { method });
    expect(sentHeaders().has('X-CSRFToken')).toBe(false);
  });

  it('does not add X-CSRFToken when there is no csrf-token cookie', async () => {
    setCookie('not-csrf-token=tok123');
    setCookie('csrf-token-old=tok456');
    await consoleFetch('/api/x', { method: 'POST' });
    expect(sentHeaders().has('X-CSRFToken')).toBe(false);
  });

  it('URI-decodes the csrf-token cookie value', async () => {
    setCookie('csrf-token=a%2Bb%2Fc');
    await consoleFetch('/api/x', { method: 'POST' });
    expect(sentHeaders().get('X-CSRFToken')).toBe('a+b/c');
  });

  // RFC 6265 allows '=' in a cookie value (padded base64, say): the whole token must be sent.
  it('sends the whole csrf-token when the cookie value contains "="', async () => {
    setCookie('csrf-token=YWJjZA==');
    await consoleFetch('/api/x', { method: 'POST' });
    expect(sentHeaders().get('X-CSRFToken')).toBe('YWJjZA==');
  });

  it('passes fetch a signal even when the caller gives none', async () => {
    await consoleFetch('/api/x');
    expect(sentInit().signal).toBeInstanceOf(AbortSignal);
  });
});

describe('consoleFetch answers', () => {
  it('returns an OK response as is', async () => {
    const response = new Response('body', { status: 200 });
    fetchMock.mockResolvedValue(response);
    await expect(consoleFetch('/api/x')).resolves.toBe(response);
  });

  it('returns a 304 response instead of throwing', async () => {
    const response = new Response(null, { status: 304 });
    fetchMock.mockResolvedValue(response);
    await expect(consoleFetch('/api/x')).resolves.toBe(response);
  });

  it('throws an HttpError with the Kubernetes Status message, code, response and json', async () => {
    const status = {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: 'virtualmachines "vm-1" not found',
      reason: 'NotFound',
      code: 404,
    };
    const response = new Response(JSON.stringify(status), {
      status: 404,
      statusText: 'Not Found',
      headers: { 'Content-Type': 'application/json' },
    });
    fetchMock.mockResolvedValue(response);
    const error = await caughtHttpError(consoleFetch('/api/x'));
    expect(error.message).toBe('virtualmachines "vm-1" not found');
    expect(error.code).toBe(404);
    expect(error.response).toBe(response);
    expect(error.json).toEqual(status);
    expect(error.name).toBe('HttpError');
  });

  it('uses the "error" field when the JSON body has no message', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ error: 'bad gateway upstream' }), { status: 502 }),
    );
    const error = await caughtHttpError(consoleFetch('/api/x'));
    expect(error.message).toBe('bad gateway upstream');
    expect(error.code).toBe(502);
  });

  it('ignores a non-string message and falls back to the body text', async () => {
    const body = JSON.stringify({ message: 42 });
    fetchMock.mockResolvedValue(new Response(body, { status: 400 }));
    const error = await caughtHttpError(consoleFetch('/api/x'));
    expect(error.message).toBe(body);
    expect(error.json).toEqual({ message: 42 });
  });

  it('uses the plain-text body, cut to 500 characters, when the body is not JSON', async () => {
    const text = `upstream failure ${'x'.repeat(600)}`;
    fetchMock.mockResolvedValue(new Response(text, { status: 500 }));
    const error = await caughtHttpError(consoleFetch('/api/x'));
    expect(error.message).toBe(text.slice(0, 500));
    expect(error.message).toHaveLength(500);
    expect(error.json).toBeUndefined();
    expect(error.code).toBe(500);
  });

  it('uses the status text when the body is empty', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 503, statusText: 'Unavailable' }));
    const error = await caughtHttpError(consoleFetch('/api/x'));
    expect(error.message).toBe('Unavailable');
    expect(error.json).toBeUndefined();
  });

  it('uses "HTTP <code>" when there is neither body nor status text', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 418, statusText: '' }));
    const error = await caughtHttpError(consoleFetch('/api/x'));
    expect(error.message).toBe('HTTP 418');
    expect(error.code).toBe(418);
  });

  it('calls the unauthorized handler on a 401 and still throws the HttpError', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ kind: 'Status', message: 'Unauthorized' }), { status: 401 }),
    );
    const error = await caughtHttpError(consoleFetch('/api/x'));
    expect(handler).toHaveBeenCalledTimes(1);
    expect(error.code).toBe(401);
    expect(error.message).toBe('Unauthorized');
  });

  it('does not call the unauthorized handler on a 403', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    fetchMock.mockResolvedValue(new Response('forbidden', { status: 403 }));
    const error = await caughtHttpError(consoleFetch('/api/x'));
    expect(error.code).toBe(403);
    expect(handler).not.toHaveBeenCalled();
  });

  it('stops calling a handler once it is cleared', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    setUnauthorizedHandler(undefined);
    fetchMock.mockResolvedValue(new Response(null, { status: 401 }));
    await caughtHttpError(consoleFetch('/api/x'));
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes a network error through unchanged', async () => {
    const failure = new TypeError('Failed to fetch');
    fetchMock.mockRejectedValue(failure);
    await expect(consoleFetch('/api/x')).rejects.toBe(failure);
  });
});

describe('consoleFetch timeout and abort', () => {
  it('rejects with a TimeoutError once the timeout passes', async () => {
    vi.useFakeTimers();
    fetchMock.mockImplementation(hangingFetch);
    const result = caught(consoleFetch('/api/slow', {}, 1_000));
    await vi.advanceTimersByTimeAsync(999);
    expect(sentInit().signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await result;
    expect(error).toBeInstanceOf(TimeoutError);
    const timeout = error as TimeoutError;
    expect(timeout.url).toBe('/api/slow');
    expect(timeout.ms).toBe(1_000);
    expect(timeout.message).toBe('Call to /api/slow timed out after 1000 ms.');
  });

  it('times out after 60 seconds by default', async () => {
    vi.useFakeTimers();
    fetchMock.mockImplementation(hangingFetch);
    const result = caught(consoleFetch('/api/slow'));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(sentInit().signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await result;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).ms).toBe(60_000);
  });

  it('never times out when the timeout is 0', async () => {
    vi.useFakeTimers();
    fetchMock.mockImplementation(hangingFetch);
    void consoleFetch('/api/slow', {}, 0).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(sentInit().signal?.aborted).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clears its timer once the answer arrives', async () => {
    vi.useFakeTimers();
    await consoleFetch('/api/x', {}, 1_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('aborts the request when the caller signal aborts, with the caller reason', async () => {
    fetchMock.mockImplementation(hangingFetch);
    const caller = new AbortController();
    const reason = new Error('navigated away');
    const result = caught(consoleFetch('/api/x', { signal: caller.signal }));
    caller.abort(reason);
    const error = await result;
    expect(error).toBe(reason);
    expect(error).not.toBeInstanceOf(TimeoutError);
  });

  // An 'abort' listener never fires for a signal aborted before the call, so it is checked first.
  it('does not send a request whose signal is already aborted', async () => {
    fetchMock.mockImplementation(hangingFetch);
    const caller = new AbortController();
    const reason = new Error('cancelled before start');
    caller.abort(reason);
    vi.useFakeTimers();
    const result = caught(consoleFetch('/api/x', { signal: caller.signal }, 1_000));
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(result).resolves.toBe(reason);
  });
});
