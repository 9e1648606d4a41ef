import { STATUS_CODES } from 'node:http';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { failureStatus } from '../../common/cluster-info';
import { AccessError } from '../kube/accessReview';
import {
  UpstreamUnavailableError,
  type KubeConnection,
  type KubeResponse,
} from '../kube/connection';
import { createMonitoringAccess } from './access';
import {
  capTimeout,
  ParamError,
  readParams,
  single,
  tooManyPoints,
  valuesOf,
  without,
  type Params,
} from './params';
import { confineMatcher, confineQuery, PromQLError } from './promql';
import { prometheusRequest, type PrometheusTarget } from './upstream';

/**
 * Where the BFF finds Prometheus. `direct`: one it reaches without the caller's identity (the
 * local one of `npm start`, or a configured URL), so the BFF confines callers itself. `thanos`:
 * OpenShift's Thanos querier, asked with the caller's own token: port 9091 for those who may
 * view cluster monitoring, the tenancy port 9092 (9093 for rules) with `namespace=` for others.
 */
export type PrometheusSource =
  | { kind: 'direct'; url: string; ca?: string }
  | { kind: 'thanos'; url: string; tenancyURL: string; tenancyRulesURL?: string; ca?: string };

export interface PrometheusRoutesOptions {
  connection: KubeConnection;
  /** The caller's `Authorization` header value (`Bearer …`), if any. */
  authorization(request: FastifyRequest): string | undefined;
  /** undefined: every route answers 503 with `absentReason`. */
  source: PrometheusSource | undefined;
  /** What the UI shows when there is no Prometheus, e.g. how to install it. */
  absentReason?: string;
  /** How long a query may run, upstream and here (default 60 s). */
  queryTimeoutMs?: number;
  /** How long one token's access answers are reused (default 10 s). */
  accessTtlMs?: number;
}

/** How each endpoint is confined for a caller limited to one namespace (direct source). */
type Confinement = 'query' | 'match' | 'rules' | 'alerts';

interface Endpoint {
  url: string;
  /** Prometheus takes a form body too (long queries). */
  post: boolean;
  confine: Confinement;
  range?: boolean;
}

const ENDPOINTS: Endpoint[] = [
  { url: '/api/v1/query', post: true, confine: 'query' },
  { url: '/api/v1/query_range', post: true, confine: 'query', range: true },
  { url: '/api/v1/series', post: true, confine: 'match' },
  { url: '/api/v1/labels', post: true, confine: 'match' },
  { url: '/api/v1/label/:name/values', post: false, confine: 'match' },
  { url: '/api/v1/rules', post: false, confine: 'rules' },
  { url: '/api/v1/alerts', post: false, confine: 'alerts' },
];

const OTHER_TIMEOUT_MS = 30_000;
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Of a non-JSON error answer (a proxy's text), how much goes into the message. */
const ERROR_TEXT_LIMIT = 2_048;

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  429: 'TooManyRequests',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** Our own refusal: a Kubernetes Status. */
const fail = (reply: FastifyReply, code: number, reason: string, message: string) =>
  reply
    .code(code)
    .header('Cache-Control', 'no-store')
    .send(failureStatus(code, reason, message));

/** A refusal Prometheus itself would make, in its own shape. */
const promError = (reply: FastifyReply, code: number, errorType: string, error: string) =>
  reply.code(code).header('Cache-Control', 'no-store').send({ status: 'error', errorType, error });

const readText = async (response: KubeResponse, limit = Infinity) => {
  response.setEncoding('utf8');
  let text = '';
  for await (const chunk of response) {
    text += chunk as string;
    if (text.length > limit) {
      response.destroy();
      break;
    }
  }
  return text;
};

/** Prometheus's answer as it came (streamed); a proxy's plain-text refusal as a Status. */
const relay = async (reply: FastifyReply, upstream: KubeResponse) => {
  const code = upstream.statusCode ?? 502;
  const type = upstream.headers['content-type'] ?? '';
  if (code >= 400 && !type.includes('json')) {
    const text = (await readText(upstream, ERROR_TEXT_LIMIT)).trim().slice(0, ERROR_TEXT_LIMIT);
    return fail(
      reply,
      code,
      REASONS[code] ?? (code >= 500 ? 'InternalError' : 'BadRequest'),
      `Prometheus answered ${code} ${STATUS_CODES[code] ?? ''}${text ? `: ${text}` : '.'}`,
    );
  }
  reply.code(code).header('Cache-Control', 'no-store');
  reply.header('content-type', type || 'application/json');
  const length = upstream.headers['content-length'];
  if (length !== undefined) reply.header('content-length', length);
  return reply.send(upstream);
};

interface Labelled {
  labels?: Record<string, string>;
}
interface RuleGroup {
  rules?: (Labelled & { alerts?: Labelled[] })[];
}

const inNamespace = (item: Labelled, namespace: string) => item.labels?.namespace === namespace;

/** The rules (and their alerts) labelled with `namespace`; groups left empty are dropped. */
export const rulesIn = <T extends { data?: { groups?: RuleGroup[] } }>(
  body: T,
  namespace: string,
): T => {
  const groups = (body.data?.groups ?? [])
    .map((group) => ({
      ...group,
      rules: (group.rules ?? [])
        .filter((rule) => inNamespace(rule, namespace))
        .map((rule) =>
          Array.isArray(rule.alerts)
            ? { ...rule, alerts: rule.alerts.filter((alert) => inNamespace(alert, namespace)) }
            : rule,
        ),
    }))
    .filter((group) => group.rules.length > 0);
  return { ...body, data: { ...body.data, groups } };
};

/** The alerts labelled with `namespace`. */
export const alertsIn = <T extends { data?: { alerts?: Labelled[] } }>(
  body: T,
  namespace: string,
): T => ({
  ...body,
  data: {
    ...body.data,
    alerts: (body.data?.alerts ?? []).filter((alert) => inNamespace(alert, namespace)),
  },
});

const namespaceRequired = (reply: FastifyReply) =>
  fail(
    reply,
    400,
    'BadRequest',
    'Add namespace=<name> to the request: you may not view the monitoring data of the whole ' +
      'cluster (that takes "get namespaces" cluster-wide), only that of a namespace where you ' +
      'may get pods.',
  );

const forbiddenIn = (reply: FastifyReply, namespace: string) =>
  fail(
    reply,
    403,
    'Forbidden',
    `You may not view the monitoring data of the namespace "${namespace}": you cannot get ` +
      'pods there. Pick a namespace you can use, or ask an administrator for access.',
  );

/** A query or selector that does not parse, said as Prometheus says it. */
class BadPromQL extends Error {
  constructor(parameter: string, cause: PromQLError) {
    super(
      `invalid parameter "${parameter}": parse error at position ${cause.position}: ${cause.message}`,
    );
  }
}

const parsing = <T>(parameter: string, work: () => T): T => {
  try {
    return work();
  } catch (error) {
    if (error instanceof PromQLError) throw new BadPromQL(parameter, error);
    throw error;
  }
};

/** `params` with their PromQL limited to `namespace` (throws BadPromQL). */
const confineParams = (endpoint: Endpoint, params: Params, namespace: string): Params => {
  if (endpoint.confine === 'query') {
    const query = single(params, 'query');
    if (query === undefined) return params; // Prometheus says what is missing
    return [
      ...without(params, 'query'),
      ['query', parsing('query', () => confineQuery(query, namespace))],
    ];
  }
  if (endpoint.confine !== 'match') return params;
  const given = valuesOf(params, 'match[]');
  const matchers = (given.length ? given : ['{}']).map((matcher) =>
    parsing('match[]', () => confineMatcher(matcher, namespace)),
  );
  return [
    ...without(params, 'match[]'),
    ...matchers.map((matcher): [string, string] => ['match[]', matcher]),
  ];
};

/**
 * Prometheus's query API under the plugin's prefix: `api/v1/query`, `query_range`, `series`,
 * `labels`, `label/:name/values`, `rules` and `alerts`, answers streamed as Prometheus sends
 * them. Whoever may view cluster monitoring gets what they ask; anyone else names a namespace
 * (`namespace=`) where they may get pods and sees only its series. Nothing is cached across
 * callers.
 */
export const prometheusRoutes: FastifyPluginAsync<PrometheusRoutesOptions> = async (
  app,
  options,
) => {
  const queryTimeoutMs = options.queryTimeoutMs ?? 60_000;
  const access = createMonitoringAccess(options.connection, options.accessTtlMs);
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded'))
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => done(null, body),
    );

  const handle = (endpoint: Endpoint) => async (request: FastifyRequest, reply: FastifyReply) => {
    const source = options.source;
    if (!source)
      return fail(
        reply,
        503,
        'ServiceUnavailable',
        options.absentReason ?? 'This console has no Prometheus configured.',
      );
    const authorization = options.authorization(request);
    if (!authorization) return fail(reply, 401, 'Unauthorized', 'Log in to query Prometheus.');

    let params: Params;
    let namespace: string | undefined;
    try {
      params = readParams(request);
      namespace = single(params, 'namespace');
      if (namespace !== undefined && (!NAMESPACE_NAME.test(namespace) || namespace.length > 63))
        throw new ParamError(`"${namespace}" is not a namespace name.`);
      if (endpoint.range) {
        const tooMany = tooManyPoints(params);
        if (tooMany) return promError(reply, 400, 'bad_data', tooMany);
      }
    } catch (error) {
      if (error instanceof ParamError) return fail(reply, 400, 'BadRequest', error.message);
      throw error;
    }
    const timeoutMs = endpoint.confine === 'query' ? queryTimeoutMs : OTHER_TIMEOUT_MS;
    if (endpoint.confine === 'query') params = capTimeout(params, Math.floor(timeoutMs / 1000));
    const name = (request.params as { name?: string }).name;
    const apiPath = endpoint.url.replace(':name', encodeURIComponent(name ?? ''));
    const method = request.method === 'POST' ? 'POST' : 'GET';

    // The caller leaving ends the upstream request too.
    const controller = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) controller.abort();
    });
    const ask = (
      target: PrometheusTarget,
      sent: Params,
      extra?: Partial<Parameters<typeof prometheusRequest>[2]>,
    ) =>
      prometheusRequest(target, apiPath, {
        method,
        params: sent,
        signal: controller.signal,
        timeoutMs: timeoutMs + 5_000, // Prometheus's own timeout answers first
        ...extra,
      });

    try {
      const cluster = await access.mayViewCluster(authorization);
      if (source.kind === 'thanos') {
        const { ca } = source;
        if (cluster)
          return await relay(reply, await ask({ url: source.url, ca }, params, { authorization }));
        if (namespace === undefined) return namespaceRequired(reply);
        const rules = endpoint.confine === 'rules' || endpoint.confine === 'alerts';
        const url = (rules && source.tenancyRulesURL) || source.tenancyURL;
        return await relay(
          reply,
          await ask({ url, ca }, without(params, 'namespace'), {
            authorization,
            urlParams: [['namespace', namespace]],
          }),
        );
      }

      const target = { url: source.url, ca: source.ca };
      params = without(params, 'namespace');
      if (cluster) return await relay(reply, await ask(target, params));
      if (namespace === undefined) return namespaceRequired(reply);
      if (!(await access.mayViewNamespace(authorization, namespace)))
        return forbiddenIn(reply, namespace);
      let confined: Params;
      try {
        confined = confineParams(endpoint, params, namespace);
      } catch (error) {
        if (error instanceof BadPromQL) return promError(reply, 400, 'bad_data', error.message);
        throw error;
      }
      const upstream = await ask(target, confined);
      if (endpoint.confine !== 'rules' && endpoint.confine !== 'alerts')
        return await relay(reply, upstream);
      // Rules and alerts are filtered here, so read whole (they are small next to series).
      const text = await readText(upstream);
      let body: unknown;
      try {
        body = upstream.statusCode === 200 ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      reply
        .code(upstream.statusCode ?? 502)
        .header('Cache-Control', 'no-store')
        .header('content-type', 'application/json');
      if (body === undefined) return reply.send(text);
      return reply.send(
        endpoint.confine === 'rules'
          ? rulesIn(body as Parameters<typeof rulesIn>[0], namespace)
          : alertsIn(body as Parameters<typeof alertsIn>[0], namespace),
      );
    } catch (error) {
      if (error instanceof AccessError) return reply.code(error.status.code).send(error.status);
      if (error instanceof UpstreamUnavailableError)
        return fail(reply, error.code, REASONS[error.code] ?? 'ServiceUnavailable', error.message);
      if (controller.signal.aborted)
        return fail(reply, 499, 'ClientClosedRequest', 'The caller closed the request.');
      throw error;
    }
  };

  for (const endpoint of ENDPOINTS)
    app.route({
      method: endpoint.post ? ['GET', 'POST'] : ['GET'],
      url: endpoint.url,
      exposeHeadRoute: false,
      handler: handle(endpoint),
    });
};
