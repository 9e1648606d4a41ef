// Standalone mode (`npm start`): a local Prometheus scraping the embedded cluster (and the BFF),
// which the prometheus/ routes query as a `direct` source. Like the Prometheus operator, it
// loads the cluster's PrometheusRules (KubeVirt's alerts) as rule files and follows changes.
import { createUpstream } from '../upstream';
import {
  INSTALL_HINT,
  prometheusAvailable,
  startLocalPrometheus,
  writeRuleFiles,
  type LocalPrometheus,
  type PrometheusRuleObject,
  type RuleFiles,
  type ScrapeTarget,
} from './localPrometheus';
import type { PrometheusSource } from './routes';

/** The cluster beside the BFF: where its API is, its CA and its users (the admin's token). */
export interface StandaloneCluster {
  httpsURL: string;
  caCert: string;
  users: { username: string; token: string }[];
}

export interface StandalonePrometheusOptions {
  cluster: StandaloneCluster;
  /** Config, log, rule files and TSDB (`data/`, kept between runs); e.g. `<state dir>/prometheus`. */
  dataDir: string;
  /** The BFF's own `/metrics` (full URL), scraped as job `bff` when given. */
  bffMetricsURL?: string;
  scrapeIntervalSeconds?: number;
  /** How often the PrometheusRules are listed again (default 30 s). */
  ruleSyncIntervalMs?: number;
  binary?: string;
  promtool?: string;
}

/** One reading of the PrometheusRules: the rule files as written, or why they could not be. */
export type RuleSync = RuleFiles | { error: string };

export type StandalonePrometheus =
  | {
      source: PrometheusSource;
      url: string;
      logFile: string;
      /** Lists the PrometheusRules now, rewrites the rule files and reloads when they changed. */
      syncRules(): Promise<RuleSync>;
      stop(): Promise<void>;
    }
  | { source: undefined; absentReason: string; stop(): Promise<void> };

const RULES_PATH = '/apis/monitoring.coreos.com/v1/prometheusrules';

/**
 * Keeps the rule files in step with the cluster's PrometheusRules, listed through the BFF's
 * upstream connection as the admin (the Prometheus operator's service account can read them
 * all). One reading at a time; a failed one keeps the files as they were.
 */
const ruleSync = (options: StandalonePrometheusOptions, promtool: string) => {
  const admin = options.cluster.users.find((user) => user.username === 'admin');
  const upstream = createUpstream({
    server: new URL(options.cluster.httpsURL),
    ca: options.cluster.caCert,
  });
  let prometheus: LocalPrometheus | undefined;
  let running: Promise<RuleSync> | undefined;
  let lastProblem = '';
  const report = (problem: string) => {
    if (problem && problem !== lastProblem) console.warn(`Prometheus rules: ${problem}`);
    lastProblem = problem;
  };
  const once = async (): Promise<RuleSync> => {
    const listed = await upstream.getJSON<{ items?: PrometheusRuleObject[] }>(
      RULES_PATH,
      admin ? `Bearer ${admin.token}` : undefined,
    );
    // A cluster without the kind has no rules (404); anything else is a failure to report.
    if (!listed.ok && listed.status !== 404) {
      const error = `could not list PrometheusRules: ${listed.body.message ?? listed.status}`;
      report(error);
      return { error };
    }
    const files = writeRuleFiles(
      options.dataDir,
      listed.ok ? (listed.body.items ?? []) : [],
      promtool,
    );
    const refused = files.rejected.map(
      ({ rule, reason }) => `${rule} refused by promtool: ${reason}`,
    );
    try {
      if (files.changed) await prometheus?.reload();
      report(refused.join('; '));
      return files;
    } catch (error) {
      const message = (error as Error).message;
      report(message);
      return { error: message };
    }
  };
  return {
    attach: (started: LocalPrometheus) => (prometheus = started),
    sync: () =>
      (running ??= once()
        .catch((error: unknown) => ({ error: (error as Error).message }))
        .finally(() => (running = undefined))),
  };
};

/**
 * Starts Prometheus scraping the embedded cluster's `/metrics` (HTTPS, its CA, the admin's
 * token) every 5 s, and `bffMetricsURL` if given, with the cluster's PrometheusRules as rule
 * files (listed again every `ruleSyncIntervalMs`). When Prometheus is not installed or does not
 * start, resolves with no source and the reason to show (the console runs on without charts).
 */
export const startStandalonePrometheus = async (
  options: StandalonePrometheusOptions,
): Promise<StandalonePrometheus> => {
  const binary = options.binary ?? 'prometheus';
  const absent = (absentReason: string): StandalonePrometheus => ({
    source: undefined,
    absentReason,
    stop: async () => undefined,
  });
  if (!prometheusAvailable(binary))
    return absent(`Prometheus is not installed, so there are no metrics: ${INSTALL_HINT}.`);
  const admin = options.cluster.users.find((user) => user.username === 'admin');
  const targets: ScrapeTarget[] = [
    {
      url: new URL('/metrics', options.cluster.httpsURL).href,
      bearerToken: admin?.token,
      caCert: options.cluster.caCert,
      job: 'embedded-cluster',
    },
  ];
  // The BFF serves its metrics to tokens that may get /metrics: the admin's, here.
  if (options.bffMetricsURL)
    targets.push({ url: options.bffMetricsURL, bearerToken: admin?.token, job: 'bff' });
  const rules = ruleSync(options, options.promtool ?? 'promtool');
  // The rule files are there before Prometheus starts, so its first evaluation has them.
  await rules.sync();
  let prometheus: LocalPrometheus;
  try {
    prometheus = await startLocalPrometheus({
      dataDir: options.dataDir,
      targets,
      scrapeIntervalSeconds: options.scrapeIntervalSeconds ?? 5,
      binary,
    });
  } catch (error) {
    return absent(`Prometheus did not start, so there are no metrics: ${(error as Error).message}`);
  }
  rules.attach(prometheus);
  const timer = setInterval(() => void rules.sync(), options.ruleSyncIntervalMs ?? 30_000);
  timer.unref();
  return {
    source: { kind: 'direct', url: prometheus.url },
    url: prometheus.url,
    logFile: prometheus.logFile,
    syncRules: rules.sync,
    stop: async () => {
      clearInterval(timer);
      await prometheus.stop();
    },
  };
};
