// `npm start`: install what is missing, build what is stale, run the server with the embedded
// cluster (state kept in ~/.cache/virtualization-plugin/cluster), print its URL.
// Extra arguments go to the server: `npm start -- --port 9100`, or a real cluster instead of the
// embedded one: `npm start -- --kubeconfig ~/.kube/config` (or `--upstream https://…`).
import { spawn } from 'node:child_process';
import { buildAll } from './build.mjs';
import { ensureVmSupport } from './guest-image.mjs';
import { ensureDependencies, exitOnError, root } from './lib/project.mjs';
import { ensureSystemPackages } from './system-packages.mjs';

await ensureDependencies()
  .then(() => buildAll())
  .catch(exitOnError);
// The embedded cluster's CA (openssl) and CDI's image conversion (qemu-img); VMs that really run:
// QEMU and the guest image, set up once (everything carries on without them).
ensureSystemPackages('cluster');
ensureVmSupport();
// The local Prometheus that scrapes the embedded cluster for the metric pages (optional too).
if (!process.argv.includes('--no-prometheus')) ensureSystemPackages('prometheus');

const args = process.argv.slice(2);
const namesCluster = args.some((arg) =>
  ['--upstream', '--kubeconfig', '--in-cluster', '--embedded'].includes(arg.split('=')[0]),
);
const cluster = namesCluster || process.env.K8S_UPSTREAM_URL ? [] : ['--embedded'];

const server = spawn(
  process.execPath,
  ['--enable-source-maps', 'dist/server/main.js', ...cluster, ...args],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
