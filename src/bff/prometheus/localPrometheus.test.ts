import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startEmbeddedCluster } from '../../embedded-cluster/cluster';
import { QemuVmRuntime } from '../../embedded-cluster/controllers/qemuVmRuntime';
import {
  prometheusAvailable,
  startLocalPrometheus,
  writePrometheusConfig,
  writeRuleFiles,
  type LocalPrometheus,
  type PrometheusRuleObject,
} from './localPrometheus';

const tempDirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

interface ScrapeConfig {
  job_name: string;
  scheme: string;
  metrics_path: string;
  params?: Record<string, string[]>;
  authorization?: { type: string; credentials_file: string };
  tls_config?: { ca_file: string };
  static_configs: { targets: string[] }[];
}

describe('the Prometheus config', () => {
  const token = 'secret-token-value';
  const dir = tempDir('prom-config-');
  const file = writePrometheusConfig(
    dir,
    [
      { url: 'http://127.0.0.1:6443/metrics', bearerToken: token, job: 'embedded-cluster' },
      { url: 'https://example.test/federate?match[]=up&match[]=x', job: 'tls', caCert: 'PEM' },
    ],
    5,
  );
  const text = readFileSync(file, 'utf8');
  const config = parse(text) as {
    global: Record<string, string>;
    scrape_configs: ScrapeConfig[];
  };
  const [cluster, tls] = config.scrape_configs;

  it('scrapes each target by its scheme, host and path at the interval asked for', () => {
    expect(config.global).toMatchObject({ scrape_interval: '5s', scrape_timeout: '5s' });
    expect(cluster).toMatchObject({
      job_name: 'embedded-cluster',
      scheme: 'http',
      metrics_path: '/metrics',
      static_configs: [{ targets: ['127.0.0.1:6443'] }],
    });
    expect(cluster?.params).toBeUndefined();
    expect(tls).toMatchObject({
      job_name: 'tls',
      scheme: 'https',
      metrics_path: '/federate',
      params: { 'match[]': ['up', 'x'] },
      static_configs: [{ targets: ['example.test'] }],
    });
    expect(tls?.authorization).toBeUndefined();
  });

  it('keeps the bearer token in a 0600 file the config points to, not in the config', () => {
    expect(text).not.toContain(token);
    expect(cluster?.authorization?.type).toBe('Bearer');
    const credentials = cluster?.authorization?.credentials_file ?? '';
    expect(path.isAbsolute(credentials)).toBe(true);
    expect(path.dirname(credentials)).toBe(path.resolve(dir));
    expect(readFileSync(credentials, 'utf8')).toBe(token);
    expect(statSync(credentials).mode & 0o777).toBe(0o600);
    expect(statSync(tls?.tls_config?.ca_file ?? '').mode & 0o777).toBe(0o600);
  });

  it('turns down what Prometheus could not use', () => {
    const bad = tempDir('prom-bad-');
    expect(() => writePrometheusConfig(bad, [])).toThrow(/at least one/);
    expect(() => writePrometheusConfig(bad, [{ url: 'ftp://x/metrics', job: 'a' }])).toThrow(
      /only http and https/,
    );
    expect(() => writePrometheusConfig(bad, [{ url: 'not a url', job: 'a' }])).toThrow(/invalid/);
    expect(() => writePrometheusConfig(bad, [{ url: 'http://u:p@x/metrics', job: 'a' }])).toThrow(
      /bearerToken/,
    );
    expect(() =>
      writePrometheusConfig(bad, [
        { url: 'http://x/metrics', job: 'a' },
        { url: 'http://y/metrics', job: 'a' },
      ]),
    ).toThrow(/job name a/);
    expect(() => writePrometheusConfig(bad, [{ url: 'http://x/', job: 'a' }], 0)).toThrow(
      /positive/,
    );
  });

  const promtool = spawnSync('promtool', ['--version']).status === 0;
  it.skipIf(!promtool)('is a config promtool accepts (skipped: no promtool)', () => {
    const result = spawnSync('promtool', ['check', 'config', file], { encoding: 'utf8' });
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('loads every rule file of the rules folder', () => {
    expect((parse(text) as { rule_files: string[] }).rule_files).toEqual([
      path.join(path.resolve(dir), 'rules', '*.yaml'),
    ]);
  });

  it('says how to install Prometheus when the binary is missing', async () => {
    await expect(
      startLocalPrometheus({
        dataDir: tempDir('prom-missing-'),
        targets: [{ url: 'http://127.0.0.1:1/metrics', job: 'x' }],
        binary: '/nonexistent/prometheus',
      }),
    ).rejects.toThrow(/not installed.*system-packages\.mjs prometheus/);
  });
});

describe('the rule files', () => {
  const rule = (name: string, expr: unknown = 'up == 0'): PrometheusRuleObject => ({
    metadata: { name, namespace: 'openshift-cnv' },
    spec: {
      groups: [
        {
          name: 'alerts.rules',
          rules: [{ alert: 'Down', expr, for: '1m', labels: { severity: 'warning' } }],
        },
      ],
    },
  });
  const dir = tempDir('prom-rules-');
  const files = () => readdirSync(path.join(dir, 'rules')).sort();

  it('are one file per PrometheusRule, its groups as Prometheus reads them', () => {
    const written = writeRuleFiles(dir, [rule('kubevirt'), rule('numbers', 1)]);
    expect(written).toEqual({
      changed: true,
      loaded: ['openshift-cnv/kubevirt', 'openshift-cnv/numbers'],
      rejected: [],
    });
    expect(files()).toEqual(['openshift-cnv-kubevirt.yaml', 'openshift-cnv-numbers.yaml']);
    const content = parse(
      readFileSync(path.join(dir, 'rules', 'openshift-cnv-numbers.yaml'), 'utf8'),
    );
    expect(content).toEqual({
      groups: [
        {
          name: 'alerts.rules',
          rules: [{ alert: 'Down', expr: '1', for: '1m', labels: { severity: 'warning' } }],
        },
      ],
    });
  });

  it('change only when a PrometheusRule does, and go with it', () => {
    expect(writeRuleFiles(dir, [rule('kubevirt'), rule('numbers', 1)]).changed).toBe(false);
    expect(writeRuleFiles(dir, [rule('kubevirt')]).changed).toBe(true);
    expect(files()).toEqual(['openshift-cnv-kubevirt.yaml']);
  });

  const promtool = spawnSync('promtool', ['--version']).status === 0;
  it.skipIf(!promtool)('leave out what promtool refuses, saying why (skipped: no promtool)', () => {
    const written = writeRuleFiles(dir, [rule('kubevirt', 'sum(')]);
    expect(written.rejected).toEqual([
      { rule: 'openshift-cnv/kubevirt', reason: expect.stringMatching(/parse error|unclosed/i) },
    ]);
    expect(files()).toEqual([]);
    expect(existsSync(path.join(dir, '.openshift-cnv-kubevirt.yaml.check'))).toBe(false);
  });
});

// The whole path the BFF will proxy: a QEMU guest's CPU time, exported by the embedded cluster's
// /metrics, scraped by a real Prometheus and answered by its query API.
const skipReason = !prometheusAvailable()
  ? 'no prometheus binary (node scripts/system-packages.mjs prometheus installs it)'
  : !QemuVmRuntime.available()
    ? 'no QEMU or guest image (node scripts/guest-image.mjs sets them up)'
    : undefined;
if (skipReason) console.warn(`Skipping the local Prometheus integration test: ${skipReason}.`);

const VM = 'prom-vm';
const JOB = 'embedded-cluster';

describe.skipIf(skipReason !== undefined)(
  `a local Prometheus scraping a cluster with a QEMU VM${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let cluster: Awaited<ReturnType<typeof startEmbeddedCluster>> | undefined;
    let prometheus: LocalPrometheus | undefined;

    beforeAll(async () => {
      cluster = await startEmbeddedCluster({
        dataDir: tempDir('prom-cluster-'),
        runtime: new QemuVmRuntime(),
        // One guest is all this needs on a 2-core machine.
        sampleVMs: false,
      });
    }, 60_000);
    afterAll(async () => {
      await prometheus?.stop();
      await cluster?.stop();
    }, 60_000);

    const vmRunning = (timeoutMs: number) =>
      new Promise<void>((resolve, reject) => {
        const store = cluster!.store;
        const check = () =>
          (
            store.get('kubevirt.io/virtualmachines', 'default', VM)?.status as
              { printableStatus?: string } | undefined
          )?.printableStatus === 'Running';
        if (check()) return resolve();
        const timer = setTimeout(() => {
          off();
          reject(new Error(`${VM} was not Running within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        const off = store.subscribe('kubevirt.io/virtualmachines', () => {
          if (!check()) return;
          clearTimeout(timer);
          off();
          resolve();
        });
      });

    type Vector = { metric: Record<string, string>; value: [number, string] }[];
    const query = async (promql: string): Promise<Vector> => {
      const response = await fetch(
        `${prometheus!.url}/api/v1/query?query=${encodeURIComponent(promql)}`,
      );
      const body = (await response.json()) as {
        status: string;
        error?: string;
        data?: { resultType: string; result: Vector };
      };
      expect(body.status, body.error).toBe('success');
      expect(body.data?.resultType).toBe('vector');
      return body.data?.result ?? [];
    };

    it('answers rate(kubevirt_vmi_cpu_usage_seconds_total) > 0 for a running VM', async () => {
      const admin = cluster!.users.find((u) => u.username === 'admin')!;
      const created = await fetch(
        `${cluster!.httpURL}/apis/kubevirt.io/v1/namespaces/default/virtualmachines`,
        {
          method: 'POST',
          headers: { Authorization: `Bearer ${admin.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            apiVersion: 'kubevirt.io/v1',
            kind: 'VirtualMachine',
            metadata: { name: VM, namespace: 'default' },
            spec: {
              runStrategy: 'Always',
              template: {
                metadata: { labels: { 'kubevirt.io/os': 'fedora' } },
                spec: { domain: { memory: { guest: '128Mi' }, devices: {} } },
              },
            },
          }),
        },
      );
      expect(created.status, await created.text()).toBe(201);
      await vmRunning(60_000);

      const started = Date.now();
      prometheus = await startLocalPrometheus({
        dataDir: tempDir('prom-data-'),
        targets: [{ url: `${cluster!.httpURL}/metrics`, bearerToken: admin.token, job: JOB }],
        scrapeIntervalSeconds: 5,
      });
      expect(prometheus.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const promql = `rate(kubevirt_vmi_cpu_usage_seconds_total{name="${VM}",namespace="default"}[30s])`;
      const deadline = Date.now() + 90_000;
      let last: Vector = [];
      for (;;) {
        last = await query(promql);
        if (last.some((sample) => Number(sample.value[1]) > 0)) break;
        if (Date.now() > deadline)
          throw new Error(
            `no positive ${promql} within 90 s; last answer ${JSON.stringify(last)}; ` +
              `the log is ${prometheus.logFile}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      console.info(
        `rate > 0 queryable ${((Date.now() - started) / 1000).toFixed(1)} s after start`,
      );
      expect(last[0]?.metric).toMatchObject({ name: VM, namespace: 'default', job: JOB });

      const up = await query(`up{job="${JOB}"}`);
      expect(up).toHaveLength(1);
      expect(up[0]?.value[1]).toBe('1');
    }, 180_000);
  },
);
