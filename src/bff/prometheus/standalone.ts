// Standalone mode (`npm start`): a local Prometheus scraping the embedded cluster (and the BFF),
// which the prometheus/ routes query as a `direct` source.
import type { EmbeddedCluster } from '../../embedded-cluster/cluster';
import {
  INSTALL_HINT,
  prometheusAvailable,
  startLocalPrometheus,
  type ScrapeTarget,
} from './localPrometheus';
import type { PrometheusSource } from './routes';

export interface StandalonePrometheusOptions {
  cluster: Pick<EmbeddedCluster, 'httpsURL' | 'caCert' | 'users'>;
  /** Config, log and TSDB (`data/`, kept between runs); e.g. `<state dir>/prometheus`. */
  dataDir: string;
  /** The BFF's own `/metrics` (full URL), scraped as job `bff` when given. */
  bffMetricsURL?: string;
  scrapeIntervalSeconds?: number;
  binary?: string;
}

export type StandalonePrometheus =
  | { source: PrometheusSource; url: string; logFile: string; stop(): Promise<void> }
  | { source: undefined; absentReason: string; stop(): Promise<void> };

/**
 * Starts Prometheus scraping the embedded cluster's `/metrics` (HTTPS, its CA, the admin's
 * token) every 5 s, and `bffMetricsURL` if given. When Prometheus is not installed or does not
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
  try {
    const prometheus = await startLocalPrometheus({
      dataDir: options.dataDir,
      targets,
      scrapeIntervalSeconds: options.scrapeIntervalSeconds ?? 5,
      binary,
    });
    return {
      source: { kind: 'direct', url: prometheus.url },
      url: prometheus.url,
      logFile: prometheus.logFile,
      stop: prometheus.stop,
    };
  } catch (error) {
    return absent(`Prometheus did not start, so there are no metrics: ${(error as Error).message}`);
  }
};
