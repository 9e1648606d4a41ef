// The BFF's own Prometheus metrics: requests by route, their duration, open WebSockets, the VM
// index. Served at `metrics` to callers the cluster lets `get /metrics` (what Prometheus's
// service account may do), never to any user who can reach the BFF.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { failureStatus } from '../../common/cluster-info';
import { AccessError, selfAccessReview } from '../kube/accessReview';
import type { KubeConnection } from '../kube/connection';
import { createTokenCache } from '../kube/tokenCache';

export interface BffMetrics {
  registry: Registry;
  /** Counts requests and their durations, labelled by route template (never the raw URL). */
  instrument(app: FastifyInstance): void;
  /** A gauge read when scraped, e.g. open sockets of one kind. */
  gauge(
    name: string,
    help: string,
    read: () => number | Record<string, number>,
    label?: string,
  ): void;
  /** A counter the caller increments. */
  counter(name: string, help: string, labelNames?: string[]): Counter;
}

export const createBffMetrics = (): BffMetrics => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'bff_' });
  const requests = new Counter({
    name: 'bff_http_requests_total',
    help: 'HTTP requests answered, by route template, method and status code.',
    labelNames: ['route', 'method', 'code'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'bff_http_request_duration_seconds',
    help: 'Time to the end of the answer, by route template and method (watches included).',
    labelNames: ['route', 'method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
    registers: [registry],
  });
  const started = new WeakMap<FastifyRequest, bigint>();

  return {
    registry,
    instrument(app) {
      app.addHook('onRequest', async (request) => {
        started.set(request, process.hrtime.bigint());
      });
      app.addHook('onResponse', async (request, reply) => {
        // The template (`/bff/k8s/*`), so that names and namespaces never become labels.
        const route = request.routeOptions.url ?? 'unmatched';
        const method = request.method;
        requests.inc({ route, method, code: String(reply.statusCode) });
        const start = started.get(request);
        if (start !== undefined)
          durations.observe({ route, method }, Number(process.hrtime.bigint() - start) / 1e9);
      });
    },
    gauge(name, help, read, label) {
      new Gauge({
        name,
        help,
        labelNames: label ? [label] : [],
        registers: [registry],
        collect() {
          const value = read();
          if (typeof value === 'number') return void this.set(value);
          for (const [key, count] of Object.entries(value))
            this.set({ [label ?? 'kind']: key }, count);
        },
      });
    },
    counter(name, help, labelNames = []) {
      return new Counter({ name, help, labelNames, registers: [registry] });
    },
  };
};

export interface MetricsRouteOptions {
  metrics: BffMetrics;
  /** Where to ask whether the caller may `get /metrics`; without one, nobody may. */
  connection?: KubeConnection;
  /** How long one token's answer is reused (never another token's); default 30 s. */
  ttlMs?: number;
}

/**
 * `GET metrics` in Prometheus's text format, for a bearer token the cluster lets `get` the
 * non-resource URL `/metrics` (as kube-rbac-proxy asks in front of OpenShift's components).
 */
export const metricsRoute = async (app: FastifyInstance, options: MetricsRouteOptions) => {
  const remembered = createTokenCache<boolean>(options.ttlMs ?? 30_000);
  const mayRead = (authorization: string) => {
    const connection = options.connection;
    if (!connection) return Promise.resolve(false);
    return remembered(authorization, () =>
      selfAccessReview(connection, authorization, {
        nonResource: { verb: 'get', path: '/metrics' },
      }),
    );
  };

  app.get('/metrics', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const authorization = request.headers.authorization;
    if (!authorization?.startsWith('Bearer '))
      return reply
        .code(401)
        .send(failureStatus(401, 'Unauthorized', 'Scrape the metrics with a bearer token.'));
    let may: boolean;
    try {
      may = await mayRead(authorization);
    } catch (error) {
      if (error instanceof AccessError)
        return reply.code(error.status.code ?? 500).send(error.status);
      throw error;
    }
    if (!may)
      return reply
        .code(403)
        .send(
          failureStatus(
            403,
            'Forbidden',
            options.connection
              ? 'This token may not get /metrics: grant it a role with that non-resource URL (Prometheus has one).'
              : 'No cluster is connected to authorize the scrape.',
          ),
        );
    return reply
      .type(options.metrics.registry.contentType)
      .send(await options.metrics.registry.metrics());
  });
};
