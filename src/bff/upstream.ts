import { failureStatus, isKubernetesStatus, type KubernetesStatus } from '../common/cluster-info';

/** The result of a call to the cluster: its JSON body, or a `Status` saying why not. */
export type UpstreamResult<T> =
  { ok: true; status: number; body: T } | { ok: false; status: number; body: KubernetesStatus };

export interface Upstream {
  url: URL;
  /** GET a JSON document from the API server as the caller (their Authorization header). */
  getJSON<T>(path: string, authorization: string | undefined): Promise<UpstreamResult<T>>;
}

const TIMEOUT_MS = 10_000;

export const createUpstream = (url: URL): Upstream => ({
  url,
  async getJSON<T>(path: string, authorization: string | undefined) {
    const target = new URL(path, url);
    const where = `the cluster at ${url.origin}`;
    let response: Response;
    try {
      response = await fetch(target, {
        headers: {
          Accept: 'application/json',
          ...(authorization ? { Authorization: authorization } : {}),
        },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        return {
          ok: false,
          status: 504,
          body: failureStatus(
            504,
            'Timeout',
            `No answer from ${where} within ${TIMEOUT_MS / 1000} s.`,
          ),
        };
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const detail = cause?.code ?? cause?.message ?? (error as Error).message;
      return {
        ok: false,
        status: 503,
        body: failureStatus(503, 'ServiceUnavailable', `Cannot reach ${where}: ${detail}.`),
      };
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (response.ok && body !== undefined)
      return { ok: true, status: response.status, body: body as T };
    if (isKubernetesStatus(body)) return { ok: false, status: response.status, body };
    const status = response.ok ? 502 : response.status;
    const message = response.ok
      ? `${where} answered ${path} with something that is not JSON.`
      : `${where} answered ${path} with HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}.`;
    return {
      ok: false,
      status,
      body: failureStatus(status, response.ok ? 'BadGateway' : response.statusText, message),
    };
  },
});
