import { kubeRequest, UpstreamUnavailableError, type KubeResponse } from '../kube/connection';

/** A Prometheus-compatible HTTP API: a base URL (its `/api/v1/` is under it) and its CA. */
export interface PrometheusTarget {
  url: string;
  /** PEM bundle that signed an https URL's certificate; TLS is always verified. */
  ca?: string;
}

export interface PrometheusRequest {
  method: 'GET' | 'POST';
  /** Sent as the query string (GET) or as a form body (POST). */
  params: [string, string][];
  /** Always in the query string, whatever the method (the tenancy proxy reads `namespace` there). */
  urlParams?: [string, string][];
  /** The caller's own `Authorization`; undefined for a Prometheus the BFF reaches directly. */
  authorization?: string;
  signal?: AbortSignal;
  timeoutMs: number;
}

/**
 * One request to `target`'s `apiPath` (e.g. `/api/v1/query`), streamed back: resolves with the
 * answer's head; rejects with UpstreamUnavailableError naming Prometheus (503 unreachable, 504
 * no answer in time).
 */
export const prometheusRequest = async (
  target: PrometheusTarget,
  apiPath: string,
  request: PrometheusRequest,
): Promise<KubeResponse> => {
  const base = new URL(target.url);
  const form = new URLSearchParams(request.params).toString();
  const inURL = new URLSearchParams([
    ...(request.urlParams ?? []),
    ...(request.method === 'GET' ? request.params : []),
  ]).toString();
  const path = `${base.pathname.replace(/\/+$/, '')}${apiPath}${inURL ? `?${inURL}` : ''}`;
  try {
    return await kubeRequest({ server: base, ca: target.ca }, path, {
      method: request.method,
      authorization: request.authorization,
      headers: {
        accept: 'application/json',
        ...(request.method === 'POST'
          ? { 'content-type': 'application/x-www-form-urlencoded' }
          : {}),
      },
      body: request.method === 'POST' ? form : undefined,
      signal: request.signal,
      timeoutMs: request.timeoutMs,
    });
  } catch (error) {
    if (!(error instanceof UpstreamUnavailableError)) throw error;
    throw new UpstreamUnavailableError(
      error.code === 504
        ? `Prometheus at ${base.origin} did not answer within ${request.timeoutMs / 1000} s; ` +
            'ask for a shorter range, a larger step or fewer series.'
        : `Cannot reach Prometheus at ${base.origin}: ${error.message.replace(/^.*: /, '')} ` +
            'Check that it is running and that the console is configured with its address.',
      error.code,
    );
  }
};
