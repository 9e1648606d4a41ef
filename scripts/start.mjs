// `npm start`: install what is missing, build what is stale, run the server, print its URL.
// Extra arguments go to the server: `npm start -- --port 9100 --upstream https://…`.
import { spawn } from 'node:child_process';
import { buildAll } from './build.mjs';
import { ensureDependencies, exitOnError, root } from './lib/project.mjs';

await ensureDependencies()
  .then(() => buildAll())
  .catch(exitOnError);

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
