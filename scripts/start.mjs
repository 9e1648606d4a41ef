// `npm start`: install what is missing, build what is stale, run the server, print its URL.
// Extra arguments go to the server: `npm start -- --port 9100 --upstream https://…`.
import { spawn } from 'node:child_process';
import { buildAll } from './build.mjs';
import { ensureVmSupport } from './guest-image.mjs';
import { ensureDependencies, exitOnError, root } from './lib/project.mjs';

await ensureDependencies()
  .then(() => buildAll())
  .catch(exitOnError);
// VMs that really run: QEMU and the guest image, set up once (everything carries on without them).
ensureVmSupport();

const server = spawn(
  process.execPath,
  ['--enable-source-maps', 'dist/server/main.js', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
