import { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
import { bffURL, errorMessage } from '../bff';

/**
 * Why there are no metrics to show: no Prometheus behind the BFF (`absent`), the caller may not
 * see them (`forbidden`), or Prometheus refused or failed the query (`failed`). Metrics are
 * optional: views show the reason, they never crash on it.
 */
export class MetricsUnavailable extends Error {
  constructor(
    readonly reason: 'absent' | 'forbidden' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'MetricsUnavailable';
  }
}

interface PrometheusAnswer<T> {
  status: 'success' | 'error';
  data?: T;
  error?: string;
}

const codeOf = (error: unknown): number | undefined => {
  const e = error as { code?: unknown; json?: { code?: unknown } } | null | undefined;
  if (typeof e?.code === 'number') return e.code;
  if (typeof e?.json?.code === 'number') return e.json.code;
  return undefined;
};

/**
 * GET `prometheus/api/v1/<endpoint>` through the BFF with `params`; `namespace` confines a caller
 * who may not view the whole cluster. `signal` cancels it (a range that changed, a page left).
 */
export const prometheusGet = async <T>(
  endpoint: string,
  params: Record<string, string | undefined>,
  signal?: AbortSignal,
): Promise<T> => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) search.set(key, value);
  let answer: PrometheusAnswer<T>;
  try {
    answer = (await consoleFetchJSON(
      bffURL(`prometheus/api/v1/${endpoint}?${search}`),
      'GET',
      signal ? { signal } : undefined,
    )) as PrometheusAnswer<T>;
  } catch (error) {
    const code = codeOf(error);
    const json = (error as { json?: { error?: unknown } } | null)?.json;
    const message = typeof json?.error === 'string' ? json.error : errorMessage(error);
    if (code === 503) throw new MetricsUnavailable('absent', message);
    if (code === 403) throw new MetricsUnavailable('forbidden', message);
    if (typeof json?.error === 'string' || code === 400 || code === 422)
      throw new MetricsUnavailable('failed', message);
    throw error;
  }
  if (answer.status !== 'success' || answer.data === undefined)
    throw new MetricsUnavailable('failed', answer.error ?? 'Prometheus answered without data');
  return answer.data;
};

/** One series of an instant vector. */
export interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** One series of a range matrix. */
export interface MatrixSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

/** `query`: the instant vector of `query` (now, or at `time` in seconds). */
export const queryVector = async (
  query: string,
  options: { namespace?: string; time?: number; signal?: AbortSignal } = {},
): Promise<VectorSample[]> => {
  const data = await prometheusGet<{ resultType: string; result: VectorSample[] }>(
    'query',
    {
      query,
      namespace: options.namespace,
      time: options.time === undefined ? undefined : String(options.time),
    },
    options.signal,
  );
  return data.resultType === 'vector' ? data.result : [];
};

/** `query_range`: the matrix of `query` from `start` to `end` (seconds) every `step` seconds. */
export const queryMatrix = async (
  query: string,
  range: { start: number; end: number; step: number },
  options: { namespace?: string; signal?: AbortSignal } = {},
): Promise<MatrixSeries[]> => {
  const data = await prometheusGet<{ resultType: string; result: MatrixSeries[] }>(
    'query_range',
    {
      query,
      namespace: options.namespace,
      start: String(range.start),
      end: String(range.end),
      step: String(range.step),
    },
    options.signal,
  );
  return data.resultType === 'matrix' ? data.result : [];
};
