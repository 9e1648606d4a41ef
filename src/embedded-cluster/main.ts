import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedCluster } from './cluster';

/** Where the cluster keeps its state unless told otherwise: the user's cache directory. */
export const defaultDataDir = () =>
  path.join(
    process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'),
    'virtualization-plugin',
    'cluster',
  );

const runtimeChoice = (value: string | undefined) => {
  if (value === undefined || value === 'auto' || value === 'qemu' || value === 'simulated')
    return value;
  throw new Error(`Invalid --runtime "${value}": expected auto, qemu or simulated`);
};

const main = async () => {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      'data-dir': { type: 'string' },
      host: { type: 'string' },
      'http-port': { type: 'string' },
      'https-port': { type: 'string' },
      runtime: { type: 'string' },
    },
  });
  const port = (value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`Invalid port "${value}"`);
    return n;
  };
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const cluster = await startEmbeddedCluster({
    dataDir,
    host: values.host,
    httpPort: port(values['http-port'], 8080),
    httpsPort: port(values['https-port'], 6443),
    runtime: runtimeChoice(values.runtime),
  });
  console.log(`Embedded cluster: ${cluster.httpsURL} (plain HTTP on ${cluster.httpURL})`);
  console.log(`State: ${dataDir}`);
  console.log(`Kubeconfig: ${cluster.kubeconfigPath}`);
  console.log(`  export KUBECONFIG=${cluster.kubeconfigPath}   # contexts: admin, developer`);
  const stop = async () => {
    await cluster.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
