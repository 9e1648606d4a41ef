import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedCluster, type EmbeddedCluster } from '../embedded-cluster/cluster';
import { ConfigError, readConfig, type ServerConfig } from './config';
import { ConnectionConfigError, resolveKubeConnection } from './kube/connectionConfig';
import { createServer, type ServerServices } from './server';
import { startStandalonePrometheus } from './prometheus/standalone';
import { BFF_PATH } from '../common/paths';

// dist/server/main.js and src/bff/main.ts both sit two levels below the project root.
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The cluster the configuration names: the embedded one (started here), or a real one. */
const connect = async (
  config: ServerConfig,
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
    env: config.inCluster ? process.env : {},
  });
  if (!resolved)
    throw new ConfigError('No cluster found: the in-cluster service account is missing.');
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
    const started = await startStandalonePrometheus({
      cluster,
      dataDir: path.join(config.embedded.dataDir, 'prometheus'),
      bffMetricsURL:
        config.port === 0
          ? undefined
          : `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}${BFF_PATH}metrics`,
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

const main = async () => {
  const config = readConfig(process.argv.slice(2), process.env, rootDir);
  const { services, cluster, describe } = await connect(config);
  const metrics = await metricsSource(config, cluster);
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
  const app = await createServer(config, logger, services);
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await metrics.stop();
    await cluster?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  const address = await app.listen({ host: config.host, port: config.port });
  console.log(
    config.shellDir
      ? `Virtualization console: ${address}/`
      : `Virtualization plugin served at ${address}`,
  );
  console.log(`Cluster: ${describe}`);
  console.log(`Metrics: ${metrics.describe}`);
};

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof ConnectionConfigError;
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
