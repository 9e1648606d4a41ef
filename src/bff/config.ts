import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface ServerConfig {
  /** Interface to listen on; loopback unless told otherwise, since standalone mode has sessions. */
  host: string;
  port: number;
  /** Kubernetes API server the BFF talks to; absent means "no cluster connected". */
  upstreamURL?: URL;
  /** A kubeconfig naming the cluster (its CA and, for the BFF's own watches, a token). */
  kubeconfig?: string;
  /** In a pod: the in-cluster service account's API server, CA and token. */
  inCluster: boolean;
  /**
   * Standalone: start the embedded cluster in this process, state in `dataDir`, and offer
   * its users on the login page.
   */
  embedded?: { dataDir: string };
  /** Built plugin (webpack ConsoleRemotePlugin output). */
  pluginDir: string;
  /** Built standalone shell; absent in a cluster, where the OpenShift console is the host. */
  shellDir?: string;
  logLevel: string;
}

export class ConfigError extends Error {}

const parsePort = (value: string): number => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`Invalid port "${value}": expected an integer from 0 to 65535.`);
  }
  return port;
};

const parseUpstream = (value: string): URL => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`Invalid upstream URL "${value}": expected http(s)://host[:port].`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`Invalid upstream URL "${value}": only http and https are supported.`);
  }
  return url;
};

const parseFlags = (argv: string[]) => {
  try {
    return parseArgs({
      args: argv,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        upstream: { type: 'string' },
        'plugin-dir': { type: 'string' },
        'shell-dir': { type: 'string' },
        'no-shell': { type: 'boolean' },
        'log-level': { type: 'string' },
        kubeconfig: { type: 'string' },
        'in-cluster': { type: 'boolean' },
        embedded: { type: 'boolean' },
        'data-dir': { type: 'string' },
      },
      strict: true,
    });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
};

/**
 * Reads the server's configuration from the command line, then the environment, then defaults.
 * Flags: --host, --port, --upstream, --kubeconfig, --in-cluster, --embedded, --data-dir,
 * --plugin-dir, --shell-dir, --no-shell, --log-level.
 * Environment: HOST, PORT, K8S_UPSTREAM_URL, PLUGIN_DIR, SHELL_DIR, LOG_LEVEL,
 * EMBEDDED_DATA_DIR.
 */
export const readConfig = (
  argv: string[],
  env: NodeJS.ProcessEnv,
  rootDir: string,
): ServerConfig => {
  const { values } = parseFlags(argv);
  const upstream = values.upstream ?? env.K8S_UPSTREAM_URL;
  const named = [
    upstream && '--upstream',
    values.kubeconfig && '--kubeconfig',
    values['in-cluster'] && '--in-cluster',
    values.embedded && '--embedded',
  ].filter(Boolean);
  if (named.length > 1)
    throw new ConfigError(`Choose one cluster: ${named.join(' and ')} were both given.`);
  return {
    host: values.host ?? env.HOST ?? '127.0.0.1',
    port: parsePort(values.port ?? env.PORT ?? '9000'),
    upstreamURL: upstream ? parseUpstream(upstream) : undefined,
    kubeconfig: values.kubeconfig,
    inCluster: values['in-cluster'] ?? false,
    embedded: values.embedded
      ? {
          dataDir: path.resolve(
            values['data-dir'] ??
              env.EMBEDDED_DATA_DIR ??
              path.join(os.homedir(), '.cache/virtualization-plugin/cluster'),
          ),
        }
      : undefined,
    pluginDir: path.resolve(rootDir, values['plugin-dir'] ?? env.PLUGIN_DIR ?? 'dist/plugin'),
    shellDir: values['no-shell']
      ? undefined
      : path.resolve(rootDir, values['shell-dir'] ?? env.SHELL_DIR ?? 'dist/shell'),
    logLevel: values['log-level'] ?? env.LOG_LEVEL ?? 'info',
  };
};
