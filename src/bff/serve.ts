import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { startEmbeddedCluster, type EmbeddedCluster } from '../embedded-cluster/cluster';
import { ConfigError, readConfig, servedPaths, type ServerConfig } from './config';
import { ServingCertificateError } from './cluster/servingCertificate';
import { ConnectionConfigError, resolveKubeConnection } from './kube/connectionConfig';
import { createServer, type ServerServices } from './server';
import { startStandalonePrometheus } from './prometheus/standalone';

export interface StartOptions {
  /** The project root: default plugin and shell directories are relative to it. */
  rootDir: string;
  /** Where the in-cluster service account is mounted (tests point it elsewhere). */
  serviceAccountDir?: string;
}

export interface RunningServer {
  app: FastifyInstance;
  config: ServerConfig;
  /** The listening URL (`https://…` with TLS). */
  address: string;
  /** For the start-up lines: which cluster, which metrics source. */
  describe: { cluster: string; metrics: string };
  stop(): Promise<void>;
}

/** Errors whose message is the whole story (a bad flag, an unreadable file): no stack trace. */
export const isConfigurationError = (error: unknown): error is Error =>
  error instanceof ConfigError ||
  error instanceof ConnectionConfigError ||
  error instanceof ServingCertificateError;

/** In a pod only the service variables count: a KUBECONFIG lying around is not a choice. */
const inClusterEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  KUBERNETES_SERVICE_HOST: env.KUBERNETES_SERVICE_HOST,
  KUBERNETES_SERVICE_PORT: env.KUBERNETES_SERVICE_PORT,
});

/** The cluster the configuration names: the embedded one (started here), or a real one. */
const connect = async (
  config: ServerConfig,
  env: NodeJS.ProcessEnv,
  options: StartOptions,
): Promise<{ services: ServerServices; cluster?: EmbeddedCluster; describe: string }> => {
  if (config.embedded) {
    const cluster = await startEmbeddedCluster({ dataDir: config.embedded.dataDir });
    const admin = cluster.users.find((user) => user.username === 'admin');
    return {
      cluster,
      services: {
        connection: { server: new URL(cluster.httpsURL), ca: cluster.caCert, token: admin?.token },
        embeddedUsers: cluster.users,
      },
      describe: `embedded, ${cluster.httpsURL} (state in ${config.embedded.dataDir}; kubeconfig ${cluster.kubeconfigPath})`,
    };
  }
  if (!config.upstreamURL && !config.kubeconfig && !config.inCluster)
    return { services: {}, describe: 'none connected (npm start uses the embedded one)' };
  const resolved = await resolveKubeConnection({
    url: config.upstreamURL,
    kubeconfig: config.kubeconfig,
    // Only what was asked for: a KUBECONFIG in the environment is not a choice.
    env: config.inCluster ? inClusterEnv(env) : {},
    serviceAccountDir: options.serviceAccountDir,
  });
  if (!resolved)
    throw new ConfigError(
      '--in-cluster: KUBERNETES_SERVICE_HOST is not set, so this is not running in a pod.',
    );
  return {
    services: { connection: resolved.connection },
    describe: `${resolved.connection.server.origin} (${resolved.source})`,
  };
};

const readCA = (file: string | undefined, what: string) => {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the ${what} CA file ${file}: ${(error as Error).message}`);
  }
};

/** Metrics: a local Prometheus beside the embedded cluster, or the one configured, or none. */
const metricsSource = async (
  config: ServerConfig,
  cluster: EmbeddedCluster | undefined,
): Promise<{ services: ServerServices['prometheus']; stop(): Promise<void>; describe: string }> => {
  const wanted = config.prometheus;
  const none = async () => undefined;
  if (wanted?.kind === 'local' && cluster && config.embedded) {
    const scheme = config.tls ? 'https' : 'http';
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const started = await startStandalonePrometheus({
      cluster,
      dataDir: path.join(config.embedded.dataDir, 'prometheus'),
      bffMetricsURL:
        config.port === 0
          ? undefined
          : `${scheme}://${host}:${config.port}${servedPaths(config).bff}metrics`,
    });
    return {
      services: started,
      stop: started.stop,
      describe: started.source
        ? `local, ${started.url} (log ${started.logFile})`
        : started.absentReason,
    };
  }
  if (wanted?.kind === 'direct')
    return {
      services: {
        source: { kind: 'direct', url: wanted.url, ca: readCA(wanted.caFile, 'Prometheus') },
      },
      stop: none,
      describe: wanted.url,
    };
  if (wanted?.kind === 'thanos')
    return {
      services: {
        source: { ...wanted, ca: readCA(wanted.caFile, 'Prometheus') },
      },
      stop: none,
      describe: `Thanos querier ${wanted.url} (tenancy ${wanted.tenancyURL})`,
    };
  return { services: undefined, stop: none, describe: 'none' };
};

/**
 * Everything `node dist/server/main.js ARGS` does before it waits: reads the configuration,
 * connects (embedded, kubeconfig, in-cluster or a URL), picks the metrics source, and listens.
 * Throws ConfigError, ConnectionConfigError or ServingCertificateError for bad configuration.
 */
export const startServer = async (
  argv: string[],
  env: NodeJS.ProcessEnv,
  options: StartOptions,
): Promise<RunningServer> => {
  const config = readConfig(argv, env, options.rootDir);
  const { services, cluster, describe } = await connect(config, env, options);
  const metrics = await metricsSource(config, cluster);
  let app: FastifyInstance | undefined;
  const stopAll = async () => {
    await app?.close();
    await metrics.stop();
    await cluster?.stop();
  };
  try {
    services.prometheus = metrics.services;
    if (config.uploadProxy)
      services.uploadProxy = {
        url: config.uploadProxy.url,
        ca: readCA(config.uploadProxy.caFile, 'upload proxy'),
      };
    // One JSON object per line (pino), credentials never written even if a serializer grows.
    const logger = {
      level: config.logLevel,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
    };
    app = await createServer(config, logger, services);
    const address = await app.listen({ host: config.host, port: config.port });
    return {
      app,
      config,
      address,
      describe: { cluster: describe, metrics: metrics.describe },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
};
