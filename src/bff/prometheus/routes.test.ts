import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EmbeddedCluster } from '../../embedded-cluster/cluster';
import type { KubeConnection } from '../kube/connection';
import { call, deadURL, listen, startClusterForBff } from '../kube/testKit';
import { prometheusAvailable } from './localPrometheus';
import { alertsIn, prometheusRoutes, rulesIn, type PrometheusSource } from './routes';
import { startStandalonePrometheus, type StandalonePrometheus } from './standalone';

// The routes in front of a real Prometheus (scraping the embedded cluster and a small /metrics
// with series in three namespaces), of a fake Thanos querier, and of nothing. Access reviews
// are the embedded cluster's, over HTTPS with its CA; admin may view the cluster, developer
// only `developer-vms`.
const dataDir = mkdtempSync(path.join(tmpdir(), 'bff-prometheus-'));
let cluster: EmbeddedCluster;
let connection: KubeConnection;
let admin: string;
let developer: string;
const apps: FastifyInstance[] = [];
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  ({ cluster, connection, admin, developer } = await startClusterForBff(
    path.join(dataDir, 'cluster'),
  ));
}, 30_000);

afterAll(async () => {
  for (const app of apps) await app.close();
  for (const close of closers) await close();
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The routes under `/bff/prometheus` of a server of their own; its base URL. */
const serve = async (source: PrometheusSource | undefined, absentReason?: string) => {
  const app = Fastify({ logger: false });
  apps.push(app);
  await app.register(prometheusRoutes, {
    prefix: '/bff/prometheus',
    connection,
    authorization: (request) => request.headers.authorization,
    source,
    absentReason,
  });
  return `${await app.listen({ port: 0, host: '127.0.0.1' })}`;
};

interface Vector {
  status: string;
  data: { resultType: string; result: { metric: Record<string, string>; value: unknown }[] };
}
const namespacesOf = (answer: Vector) =>
  answer.data.result.map((series) => series.metric.namespace ?? '').sort();

const METRICS = [
  '# TYPE vm_cpu gauge',
  'vm_cpu{namespace="developer-vms",name="a"} 1',
  'vm_cpu{namespace="other",name="b"} 2',
  'vm_cpu{namespace="default",name="c"} 3',
  '# TYPE other_metric gauge',
  'other_metric{namespace="other",name="d"} 4',
  '',
].join('\n');

const available = prometheusAvailable();

describe.skipIf(!available)(
  `a direct Prometheus${available ? '' : ' (skipped: no prometheus executable on PATH)'}`,
  () => {
    let base: string;
    let prometheus: StandalonePrometheus;
    const api = '/bff/prometheus/api/v1';
    const get = (route: string, authorization?: string) =>
      call(base, `${api}/${route}`, {
        headers: authorization ? { authorization } : {},
      });
    const query = (text: string, authorization: string, namespace?: string) =>
      get(
        `query?${new URLSearchParams({ query: text, ...(namespace ? { namespace } : {}) })}`,
        authorization,
      );

    beforeAll(async () => {
      const metrics = await listen((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        response.end(METRICS);
      });
      closers.push(metrics.close);
      prometheus = await startStandalonePrometheus({
        cluster,
        dataDir: path.join(dataDir, 'prometheus'),
        bffMetricsURL: new URL('/metrics', metrics.url).href,
        scrapeIntervalSeconds: 1,
      });
      closers.push(prometheus.stop);
      if (!prometheus.source) throw new Error(prometheus.absentReason);
      base = await serve(prometheus.source);
      // Both targets scraped at least once: asked of Prometheus itself until it says so.
      const url = prometheus.url;
      await vi.waitFor(
        async () => {
          const answer = (await (
            await fetch(`${url}/api/v1/query?query=${encodeURIComponent('up == 1')}`)
          ).json()) as Vector;
          const jobs = answer.data.result.map((series) => series.metric.job).sort();
          expect(jobs).toEqual(['bff', 'embedded-cluster']);
        },
        { timeout: 30_000, interval: 100 },
      );
    }, 60_000);

    it('scrapes the embedded cluster over HTTPS with its CA and the admin token', async () => {
      const answer = await query('up{job="embedded-cluster"}', admin);
      expect(answer.json<Vector>().data.result).toHaveLength(1);
    });

    it('answers an admin every namespace, as Prometheus sends it and never cached', async () => {
      const answer = await query('vm_cpu', admin);
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['content-type']).toMatch(/application\/json/);
      expect(namespacesOf(answer.json())).toEqual(['default', 'developer-vms', 'other']);
    });

    it('refuses a developer who names no namespace', async () => {
      const answer = await query('vm_cpu', developer);
      expect(answer.status).toBe(400);
      expect(answer.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
      expect(answer.json<{ message: string }>().message).toMatch(/namespace=<name>/);
    });

    it('refuses a developer a namespace where they may not get pods', async () => {
      const answer = await query('vm_cpu', developer, 'default');
      expect(answer.status).toBe(403);
      expect(answer.json()).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    });

    it("shows a developer only their namespace's series, whatever the query asks", async () => {
      const plain = await query('vm_cpu', developer, 'developer-vms');
      expect(namespacesOf(plain.json())).toEqual(['developer-vms']);
      const other = await query('vm_cpu{namespace="other"}', developer, 'developer-vms');
      expect(namespacesOf(other.json())).toEqual(['developer-vms']);
      const regex = await query('vm_cpu{namespace=~".+"}', developer, 'developer-vms');
      expect(namespacesOf(regex.json())).toEqual(['developer-vms']);
      const or = await query('other_metric or vm_cpu{name="b"}', developer, 'developer-vms');
      expect(or.json<Vector>().data.result).toEqual([]);
      const sum = await query(
        'sum by (namespace) (vm_cpu) or other_metric',
        developer,
        'developer-vms',
      );
      expect(namespacesOf(sum.json())).toEqual(['developer-vms']);
    });

    it('takes a form-encoded POST, as Prometheus does', async () => {
      const answer = await call(base, `${api}/query`, {
        method: 'POST',
        headers: { authorization: developer, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query: 'vm_cpu', namespace: 'developer-vms' }).toString(),
      });
      expect(answer.status).toBe(200);
      expect(namespacesOf(answer.json())).toEqual(['developer-vms']);
    });

    it('confines a range query too', async () => {
      // Up to a little past now: the first scrape may be younger than the last whole second.
      const now = Math.floor(Date.now() / 1000) + 30;
      const answer = await get(
        `query_range?${new URLSearchParams({
          query: 'vm_cpu{namespace="other"}',
          namespace: 'developer-vms',
          start: String(now - 60),
          end: String(now),
          step: '15s',
        })}`,
        developer,
      );
      expect(answer.status).toBe(200);
      const result = answer.json<{ data: { result: { metric: { namespace: string } }[] } }>();
      expect(result.data.result.map((series) => series.metric.namespace)).toEqual([
        'developer-vms',
      ]);
    });

    it('refuses a range of more than 11,000 points, suggesting a step', async () => {
      const answer = await get(
        `query_range?${new URLSearchParams({ query: 'vm_cpu', start: '0', end: '86400', step: '1' })}`,
        admin,
      );
      expect(answer.status).toBe(400);
      expect(answer.json()).toMatchObject({ status: 'error', errorType: 'bad_data' });
      expect(answer.json<{ error: string }>().error).toMatch(/step of at least 8s/);
    });

    it("answers PromQL that does not parse with Prometheus's bad_data and the position", async () => {
      const answer = await query('sum(vm_cpu', developer, 'developer-vms');
      expect(answer.status).toBe(400);
      expect(answer.json()).toMatchObject({ status: 'error', errorType: 'bad_data' });
      expect(answer.json<{ error: string }>().error).toMatch(/"query".*position 10/);
      // An admin's query goes as sent: Prometheus itself says what is wrong.
      const asAdmin = await query('sum(vm_cpu', admin);
      expect(asAdmin.status).toBe(400);
      expect(asAdmin.json()).toMatchObject({ status: 'error', errorType: 'bad_data' });
    });

    it('confines series and label values to the namespace', async () => {
      const series = await get('series?namespace=developer-vms', developer);
      expect(series.status).toBe(200);
      const names = series
        .json<{ data: { namespace: string }[] }>()
        .data.map((item) => item.namespace);
      expect(new Set(names)).toEqual(new Set(['developer-vms']));
      const matched = await get(
        `series?${new URLSearchParams({ 'match[]': 'other_metric', namespace: 'developer-vms' })}`,
        developer,
      );
      expect(matched.json<{ data: unknown[] }>().data).toEqual([]);
      const values = await get('label/namespace/values?namespace=developer-vms', developer);
      expect(values.json<{ data: string[] }>().data).toEqual(['developer-vms']);
      const all = await get('label/namespace/values', admin);
      expect(all.json<{ data: string[] }>().data).toEqual(
        expect.arrayContaining(['default', 'developer-vms', 'other']),
      );
      const labels = await get('labels?namespace=developer-vms', developer);
      expect(labels.json<{ data: string[] }>().data).toContain('name');
    });

    it('answers rules and alerts to a developer, cut to their namespace', async () => {
      for (const route of ['rules', 'alerts']) {
        const answer = await get(`${route}?namespace=developer-vms`, developer);
        expect(answer.status).toBe(200);
        expect(answer.json()).toMatchObject({ status: 'success' });
      }
    });

    it('keeps its data between runs', async () => {
      const stamp = await query('timestamp(vm_cpu{name="a"})', admin);
      const at = String((stamp.json<Vector>().data.result[0]?.value as [number, string])[1]);
      await prometheus.stop();
      const again = await startStandalonePrometheus({
        cluster,
        dataDir: path.join(dataDir, 'prometheus'),
        scrapeIntervalSeconds: 60,
      });
      closers.push(again.stop);
      if (!again.source) throw new Error(again.absentReason);
      const answer = (await (
        await fetch(
          `${again.url}/api/v1/query?${new URLSearchParams({ query: 'vm_cpu', time: at })}`,
        )
      ).json()) as Vector;
      expect(namespacesOf(answer)).toEqual(['default', 'developer-vms', 'other']);
    });

    it('asks for a login first', async () => {
      const answer = await query('vm_cpu', '');
      expect(answer.status).toBe(401);
      expect(answer.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized' });
    });
  },
);

describe('rules and alerts for one namespace', () => {
  const alert = (namespace: string) => ({ labels: { alertname: 'A', namespace } });
  it('keeps the rules and alerts labelled with it and drops the groups left empty', () => {
    const body = {
      status: 'success',
      data: {
        groups: [
          {
            name: 'mine',
            rules: [
              { type: 'alerting', labels: { namespace: 'ns' }, alerts: [alert('ns'), alert('x')] },
              { type: 'recording', labels: { namespace: 'x' } },
              { type: 'recording' },
            ],
          },
          { name: 'theirs', rules: [{ type: 'recording', labels: { namespace: 'x' } }] },
        ],
      },
    };
    expect(rulesIn(body, 'ns')).toEqual({
      status: 'success',
      data: {
        groups: [
          {
            name: 'mine',
            rules: [{ type: 'alerting', labels: { namespace: 'ns' }, alerts: [alert('ns')] }],
          },
        ],
      },
    });
    expect(
      alertsIn({ status: 'success', data: { alerts: [alert('ns'), alert('x')] } }, 'ns'),
    ).toEqual({ status: 'success', data: { alerts: [alert('ns')] } });
  });
});

describe('a Thanos querier', () => {
  interface Seen {
    port: string;
    method: string;
    url: string;
    authorization?: string;
    body: string;
  }
  const seen: Seen[] = [];
  let base: string;
  const fake = async (
    port: string,
    answer?: (request: IncomingMessage) => [number, string, string],
  ) => {
    const server = await listen(async (request, response) => {
      let body = '';
      for await (const chunk of request) body += (chunk as Buffer).toString();
      seen.push({
        port,
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        body,
      });
      const [code, type, text] = answer?.(request) ?? [
        200,
        'application/json',
        JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [], port } }),
      ];
      response.writeHead(code, { 'content-type': type });
      response.end(text);
    });
    closers.push(server.close);
    return server.url.href;
  };
  const ask = (route: string, authorization: string, init: Parameters<typeof call>[2] = {}) => {
    seen.length = 0;
    return call(base, `/bff/prometheus/api/v1/${route}`, {
      ...init,
      headers: { authorization, ...init.headers },
    });
  };

  beforeAll(async () => {
    const url = await fake('9091');
    const tenancyURL = await fake('9092', (request) =>
      new URL(request.url ?? '', 'http://x').searchParams.get('namespace') === 'default'
        ? [403, 'text/plain', 'Forbidden (user=developer, verb=get, resource=pods)']
        : [200, 'application/json', JSON.stringify({ status: 'success', data: { port: '9092' } })],
    );
    const tenancyRulesURL = await fake('9093');
    base = await serve({ kind: 'thanos', url, tenancyURL, tenancyRulesURL });
  });

  it('sends a cluster viewer to 9091 with their own token and the query as sent', async () => {
    const answer = await ask('query?query=up&namespace=x', admin);
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(seen).toEqual([
      expect.objectContaining({ port: '9091', method: 'GET', authorization: admin }),
    ]);
    expect(seen[0]!.url).toBe('/api/v1/query?query=up&namespace=x&timeout=60s');
  });

  it('sends anyone else to the tenancy port with their own token and the namespace', async () => {
    const answer = await ask('query?query=up&namespace=developer-vms', developer);
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ data: { port: '9092' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ port: '9092', authorization: developer });
    expect(seen[0]!.authorization).not.toBe(`Bearer ${connection.token}`);
    const sent = new URL(seen[0]!.url, 'http://x').searchParams;
    expect(sent.get('namespace')).toBe('developer-vms');
    expect(sent.get('query')).toBe('up'); // the tenancy proxy confines it, not the BFF
  });

  it('keeps the namespace in the URL of a form POST to the tenancy port', async () => {
    await ask('query_range', developer, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=up&start=1&end=61&step=15&namespace=developer-vms',
    });
    expect(seen[0]).toMatchObject({
      port: '9092',
      method: 'POST',
      url: '/api/v1/query_range?namespace=developer-vms',
    });
    expect(new URLSearchParams(seen[0]!.body).get('query')).toBe('up');
  });

  it('asks the tenancy rules port for rules and alerts', async () => {
    await ask('rules?namespace=developer-vms', developer);
    expect(seen[0]).toMatchObject({ port: '9093', url: '/api/v1/rules?namespace=developer-vms' });
  });

  it('refuses, without asking, a caller who is not a cluster viewer and names no namespace', async () => {
    const answer = await ask('query?query=up', developer);
    expect(answer.status).toBe(400);
    expect(answer.json<{ message: string }>().message).toMatch(/namespace=<name>/);
    expect(seen).toEqual([]);
  });

  it("passes on the proxy's refusal as a Status", async () => {
    const answer = await ask('query?query=up&namespace=default', developer);
    expect(answer.status).toBe(403);
    expect(answer.json()).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    expect(answer.json<{ message: string }>().message).toMatch(/resource=pods/);
  });
});

describe('no Prometheus', () => {
  it('answers every route 503 with the reason to show', async () => {
    const base = await serve(undefined, 'Prometheus is not installed: run this.');
    for (const route of [
      'query?query=up',
      'query_range',
      'rules',
      'alerts',
      'labels',
      'series',
      'label/x/values',
    ]) {
      const answer = await call(base, `/bff/prometheus/api/v1/${route}`, {
        headers: { authorization: admin },
      });
      expect(answer.status).toBe(503);
      expect(answer.json()).toMatchObject({
        kind: 'Status',
        reason: 'ServiceUnavailable',
        message: 'Prometheus is not installed: run this.',
      });
    }
  });

  it('answers 503 when the Prometheus configured does not answer', async () => {
    const base = await serve({ kind: 'direct', url: (await deadURL()).href });
    const answer = await call(base, '/bff/prometheus/api/v1/query?query=up', {
      headers: { authorization: admin },
    });
    expect(answer.status).toBe(503);
    expect(answer.json()).toMatchObject({ kind: 'Status', reason: 'ServiceUnavailable' });
    expect(answer.json<{ message: string }>().message).toMatch(/Cannot reach Prometheus at/);
  });
});
