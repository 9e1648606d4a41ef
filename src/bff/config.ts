import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BFF_PATH, PLUGIN_ASSETS_PATH } from '../common/paths';

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
  /**
   * Console-hosted (`--no-shell`): the OpenShift console fetches `plugin-manifest.json` from the
   * service root and forwards `BFF_PATH<path>` to `/<path>`, so the plugin and the BFF are both
   * served at `/`. Otherwise (standalone) the console's own URL layout, as the shell expects.
   */
  atServiceRoot?: boolean;
  /** HTTPS with this PEM certificate and key (the service-serving certificate in a cluster). */
  tls?: { certFile: string; keyFile: string };
  logLevel: string;
  /**
   * Where metrics come from: a Prometheus the BFF reaches itself (`direct`, confining users to
   * their namespaces), OpenShift's Thanos querier (asked with each user's token), or, with the
   * embedded cluster, a local Prometheus started here (`local`). Absent: metric routes say 503.
   */
  prometheus?:
    | { kind: 'direct'; url: string; caFile?: string }
    | { kind: 'thanos'; url: string; tenancyURL: string; tenancyRulesURL: string; caFile?: string }
    | { kind: 'local' };
  /** CDI's upload proxy, when the one CDIConfig names is not reachable from here (a Route). */
  uploadProxy?: { url: string; caFile?: string };
}

export class ConfigError extends Error {}

const parsePort = (value: string): number => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`Invalid port "${value}": expected an integer from 0 to 65535.`);
  }
  return port;
};

const parseUpstream = (value: string, what = 'upstream'): URL => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`Invalid ${what} URL "${value}": expected http(s)://host[:port].`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`Invalid ${what} URL "${value}": only http and https are supported.`);
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
        prometheus: { type: 'string' },
        'thanos-querier': { type: 'string' },
        'prometheus-ca-file': { type: 'string' },
        'no-prometheus': { type: 'boolean' },
        'upload-proxy': { type: 'string' },
        'upload-proxy-ca-file': { type: 'string' },
        'tls-cert-file': { type: 'string' },
        'tls-key-file': { type: 'string' },
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
 * --plugin-dir, --shell-dir, --no-shell, --log-level, --prometheus, --thanos-querier,
 * --prometheus-ca-file, --no-prometheus, --upload-proxy, --upload-proxy-ca-file, --tls-cert-file,
 * --tls-key-file.
 * Environment: HOST, PORT, K8S_UPSTREAM_URL, PLUGIN_DIR, SHELL_DIR, LOG_LEVEL,
 * EMBEDDED_DATA_DIR, PROMETHEUS_URL, THANOS_QUERIER_URL (its tenancy ports 9092 and 9093 on the
 * same host unless THANOS_TENANCY_URL / THANOS_TENANCY_RULES_URL say otherwise),
 * PROMETHEUS_CA_FILE, CDI_UPLOAD_PROXY_URL, CDI_UPLOAD_PROXY_CA_FILE, TLS_CERT_FILE, TLS_KEY_FILE.
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
    atServiceRoot: values['no-shell'] ?? false,
    tls: readTLS(values, env),
    logLevel: values['log-level'] ?? env.LOG_LEVEL ?? 'info',
    prometheus: readPrometheus(values, env),
    uploadProxy: readUploadProxy(values, env),
  };
};

type Flags = ReturnType<typeof parseFlags>['values'];

const withPort = (url: URL, port: string) => {
  const copy = new URL(url);
  copy.port = port;
  return copy.href.replace(/\/$/, '');
};

const readPrometheus = (values: Flags, env: NodeJS.ProcessEnv): ServerConfig['prometheus'] => {
  const direct = values.prometheus ?? env.PROMETHEUS_URL;
  const thanos = values['thanos-querier'] ?? env.THANOS_QUERIER_URL;
  if (direct && thanos)
    throw new ConfigError(
      'Choose one Prometheus: --prometheus and --thanos-querier were both given.',
    );
  const caFile = values['prometheus-ca-file'] ?? env.PROMETHEUS_CA_FILE;
  if (direct)
    return {
      kind: 'direct',
      url: parseUpstream(direct, 'Prometheus').href.replace(/\/$/, ''),
      caFile,
    };
  if (thanos) {
    const url = parseUpstream(thanos, 'Thanos querier');
    return {
      kind: 'thanos',
      url: url.href.replace(/\/$/, ''),
      tenancyURL: env.THANOS_TENANCY_URL ?? withPort(url, '9092'),
      tenancyRulesURL: env.THANOS_TENANCY_RULES_URL ?? withPort(url, '9093'),
      caFile,
    };
  }
  return values.embedded && !values['no-prometheus'] ? { kind: 'local' } : undefined;
};

const readUploadProxy = (values: Flags, env: NodeJS.ProcessEnv): ServerConfig['uploadProxy'] => {
  const url = values['upload-proxy'] ?? env.CDI_UPLOAD_PROXY_URL;
  if (!url) return undefined;
  return {
    url: parseUpstream(url, 'upload proxy').href.replace(/\/$/, ''),
    caFile: values['upload-proxy-ca-file'] ?? env.CDI_UPLOAD_PROXY_CA_FILE,
  };
};

const readTLS = (values: Flags, env: NodeJS.ProcessEnv): ServerConfig['tls'] => {
  const certFile = values['tls-cert-file'] ?? env.TLS_CERT_FILE;
  const keyFile = values['tls-key-file'] ?? env.TLS_KEY_FILE;
  if (!certFile && !keyFile) return undefined;
  const cert = '--tls-cert-file (TLS_CERT_FILE)';
  const key = '--tls-key-file (TLS_KEY_FILE)';
  if (!certFile || !keyFile)
    throw new ConfigError(
      `HTTPS needs both a certificate and its key: ${certFile ? cert : key} was given without ${certFile ? key : cert}.`,
    );
  return { certFile, keyFile };
};

/** Where the plugin's assets and the BFF are served (both with a trailing slash). */
export const servedPaths = (config: Pick<ServerConfig, 'atServiceRoot'>) =>
  config.atServiceRoot ? { plugin: '/', bff: '/' } : { plugin: PLUGIN_ASSETS_PATH, bff: BFF_PATH };
