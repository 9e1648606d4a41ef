// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { consoleFetchJSON, consoleFetchText } from './consoleFetchJSON';
import { HttpError, TimeoutError } from './HttpError';

type FetchArgs = [input: string, init: RequestInit];

const fetchMock = vi.fn<(input: string, init: RequestInit) => Promise<Response>>();

const jsonResponse = (body: unknown, status = 200, contentType = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });

const sent = (): { url: string; init: RequestInit; headers: Headers } => {
  expect(fetchMock).toHaveBeenCalledTimes(1);
  const [url, init] = fetchMock.mock.calls[0] as FetchArgs;
  return { url, init, headers: new Headers(init.headers) };
};

beforeEach(() => {
  fetchMock.mockReset();
  fetchMock.mockImplementation(async () => jsonResponse({ ok: true }));
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.cookie = 'csrf-token=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
});

describe('consoleFetchJSON', () => {
  it('GETs the URL with Accept: application/json and parses the JSON answer', async () => {
    fetchMock.mockResolvedValue(jsonResponse({ kind: 'VirtualMachineList', items: [] }));
    await expect(consoleFetchJSON('/api/vms')).resolves.toEqual({
      kind: 'VirtualMachineList',
      items: [],
    });
    const { url, init, headers } = sent();
    expect(url).toBe('/api/vms');
    expect(init.method).toBe('GET');
    expect(headers.get('Accept')).toBe('application/json');
    expect(init.credentials).toBe('same-origin');
  });

  it('uses the method it is given', async () => {
    await consoleFetchJSON('/api/vms', 'head');
    expect(sent().init.method).toBe('HEAD');
  });

  it('keeps an Accept header the caller chose', async () => {
    await consoleFetchJSON('/api/vms', 'GET', { headers: { Accept: 'application/yaml' } });
    expect(sent().headers.get('Accept')).toBe('application/yaml');
  });

  it('parses a JSON answer whose content type has parameters or a +json suffix', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse({ a: 1 }, 200, 'application/json; charset=utf-8'));
    await expect(consoleFetchJSON('/api/a')).resolves.toEqual({ a: 1 });
    fetchMock.mockResolvedValueOnce(jsonResponse({ b: 2 }, 200, 'application/merge-patch+json'));
    await expect(consoleFetchJSON('/api/b')).resolves.toEqual({ b: 2 });
  });

  it('answers {} for an empty body', async () => {
    fetchMock.mockResolvedValue(
      new Response('', { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    await expect(consoleFetchJSON('/api/x')).resolves.toEqual({});
  });

  it('answers {} for a 204 No Content', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(consoleFetchJSON('/api/x', 'DELETE')).resolves.toEqual({});
  });

  it('answers the text when the content type is not JSON', async () => {
    fetchMock.mockResolvedValue(
      new Response('{"looks":"like json"}', {
        status: 200,
        headers: { 'Content-Type': 'text/plain' },
      }),
    );
    await expect(consoleFetchJSON('/api/x')).resolves.toBe('{"looks":"like json"}');
  });

  it('answers the text when there is no content type', async () => {
    const response = new Response('plain words', { status: 200 });
    response.headers.delete('Content-Type');
    expect(response.headers.has('Content-Type')).toBe(false);
    fetchMock.mockResolvedValue(response);
    await expect(consoleFetchJSON('/api/x')).resolves.toBe('plain words');
  });

  it('rejects when a JSON content type carries invalid JSON', async () => {
    fetchMock.mockResolvedValue(
      new Response('not json', { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    await expect(consoleFetchJSON('/api/x')).rejects.toBeInstanceOf(SyntaxError);
  });

  it('throws the HttpError of a failed call', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse({ kind: 'Status', message: 'forbidden: no access', code: 403 }, 403),
    );
    const error: unknown = await consoleFetchJSON('/api/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).code).toBe(403);
    expect((error as HttpError).message).toBe('forbidden: no access');
  });

  it('passes the timeout through to consoleFetch', async () => {
    vi.useFakeTimers();
    fetchMock.mockImplementation(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    );
    const result = consoleFetchJSON('/api/slow', 'GET', {}, 50).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(50);
    const error = await result;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).ms).toBe(50);
  });
});

describe('consoleFetchJSON.post / put', () => {
  it('POSTs the JSON body as application/json', async () => {
    fetchMock.mockResolvedValue(jsonResponse({ metadata: { name: 'vm-1' } }, 201));
    const body = { metadata: { name: 'vm-1' } };
    await expect(consoleFetchJSON.post('/api/vms', body)).resolves.toEqual(body);
    const { init, headers } = sent();
    expect(init.method).toBe('POST');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(headers.get('Accept')).toBe('application/json');
    expect(init.body).toBe(JSON.stringify(body));
  });

  it('PUTs the JSON body as application/json', async () => {
    await consoleFetchJSON.put('/api/vms/vm-1', { spec: { running: true } });
    const { init, headers } = sent();
    expect(init.method).toBe('PUT');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(init.body).toBe('{"spec":{"running":true}}');
  });

  it('keeps the caller headers beside the JSON content type', async () => {
    await consoleFetchJSON.post('/api/vms', {}, { headers: { 'X-Extra': 'yes' } });
    const { headers } = sent();
    expect(headers.get('X-Extra')).toBe('yes');
    expect(headers.get('Content-Type')).toBe('application/json');
  });

  it('adds the CSRF header on writes', async () => {
    document.cookie = 'csrf-token=tok';
    await consoleFetchJSON.post('/api/vms', {});
    expect(sent().headers.get('X-CSRFToken')).toBe('tok');
  });
});

describe('consoleFetchJSON.patch', () => {
  it('sends an array as a JSON patch', async () => {
    const ops = [{ op: 'replace', path: '/spec/running', value: true }];
    await consoleFetchJSON.patch('/api/vms/vm-1', ops);
    const { init, headers } = sent();
    expect(init.method).toBe('PATCH');
    expect(headers.get('Content-Type')).toBe('application/json-patch+json');
    expect(init.body).toBe(JSON.stringify(ops));
  });

  it('sends an object as a merge patch', async () => {
    const patch = { metadata: { labels: { app: 'db' } } };
    await consoleFetchJSON.patch('/api/vms/vm-1', patch);
    const { init, headers } = sent();
    expect(init.method).toBe('PATCH');
    expect(headers.get('Content-Type')).toBe('application/merge-patch+json');
    expect(init.body).toBe(JSON.stringify(patch));
  });

  it('sends an empty array as a JSON patch, not a merge patch', async () => {
    await consoleFetchJSON.patch('/api/vms/vm-1', []);
    expect(sent().headers.get('Content-Type')).toBe('application/json-patch+json');
  });
});

describe('consoleFetchJSON.delete', () => {
  it('DELETEs without a body or content type when given no JSON', async () => {
    await consoleFetchJSON.delete('/api/vms/vm-1');
    const { init, headers } = sent();
    expect(init.method).toBe('DELETE');
    expect(init.body).toBeUndefined();
    expect(headers.has('Content-Type')).toBe(false);
    expect(headers.get('Accept')).toBe('application/json');
  });

  it('DELETEs with a JSON body when given one', async () => {
    const options = { kind: 'DeleteOptions', propagationPolicy: 'Foreground' };
    await consoleFetchJSON.delete('/api/vms/vm-1', options);
    const { init, headers } = sent();
    expect(init.method).toBe('DELETE');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(init.body).toBe(JSON.stringify(options));
  });

  it('keeps the caller options when given no JSON', async () => {
    await consoleFetchJSON.delete('/api/vms/vm-1', undefined, { headers: { 'X-Extra': 'yes' } });
    expect(sent().headers.get('X-Extra')).toBe('yes');
  });
});

describe('consoleFetchText', () => {
  it('answers the body text whatever its content type', async () => {
    fetchMock.mockResolvedValue(jsonResponse({ a: 1 }));
    await expect(consoleFetchText('/api/logs')).resolves.toBe('{"a":1}');
    const { init, headers } = sent();
    expect(init.method).toBe('GET');
    expect(headers.has('Accept')).toBe(false);
  });

  it('throws the HttpError of a failed call', async () => {
    fetchMock.mockResolvedValue(new Response('gone', { status: 410 }));
    await expect(consoleFetchText('/api/logs')).rejects.toBeInstanceOf(HttpError);
  });
});
