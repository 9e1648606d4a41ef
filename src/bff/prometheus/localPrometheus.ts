// Standalone mode: a local Prometheus that scrapes the embedded cluster's /metrics, for the BFF's
// prometheus/... proxy to query (in a cluster the BFF talks to the Thanos querier instead).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { stringify } from 'yaml';

export interface ScrapeTarget {
  /** What to scrape: scheme, host[:port] and path (query parameters become `params`). */
  url: string;
  /** Sent as `Authorization: Bearer …`; written to a 0600 file, never on a command line. */
  bearerToken?: string;
  /** PEM CA that signed an https target's certificate (the embedded cluster's `caCert`). */
  caCert?: string;
  /** The `job` label of the series; unique among the targets. */
  job: string;
}

export interface LocalPrometheusOptions {
  /**
   * Holds prometheus.yml, the credential files, the rule files (`rules/`, see
   * {@link writeRuleFiles}), the TSDB (`data/`) and `prometheus.log`.
   */
  dataDir: string;
  targets: ScrapeTarget[];
  scrapeIntervalSeconds?: number;
  /** The executable, a path or a name on PATH. */
  binary?: string;
  /** How long to wait for `/-/ready` (default 30 s). */
  readyTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL (default 10 s). */
  stopTimeoutMs?: number;
}

export interface LocalPrometheus {
  /** Base URL, e.g. `http://127.0.0.1:41234`; the HTTP API is under `/api/v1/`. */
  url: string;
  pid: number;
  /** Prometheus's own log (stdout and stderr). */
  logFile: string;
  /** Reads the config and rule files again (`POST /-/reload`); rejects with Prometheus's reason. */
  reload(): Promise<void>;
  /** SIGTERM, then SIGKILL after `stopTimeoutMs`; resolves once the process is gone. Idempotent. */
  stop(): Promise<void>;
}

/** A `monitoring.coreos.com/v1` PrometheusRule, as the API lists it. */
export interface PrometheusRuleObject {
  metadata: { name?: string; namespace?: string };
  spec?: { groups?: { name: string; rules?: Record<string, unknown>[] }[] };
}

export interface RuleFiles {
  /** Whether a file was added, changed or removed (Prometheus must reload). */
  changed: boolean;
  /** `namespace/name` of the PrometheusRules written. */
  loaded: string[];
  /** Those promtool refused, with its reason; their previous file (if any) is removed. */
  rejected: { rule: string; reason: string }[];
}

export const INSTALL_HINT =
  'run `node scripts/system-packages.mjs prometheus` as root, or on Debian or Ubuntu: ' +
  '`sudo apt-get install -y --no-install-recommends prometheus`';

/** Whether `binary --version` runs. */
export const prometheusAvailable = (binary = 'prometheus'): boolean => {
  const result = spawnSync(binary, ['--version'], { stdio: 'ignore', timeout: 10_000 });
  return result.error === undefined && result.status === 0;
};

/** A Prometheus duration: whole seconds where it can, else milliseconds. */
const duration = (seconds: number) =>
  Number.isInteger(seconds) ? `${seconds}s` : `${Math.max(1, Math.round(seconds * 1000))}ms`;

/**
 * Writes prometheus.yml (and the credential and CA files it points to) into `dataDir`; returns
 * the config file's path. Pure file work: no process is started.
 */
export const writePrometheusConfig = (
  dataDir: string,
  targets: ScrapeTarget[],
  scrapeIntervalSeconds = 5,
): string => {
  if (!(scrapeIntervalSeconds > 0) || !Number.isFinite(scrapeIntervalSeconds))
    throw new Error(
      `scrapeIntervalSeconds must be a positive number, not ${scrapeIntervalSeconds}`,
    );
  if (targets.length === 0) throw new Error('Prometheus needs at least one scrape target');
  const jobs = new Set<string>();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const dir = path.resolve(dataDir);
  mkdirSync(path.join(dir, RULES_DIR), { recursive: true, mode: 0o700 });
  const secretFile = (name: string, content: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, content, { mode: 0o600 });
    chmodSync(file, 0o600); // the mode above only applies when the file is new
    return file;
  };

  const scrapeConfigs = targets.map((target, index) => {
    if (!target.job) throw new Error(`scrape target ${target.url} has no job name`);
    if (jobs.has(target.job)) throw new Error(`two scrape targets have the job name ${target.job}`);
    jobs.add(target.job);
    let url: URL;
    try {
      url = new URL(target.url);
    } catch {
      throw new Error(`invalid scrape target URL "${target.url}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`scrape target ${target.url}: only http and https are supported`);
    if (url.username || url.password)
      throw new Error(
        `scrape target ${target.url}: pass credentials as bearerToken, not in the URL`,
      );
    const params: Record<string, string[]> = {};
    for (const [key, value] of url.searchParams) (params[key] ??= []).push(value);

    return {
      job_name: target.job,
      scheme: url.protocol.slice(0, -1),
      metrics_path: url.pathname || '/',
      ...(Object.keys(params).length ? { params } : {}),
      ...(target.bearerToken
        ? {
            authorization: {
              type: 'Bearer',
              credentials_file: secretFile(`token-${index}`, target.bearerToken),
            },
          }
        : {}),
      ...(target.caCert
        ? { tls_config: { ca_file: secretFile(`ca-${index}.crt`, target.caCert) } }
        : {}),
      static_configs: [{ targets: [url.host] }],
    };
  });

  const config = {
    global: {
      scrape_interval: duration(scrapeIntervalSeconds),
      scrape_timeout: duration(Math.min(scrapeIntervalSeconds, 10)),
      evaluation_interval: duration(scrapeIntervalSeconds),
    },
    rule_files: [path.join(dir, RULES_DIR, '*.yaml')],
    scrape_configs: scrapeConfigs,
  };
  const file = path.join(dir, 'prometheus.yml');
  writeFileSync(file, stringify(config), { mode: 0o600 });
  return file;
};

/** Where the rule files are, below the data dir; prometheus.yml loads every `*.yaml` there. */
export const RULES_DIR = 'rules';

const promtoolMissing = (binary: string) =>
  spawnSync(binary, ['--version'], { stdio: 'ignore', timeout: 10_000 }).error !== undefined;

/**
 * Writes one rule file per PrometheusRule (`rules/NAMESPACE-NAME.yaml`, its `spec.groups`), as
 * the Prometheus operator does, and removes the files of those gone. A changed file is
 * checked with `promtool check rules` first (when promtool is installed): one that does not
 * pass is left out, so it cannot stop Prometheus from starting or reloading.
 */
export const writeRuleFiles = (
  dataDir: string,
  rules: PrometheusRuleObject[],
  promtool = 'promtool',
): RuleFiles => {
  const dir = path.join(path.resolve(dataDir), RULES_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const result: RuleFiles = { changed: false, loaded: [], rejected: [] };
  const wanted = new Set<string>();
  let canCheck: boolean | undefined; // asked once, and only when a file changes
  for (const rule of rules) {
    const { namespace = '', name = '' } = rule.metadata;
    const id = `${namespace}/${name}`;
    const file = `${namespace}-${name}.yaml`.replace(/[^A-Za-z0-9._-]/g, '_');
    const groups = (rule.spec?.groups ?? []).map((group) => ({
      ...group,
      rules: (group.rules ?? []).map((r) => ({ ...r, expr: String(r.expr ?? '') })),
    }));
    const content = stringify({ groups });
    const target = path.join(dir, file);
    let current: string | undefined;
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === content) {
      wanted.add(file);
      result.loaded.push(id);
      continue;
    }
    const staged = path.join(path.resolve(dataDir), `.${file}.check`);
    writeFileSync(staged, content, { mode: 0o600 });
    canCheck ??= !promtoolMissing(promtool);
    const check = canCheck
      ? spawnSync(promtool, ['check', 'rules', staged], { encoding: 'utf8', timeout: 30_000 })
      : undefined;
    if (check && check.status !== 0) {
      rmSync(staged, { force: true });
      result.rejected.push({
        rule: id,
        reason: `${check.stdout ?? ''}${check.stderr ?? ''}`.trim() || 'promtool refused it',
      });
      continue; // its old file, if any, goes below: what Prometheus has must match the API
    }
    renameSync(staged, target);
    wanted.add(file);
    result.loaded.push(id);
    result.changed = true;
  }
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.yaml') || wanted.has(file)) continue;
    rmSync(path.join(dir, file), { force: true });
    result.changed = true;
  }
  return result;
};

/** A port nobody listens on right now (Prometheus cannot be told to pick one itself). */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const tail = (file: string, lines = 15) => {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Children still running when Node exits are killed with it rather than left behind. */
const children = new Set<ChildProcess>();
let exitHookInstalled = false;
const killChildrenOnExit = () => {
  for (const child of children) child.kill('SIGKILL');
};

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });

class StartError extends Error {
  constructor(
    message: string,
    readonly portTaken = false,
  ) {
    super(message);
  }
}

const launch = async (
  options: Required<Omit<LocalPrometheusOptions, 'targets'>>,
  configFile: string,
): Promise<LocalPrometheus> => {
  const { dataDir, binary, readyTimeoutMs, stopTimeoutMs } = options;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(path.resolve(dataDir), 'prometheus.log');
  const logFd = openSync(logFile, 'a', 0o600);
  let child: ChildProcess;
  try {
    child = spawn(
      binary,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${path.join(path.resolve(dataDir), 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=2h',
        // POST /-/reload re-reads the rule files (on 127.0.0.1 only, like everything here).
        '--web.enable-lifecycle',
      ],
      { stdio: ['ignore', logFd, logFd], cwd: dataDir },
    );
  } finally {
    closeSync(logFd); // the child has its own copy
  }
  children.add(child);
  if (!exitHookInstalled) {
    process.once('exit', killChildrenOnExit);
    exitHookInstalled = true;
  }
  let spawnError: NodeJS.ErrnoException | undefined;
  child.once('error', (error) => (spawnError = error));
  child.once('exit', () => children.delete(child));

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null || spawnError) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      await exited(child);
      clearTimeout(timer);
    })());

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (spawnError) {
      children.delete(child);
      throw new StartError(
        spawnError.code === 'ENOENT'
          ? `Prometheus is not installed (no "${binary}" executable): ${INSTALL_HINT}.`
          : `Could not start ${binary}: ${spawnError.message}`,
      );
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = tail(logFile);
      throw new StartError(
        `Prometheus exited (${child.exitCode ?? child.signalCode}) before it was ready; ` +
          `the end of ${logFile}:\n${log}`,
        /address already in use/.test(log),
      );
    }
    const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new StartError(
        `Prometheus was not ready at ${url}/-/ready within ${readyTimeoutMs / 1000} s; ` +
          `the end of ${logFile}:\n${tail(logFile)}`,
      );
    }
    await sleep(100);
  }
  const reload = async () => {
    const response = await fetch(`${url}/-/reload`, {
      method: 'POST',
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok)
      throw new Error(
        `Prometheus did not reload (HTTP ${response.status}): ${(await response.text()).trim()}`,
      );
  };
  return { url, pid: child.pid ?? 0, logFile, reload, stop };
};

/**
 * Starts `prometheus` on 127.0.0.1 (a free port) scraping `targets`, with its TSDB, config and
 * log in `dataDir` (2 h retention); resolves once `/-/ready` answers.
 */
export const startLocalPrometheus = async ({
  dataDir,
  targets,
  scrapeIntervalSeconds = 5,
  binary = 'prometheus',
  readyTimeoutMs = 30_000,
  stopTimeoutMs = 10_000,
}: LocalPrometheusOptions): Promise<LocalPrometheus> => {
  const configFile = writePrometheusConfig(dataDir, targets, scrapeIntervalSeconds);
  const options = { dataDir, binary, scrapeIntervalSeconds, readyTimeoutMs, stopTimeoutMs };
  // The free port can be taken between our probe and Prometheus's bind: try a fresh one then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(options, configFile);
    } catch (error) {
      if (!(error instanceof StartError && error.portTaken && attempt < 3)) throw error;
    }
  }
};
