import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { KubeConnection } from './connection';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Where the upstream may be named, tried in this order; the first that is given wins. */
export interface ConnectionSources {
  /** An explicit API server URL, with an optional CA bundle and token file. */
  url?: string | URL;
  caFile?: string;
  tokenFile?: string;
  /** A kubeconfig path (or `path1:path2`, merged as kubectl does); else `env.KUBECONFIG`. */
  kubeconfig?: string;
  /** The environment read for KUBECONFIG and the in-cluster service variables. */
  env?: NodeJS.ProcessEnv;
  /** The in-cluster service account directory (tests point it elsewhere). */
  serviceAccountDir?: string;
}

export interface ResolvedConnection {
  connection: KubeConnection;
  /** For the startup log: where the connection came from. */
  source: string;
}

/** A configuration that names an upstream but cannot be used; the message says what to fix. */
export class ConnectionConfigError extends Error {}

const INSECURE_REFUSED =
  'sets insecure-skip-tls-verify: true, which the BFF refuses: it always verifies TLS. ' +
  "Give the cluster's CA (certificate-authority-data or certificate-authority) instead.";

const readText = async (file: string, what: string): Promise<string> => {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConnectionConfigError(`Cannot read ${what} ${file}: ${code}.`);
  }
};

const checkPEM = (pem: string, where: string): string => {
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    throw new ConnectionConfigError(`${where} holds no PEM certificate.`);
  return pem;
};

const parseServer = (value: unknown, where: string): URL => {
  if (typeof value !== 'string' || value === '')
    throw new ConnectionConfigError(`${where} has no server URL.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConnectionConfigError(`${where} has a server that is not a URL: ${value}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConnectionConfigError(`${where} has a server that is not http(s): ${value}.`);
  return url;
};

/**
 * A token read from a file that the kubelet rotates (projected service account tokens expire):
 * re-read at most once a minute, as client-go does, keeping the last good value on a failed read.
 */
const rotatingToken = (connection: KubeConnection, file: string, first: string) => {
  let value = first;
  let readAt = Date.now();
  Object.defineProperty(connection, 'token', {
    enumerable: true,
    get: () => {
      if (Date.now() - readAt < 60_000) return value;
      readAt = Date.now();
      try {
        value = readFileSync(file, 'utf8').trim() || value;
      } catch {
        // Keep the token we have; the next read may succeed.
      }
      return value;
    },
  });
  return connection;
};

const fromURL = async (sources: ConnectionSources): Promise<ResolvedConnection> => {
  const server = parseServer(String(sources.url), 'The upstream URL');
  const ca = sources.caFile
    ? checkPEM(await readText(sources.caFile, 'the CA file'), `The CA file ${sources.caFile}`)
    : undefined;
  const connection: KubeConnection = { server, ca };
  if (sources.tokenFile) {
    const token = (await readText(sources.tokenFile, 'the token file')).trim();
    rotatingToken(connection, sources.tokenFile, token);
  }
  return { connection, source: `${server.origin} (given)` };
};

type Named = Record<string, unknown>;

interface KubeconfigCluster {
  server?: unknown;
  'certificate-authority-data'?: unknown;
  'certificate-authority'?: unknown;
  'insecure-skip-tls-verify'?: unknown;
}
interface KubeconfigUser {
  token?: unknown;
  tokenFile?: unknown;
}
interface KubeconfigContext {
  cluster?: unknown;
  user?: unknown;
}

/** One kubeconfig file's entries, each remembering the file it came from. */
interface Entries {
  clusters: Map<string, { file: string; value: KubeconfigCluster }>;
  users: Map<string, { file: string; value: KubeconfigUser }>;
  contexts: Map<string, { file: string; value: KubeconfigContext }>;
  currentContext?: { file: string; name: string };
}

const collect = <T>(
  into: Map<string, { file: string; value: T }>,
  list: unknown,
  key: string,
  file: string,
) => {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) throw new ConnectionConfigError(`${file}: "${key}s" is not a list.`);
  for (const entry of list as Named[]) {
    const name = entry?.name;
    if (typeof name !== 'string') continue;
    // As kubectl merges: the first file that names an entry wins.
    if (!into.has(name)) into.set(name, { file, value: (entry[key] ?? {}) as T });
  }
};

const readKubeconfig = async (file: string, entries: Entries) => {
  const text = await readText(file, 'the kubeconfig');
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new ConnectionConfigError(
      `The kubeconfig ${file} is not valid YAML: ${(error as Error).message}`,
    );
  }
  if (document === null || document === undefined) return;
  if (typeof document !== 'object' || Array.isArray(document))
    throw new ConnectionConfigError(`The kubeconfig ${file} is not a mapping.`);
  const config = document as Record<string, unknown>;
  collect(entries.clusters, config.clusters, 'cluster', file);
  collect(entries.users, config.users, 'user', file);
  collect(entries.contexts, config.contexts, 'context', file);
  const current = config['current-context'];
  if (!entries.currentContext && typeof current === 'string' && current !== '')
    entries.currentContext = { file, name: current };
};

const fromKubeconfig = async (paths: string): Promise<ResolvedConnection> => {
  const files = paths.split(path.delimiter).filter((p) => p !== '');
  const entries: Entries = { clusters: new Map(), users: new Map(), contexts: new Map() };
  // A listed file that does not exist is skipped, as kubectl does, unless it is the only one.
  const present = files.length > 1 ? files.filter((f) => existsSync(f)) : files;
  if (present.length === 0)
    throw new ConnectionConfigError(`None of the kubeconfig files exist: ${paths}.`);
  for (const file of present) await readKubeconfig(file, entries);
  const named = present.join(path.delimiter);

  const current = entries.currentContext;
  if (!current) throw new ConnectionConfigError(`The kubeconfig ${named} sets no current-context.`);
  const context = entries.contexts.get(current.name);
  if (!context)
    throw new ConnectionConfigError(
      `The kubeconfig ${current.file} names current-context "${current.name}", which no contexts entry defines.`,
    );
  const clusterName = context.value.cluster;
  const cluster = typeof clusterName === 'string' ? entries.clusters.get(clusterName) : undefined;
  if (!cluster)
    throw new ConnectionConfigError(
      `The kubeconfig ${context.file}: context "${current.name}" names cluster "${String(clusterName ?? '')}", which no clusters entry defines.`,
    );
  const where = `The kubeconfig ${cluster.file}, cluster "${String(clusterName)}",`;
  if (cluster.value['insecure-skip-tls-verify'] === true)
    throw new ConnectionConfigError(`${where} ${INSECURE_REFUSED}`);
  const server = parseServer(cluster.value.server, where);

  let ca: string | undefined;
  const caData = cluster.value['certificate-authority-data'];
  const caFile = cluster.value['certificate-authority'];
  if (typeof caData === 'string' && caData !== '') {
    ca = checkPEM(
      Buffer.from(caData, 'base64').toString('utf8'),
      `${where} certificate-authority-data`,
    );
  } else if (typeof caFile === 'string' && caFile !== '') {
    // Relative paths are relative to the kubeconfig that names them, as in kubectl.
    const resolved = path.resolve(path.dirname(cluster.file), caFile);
    ca = checkPEM(await readText(resolved, `the certificate-authority of ${where}`), resolved);
  }

  const connection: KubeConnection = { server, ca };
  const userName = context.value.user;
  const user = typeof userName === 'string' ? entries.users.get(userName) : undefined;
  if (typeof user?.value.token === 'string' && user.value.token !== '') {
    connection.token = user.value.token;
  } else if (typeof user?.value.tokenFile === 'string' && user.value.tokenFile !== '') {
    const tokenFile = path.resolve(path.dirname(user.file), user.value.tokenFile);
    rotatingToken(connection, tokenFile, (await readText(tokenFile, 'the tokenFile')).trim());
  }
  // A user without a token (client certificates, exec plugins) leaves the BFF without its own
  // credential: callers' requests still work with their tokens.
  return { connection, source: `kubeconfig ${named} (context ${current.name})` };
};

const fromServiceAccount = async (
  host: string,
  port: string,
  dir: string,
): Promise<ResolvedConnection> => {
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const server = parseServer(`https://${hostPart}:${port}`, 'KUBERNETES_SERVICE_HOST/_PORT');
  const tokenFile = path.join(dir, 'token');
  const caFile = path.join(dir, 'ca.crt');
  const token = (await readText(tokenFile, 'the service account token')).trim();
  const ca = checkPEM(await readText(caFile, 'the service account CA'), caFile);
  const connection = rotatingToken({ server, ca }, tokenFile, token);
  return { connection, source: `in-cluster service account (${server.origin})` };
};

/**
 * The Kubernetes API the BFF talks to: an explicit URL, else a kubeconfig, else the in-cluster
 * service account; undefined when none is configured (the BFF then runs without a cluster).
 * TLS is always verified; a configuration asking otherwise is refused.
 */
export const resolveKubeConnection = async (
  sources: ConnectionSources = {},
): Promise<ResolvedConnection | undefined> => {
  const env = sources.env ?? process.env;
  if (sources.url !== undefined && String(sources.url) !== '') return fromURL(sources);
  const kubeconfig = sources.kubeconfig || env.KUBECONFIG;
  if (kubeconfig) return fromKubeconfig(kubeconfig);
  const host = env.KUBERNETES_SERVICE_HOST;
  if (host)
    return fromServiceAccount(
      host,
      env.KUBERNETES_SERVICE_PORT || '443',
      sources.serviceAccountDir ?? SERVICE_ACCOUNT_DIR,
    );
  return undefined;
};
