import { UpstreamUnavailableError } from '../kube/connection';
import { ConnectionConfigError, resolveKubeConnection } from '../kube/connectionConfig';
import {
  changeConsolePlugin,
  checkPluginName,
  ConsolePluginsError,
  EXIT_CODES,
  type PluginChange,
} from './consolePlugins';

export const USAGE = `Usage: node dist/server/console-plugins.js enable|disable NAME

Adds NAME to (enable) or removes it from (disable) spec.plugins of
consoles.operator.openshift.io/cluster, keeping the other plugins. Credentials: the pod's
service account (or KUBECONFIG outside a pod). Exit codes: 0 done or nothing to do,
1 refused or failed, 2 usage, 3 not OpenShift (no console operator config).`;

export interface CliIO {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
  /** Where the in-cluster service account is mounted (tests point it elsewhere). */
  serviceAccountDir?: string;
}

/** `console-plugins enable|disable NAME`; resolves with the process's exit code. */
export const runConsolePlugins = async (argv: string[], io: CliIO): Promise<number> => {
  const [action, name, ...rest] = argv;
  if ((action !== 'enable' && action !== 'disable') || !name || rest.length > 0) {
    io.err(USAGE);
    return EXIT_CODES.usage;
  }
  const change: PluginChange = action;
  const invalid = checkPluginName(name);
  if (invalid) {
    io.err(invalid);
    return EXIT_CODES.usage;
  }
  try {
    const resolved = await resolveKubeConnection({
      env: io.env,
      serviceAccountDir: io.serviceAccountDir,
    });
    if (!resolved) {
      io.err(
        'No cluster credentials: not in a pod (KUBERNETES_SERVICE_HOST is not set) and no KUBECONFIG.',
      );
      return EXIT_CODES.failed;
    }
    const result = await changeConsolePlugin(resolved.connection, name, change);
    const list = result.plugins.length ? result.plugins.join(', ') : 'none';
    if (!result.changed)
      io.out(
        change === 'enable'
          ? `${name} is already enabled in the console; nothing to do (plugins: ${list}).`
          : `${name} is not enabled in the console; nothing to do (plugins: ${list}).`,
      );
    else
      io.out(
        `${change === 'enable' ? 'Enabled' : 'Disabled'} ${name} in the console (plugins: ${list}).`,
      );
    return EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof ConsolePluginsError) {
      io.err(error.message);
      return error.exitCode;
    }
    if (error instanceof ConnectionConfigError || error instanceof UpstreamUnavailableError) {
      io.err(error.message);
      return EXIT_CODES.failed;
    }
    throw error;
  }
};
