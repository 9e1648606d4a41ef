import { setTimeout as sleep } from 'node:timers/promises';
import { isKubernetesStatus } from '../../common/cluster-info';
import { kubeRequest, type KubeConnection } from '../kube/connection';

/** The console operator's configuration, whose spec.plugins lists the plugins the console loads. */
export const CONSOLE_CONFIG_PATH = '/apis/operator.openshift.io/v1/consoles/cluster';
const CONSOLE_CONFIG = 'consoles.operator.openshift.io/cluster';

/** How `console-plugins` exits: scripts and Helm hooks read these. */
export const EXIT_CODES = { ok: 0, failed: 1, usage: 2, notOpenShift: 3 } as const;

/** Why the change was not made; `exitCode` is one of EXIT_CODES. */
export class ConsolePluginsError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export type PluginChange = 'enable' | 'disable';

export interface PluginChangeResult {
  /** False when the plugin was already (or already not) in the list. */
  changed: boolean;
  /** spec.plugins afterwards. */
  plugins: string[];
}

interface ConsoleConfig {
  metadata?: { resourceVersion?: string };
  spec?: { plugins?: unknown };
}

type PatchOperation = { op: 'test' | 'add' | 'replace'; path: string; value: unknown };

/** ConsolePlugin names are object names: DNS-1123 subdomains. */
const PLUGIN_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const checkPluginName = (name: string): string | undefined =>
  name.length > 0 && name.length <= 253 && PLUGIN_NAME.test(name)
    ? undefined
    : `"${name}" is not a plugin name: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters.`;

const send = async (
  connection: KubeConnection,
  method: 'GET' | 'PATCH',
  body?: PatchOperation[],
): Promise<{ status: number; body: unknown }> => {
  const response = await kubeRequest(connection, CONSOLE_CONFIG_PATH, {
    method,
    authorization: connection.token ? `Bearer ${connection.token}` : undefined,
    headers: {
      accept: 'application/json',
      ...(body ? { 'content-type': 'application/json-patch+json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    timeoutMs: 15_000,
  });
  response.setEncoding('utf8');
  let text = '';
  for await (const chunk of response) text += chunk as string;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.statusCode ?? 502, body: parsed };
};

const reason = (status: number, body: unknown) =>
  isKubernetesStatus(body) ? body.message : `HTTP ${status}`;

const notFound = (status: number, body: unknown) =>
  new ConsolePluginsError(
    `Console operator config not found: is this OpenShift? (${CONSOLE_CONFIG} answered ${status}: ${reason(status, body)})`,
    EXIT_CODES.notOpenShift,
  );

/** Another writer changed the object between our read and our patch: read again and retry. */
const lostRace = (status: number, body: unknown) =>
  status === 409 || (status === 422 && /\btest\b/i.test(reason(status, body)));

/**
 * The JSON patch from `current` to `next`: a `test` of the list as it was read, so a concurrent
 * change (another chart's hook) makes the patch fail instead of being overwritten. Without a
 * list yet, the resourceVersion is the guard.
 */
const patchFor = (config: ConsoleConfig, next: string[]): PatchOperation[] => {
  if (Array.isArray(config.spec?.plugins))
    return [
      { op: 'test', path: '/spec/plugins', value: config.spec.plugins },
      { op: 'replace', path: '/spec/plugins', value: next },
    ];
  return [
    { op: 'test', path: '/metadata/resourceVersion', value: config.metadata?.resourceVersion },
    config.spec
      ? { op: 'add', path: '/spec/plugins', value: next }
      : { op: 'add', path: '/spec', value: { plugins: next } },
  ];
};

/**
 * Adds `name` to (enable) or removes it from (disable) the console's spec.plugins with the
 * connection's own credential, keeping every other plugin. Idempotent; retried when another
 * writer gets in between. Throws ConsolePluginsError (notOpenShift when the object is absent).
 */
export const changeConsolePlugin = async (
  connection: KubeConnection,
  name: string,
  change: PluginChange,
  { attempts = 8 }: { attempts?: number } = {},
): Promise<PluginChangeResult> => {
  const invalid = checkPluginName(name);
  if (invalid) throw new ConsolePluginsError(invalid, EXIT_CODES.usage);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const read = await send(connection, 'GET');
    if (read.status === 404) throw notFound(read.status, read.body);
    if (read.status !== 200)
      throw new ConsolePluginsError(
        `Reading ${CONSOLE_CONFIG} failed (${read.status}): ${reason(read.status, read.body)}`,
        EXIT_CODES.failed,
      );
    const config = read.body as ConsoleConfig;
    const listed = config.spec?.plugins;
    const plugins = Array.isArray(listed)
      ? listed.filter((p): p is string => typeof p === 'string')
      : [];
    const present = plugins.includes(name);
    if (present === (change === 'enable')) return { changed: false, plugins };
    const next = change === 'enable' ? [...plugins, name] : plugins.filter((p) => p !== name);
    const written = await send(connection, 'PATCH', patchFor(config, next));
    if (written.status === 200) return { changed: true, plugins: next };
    if (written.status === 404) throw notFound(written.status, written.body);
    if (!lostRace(written.status, written.body))
      throw new ConsolePluginsError(
        `Updating ${CONSOLE_CONFIG} failed (${written.status}): ${reason(written.status, written.body)}`,
        EXIT_CODES.failed,
      );
    // Spread the writers apart a little before reading again.
    await sleep(50 * attempt + Math.floor(Math.random() * 50));
  }
  throw new ConsolePluginsError(
    `${CONSOLE_CONFIG} kept changing while we updated it (${attempts} attempts); run again.`,
    EXIT_CODES.failed,
  );
};
