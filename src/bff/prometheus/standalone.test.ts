import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EmbeddedCluster } from '../../embedded-cluster/cluster';
import type { KubeConnection } from '../kube/connection';
import { call, startClusterForBff } from '../kube/testKit';
import { prometheusAvailable } from './localPrometheus';
import { prometheusRoutes } from './routes';
import { startStandalonePrometheus, type StandalonePrometheus } from './standalone';

// The local Prometheus of `npm start` loads the cluster's PrometheusRules as the Prometheus
// operator would: KubeVirt's seeded rules at start, a rule created later after the next
// reading, and the BFF's rules and alerts routes answer them.
const available = prometheusAvailable();
const dataDir = mkdtempSync(path.join(tmpdir(), 'bff-prom-rules-'));

interface RulesAnswer {
  status: string;
  data: {
    groups: {
      name: string;
      file: string;
      rules: {
        type: string;
        name: string;
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
        health?: string;
      }[];
    }[];
  };
}
interface AlertsAnswer {
  status: string;
  data: { alerts: { labels: Record<string, string>; state: string }[] };
}

describe.skipIf(!available)(
  `the standalone Prometheus's rules${available ? '' : ' (skipped: no prometheus executable on PATH)'}`,
  () => {
    let cluster: EmbeddedCluster;
    let connection: KubeConnection;
    let admin: string;
    let developer: string;
    let prometheus: StandalonePrometheus;
    let app: FastifyInstance;
    let base: string;

    beforeAll(async () => {
      ({ cluster, connection, admin, developer } = await startClusterForBff(
        path.join(dataDir, 'cluster'),
      ));
      prometheus = await startStandalonePrometheus({
        cluster,
        dataDir: path.join(dataDir, 'prometheus'),
        scrapeIntervalSeconds: 1,
        ruleSyncIntervalMs: 60_000,
      });
      if (!prometheus.source) throw new Error(prometheus.absentReason);
      app = Fastify({ logger: false });
      await app.register(prometheusRoutes, {
        prefix: '/bff/prometheus',
        connection,
        authorization: (request) => request.headers.authorization,
        source: prometheus.source,
      });
      base = await app.listen({ port: 0, host: '127.0.0.1' });
    }, 60_000);

    afterAll(async () => {
      await app?.close();
      await prometheus?.stop();
      await cluster?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const rules = async (authorization: string, query = '') =>
      (
        await call(base, `/bff/prometheus/api/v1/rules${query}`, { headers: { authorization } })
      ).json<RulesAnswer>();
    const alertRule = (answer: RulesAnswer, name: string) =>
      answer.data.groups
        .flatMap((g) => g.rules)
        .find((r) => r.type === 'alerting' && r.name === name);

    it("has KubeVirt's alerts loaded from the seeded PrometheusRule, labelled and annotated", async () => {
      const answer = await rules(admin);
      expect(answer.status).toBe('success');
      const groups = answer.data.groups.filter((g) =>
        g.file.endsWith('openshift-cnv-prometheus-kubevirt-rules.yaml'),
      );
      expect(groups.map((g) => g.name).sort()).toEqual(['alerts.rules', 'recordingRules.rules']);
      expect(alertRule(answer, 'VMCannotBeEvicted')).toMatchObject({
        labels: {
          severity: 'warning',
          operator_health_impact: 'none',
          kubernetes_operator_part_of: 'kubevirt',
          kubernetes_operator_component: 'kubevirt',
        },
        annotations: {
          summary:
            "The VM's eviction strategy is set to Live Migration but the VM is not migratable",
          runbook_url:
            'https://github.com/openshift/runbooks/blob/master/alerts/openshift-virtualization-operator/VMCannotBeEvicted.md',
        },
      });
      // Evaluated without errors against the cluster's series.
      await vi.waitFor(
        async () => {
          const health = (await rules(admin)).data.groups
            .flatMap((g) => g.rules)
            .map((r) => r.health);
          expect(health.length).toBeGreaterThan(0);
          expect(health.every((h) => h === 'ok')).toBe(true);
        },
        { timeout: 15_000, interval: 250 },
      );
    });

    it('follows a PrometheusRule created later, and its alert fires for its namespace', async () => {
      if (!prometheus.source) return;
      const created = await fetch(
        `${cluster.httpURL}/apis/monitoring.coreos.com/v1/namespaces/developer-vms/prometheusrules`,
        {
          method: 'POST',
          headers: { Authorization: admin, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            apiVersion: 'monitoring.coreos.com/v1',
            kind: 'PrometheusRule',
            metadata: { name: 'always' },
            spec: {
              groups: [
                {
                  name: 'ours',
                  rules: [
                    {
                      alert: 'EmbeddedClusterTestAlwaysFiring',
                      expr: 'vector(1)',
                      labels: { severity: 'info', namespace: 'developer-vms' },
                      annotations: { summary: 'Fires on purpose, for tests.' },
                    },
                  ],
                },
              ],
            },
          }),
        },
      );
      expect(created.status, await created.text()).toBe(201);
      const sync = await prometheus.syncRules();
      expect(sync).toMatchObject({ changed: true, rejected: [] });
      expect(alertRule(await rules(admin), 'EmbeddedClusterTestAlwaysFiring')).toBeDefined();

      // A developer sees it among the rules and alerts of their namespace, not KubeVirt's.
      const theirs = await rules(developer, '?namespace=developer-vms');
      expect(theirs.data.groups.flatMap((g) => g.rules.map((r) => r.name))).toEqual([
        'EmbeddedClusterTestAlwaysFiring',
      ]);
      await vi.waitFor(
        async () => {
          const alerts = (
            await call(base, '/bff/prometheus/api/v1/alerts?namespace=developer-vms', {
              headers: { authorization: developer },
            })
          ).json<AlertsAnswer>();
          expect(alerts.data.alerts).toEqual([
            expect.objectContaining({
              labels: expect.objectContaining({ alertname: 'EmbeddedClusterTestAlwaysFiring' }),
              state: 'firing',
            }),
          ]);
        },
        { timeout: 15_000, interval: 250 },
      );

      const deleted = await fetch(
        `${cluster.httpURL}/apis/monitoring.coreos.com/v1/namespaces/developer-vms/prometheusrules/always`,
        { method: 'DELETE', headers: { Authorization: admin } },
      );
      expect(deleted.status).toBe(200);
      expect(await prometheus.syncRules()).toMatchObject({ changed: true });
      expect(alertRule(await rules(admin), 'EmbeddedClusterTestAlwaysFiring')).toBeUndefined();
      // Nothing changed since: no reload.
      expect(await prometheus.syncRules()).toMatchObject({ changed: false });
    });
  },
);
