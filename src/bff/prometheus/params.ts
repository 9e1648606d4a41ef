// The parameters of a Prometheus API call, read as Prometheus reads them: a POST's form body
// first, then the query string.
import type { FastifyRequest } from 'fastify';

export type Params = [string, string][];

/** Prometheus's limit on the points of one series in a range query. */
export const MAX_POINTS = 11_000;

/** A parameter Prometheus would refuse, or one we need and cannot read. */
export class ParamError extends Error {}

export const readParams = (request: FastifyRequest): Params => {
  const raw = request.raw.url ?? '';
  const queryAt = raw.indexOf('?');
  const inURL = new URLSearchParams(queryAt === -1 ? '' : raw.slice(queryAt + 1));
  // A form body: the string our parser keeps, or an object if the server parses forms itself.
  const body = request.body;
  const inBody =
    typeof body === 'string'
      ? new URLSearchParams(body)
      : new URLSearchParams(
          Object.entries((body ?? {}) as Record<string, unknown>).flatMap(([key, value]) =>
            (Array.isArray(value) ? value : [value]).map((item): [string, string] => [
              key,
              String(item),
            ]),
          ),
        );
  return [...inBody, ...inURL];
};

export const valuesOf = (params: Params, name: string) =>
  params.filter(([key]) => key === name).map(([, value]) => value);

/** The one value of `name` (the same value twice is once); two different ones are refused. */
export const single = (params: Params, name: string): string | undefined => {
  const values = new Set(valuesOf(params, name));
  if (values.size > 1)
    throw new ParamError(`Give the parameter "${name}" once, not ${values.size} times.`);
  return values.values().next().value;
};

export const without = (params: Params, ...names: string[]): Params =>
  params.filter(([key]) => !names.includes(key));

/** A Prometheus timestamp: Unix seconds (a float) or RFC 3339; undefined when neither. */
export const parseTime = (text: string): number | undefined => {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms / 1000;
};

const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_SECONDS = [365 * 86_400, 7 * 86_400, 86_400, 3_600, 60, 1, 0.001];

/** A Prometheus duration (`1h30m`, `15s`) or float seconds, in seconds; undefined when neither. */
export const parseDuration = (text: string): number | undefined => {
  if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
  const match = text ? DURATION.exec(text) : null;
  if (!match) return undefined;
  return match
    .slice(1)
    .reduce((sum, part, at) => sum + (part ? Number(part) * (UNIT_SECONDS[at] ?? 0) : 0), 0);
};

/**
 * Why a `query_range` would return more than MAX_POINTS points per series, with the step that
 * would do; undefined when it would not, or when Prometheus should judge the parameters itself.
 */
export const tooManyPoints = (params: Params): string | undefined => {
  const [start, end, step] = ['start', 'end', 'step'].map((name) => single(params, name));
  const from = start === undefined ? undefined : parseTime(start);
  const to = end === undefined ? undefined : parseTime(end);
  const seconds = step === undefined ? undefined : parseDuration(step);
  if (from === undefined || to === undefined || !seconds || to < from) return undefined;
  const points = Math.floor((to - from) / seconds) + 1;
  if ((to - from) / seconds <= MAX_POINTS) return undefined;
  const least = Math.ceil((to - from) / MAX_POINTS);
  return (
    `exceeded maximum resolution of 11,000 points per timeseries: this range at step=${step} ` +
    `is ${points} points. Use a step of at least ${least}s, or a shorter range.`
  );
};

/** `params` with `timeout` at most `maxSeconds` (Prometheus's own default is 2 minutes). */
export const capTimeout = (params: Params, maxSeconds: number): Params => {
  const given = single(params, 'timeout');
  const seconds = given === undefined ? undefined : parseDuration(given);
  if (given !== undefined && seconds !== undefined && seconds > 0 && seconds <= maxSeconds)
    return params;
  return [...without(params, 'timeout'), ['timeout', `${maxSeconds}s`]];
};
