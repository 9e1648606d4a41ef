import type { FastifyRequest } from 'fastify';
import { failureStatus, isKubernetesStatus, type KubernetesStatus } from '../common/cluster-info';
import {
  kubeRequest,
  UpstreamUnavailableError,
  type KubeConnection,
  type KubeResponse,
} from './kube/connection';

/** The result of a call to the cluster: its JSON body, or a `Status` saying why not. */
export type UpstreamResult<T> =
  { ok: true; status: number; body: T } | { ok: false; status: number; body: KubernetesStatus };

/** The `Authorization` header to send upstream for a request: the caller's, never the BFF's. */
export type Authorization = (request: FastifyRequest) => string | undefined;

export interface Upstream {
  url: URL;
  /** GET a JSON document from the API server as the caller (their Authorization header). */
  getJSON<T>(path: string, authorization: string | undefined): Promise<UpstreamResult<T>>;
}

const TIMEOUT_MS = 10_000;

/** Reads a streamed answer whole (for the small JSON documents these routes ask for). */
const readText = async (response: KubeResponse): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

export const createUpstream = (connection: KubeConnection): Upstream => ({
  url: connection.server,
  async getJSON<T>(path: string, authorization: string | undefined) {
    const where = `the cluster at ${connection.server.origin}`;
    let response: KubeResponse;
    try {
      response = await kubeRequest(connection, path, {
        authorization,
        headers: { accept: 'application/json' },
        timeoutMs: TIMEOUT_MS,
      });
    } catch (error) {
      if (!(error instanceof UpstreamUnavailableError)) throw error;
      return {
        ok: false,
        status: error.code,
        body: failureStatus(
          error.code,
          error.code === 504 ? 'Timeout' : 'ServiceUnavailable',
          error.message,
        ),
      };
    }
    const status = response.statusCode ?? 502;
    const text = await readText(response);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const ok = status >= 200 && status < 300;
    if (ok && body !== undefined) return { ok: true, status, body: body as T };
    if (isKubernetesStatus(body)) return { ok: false, status, body };
    const code = ok ? 502 : status;
    const message = ok
      ? `${where} answered ${path} with something that is not JSON.`
      : `${where} answered ${path} with HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}.`;
    return {
      ok: false,
      status: code,
      body: failureStatus(code, ok ? 'BadGateway' : (response.statusMessage ?? 'Error'), message),
    };
  },
});
