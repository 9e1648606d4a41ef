// `npm run dev`: the watch loop. webpack rebuilds the plugin (transpile-only) into dist/plugin,
// the server restarts on BFF changes, and Vite serves the shell with hot reload, proxying /api
// to the server. Reload the page after a plugin rebuild: the console caches federated modules.
import { spawn } from 'node:child_process';
import { binPath, ensureDependencies, exitOnError, log, root } from './lib/project.mjs';

await ensureDependencies().catch(exitOnError);

const serverArgs = process.argv.slice(2);
const children = [
  spawn(
    binPath('webpack'),
    ['--config', 'webpack.config.mjs', '--mode', 'development', '--watch'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  ),
  spawn(binPath('tsx'), ['watch', '--clear-screen=false', 'src/bff/main.ts', ...serverArgs], {
    cwd: root,
    stdio: 'inherit',
  }),
  spawn(binPath('vite'), ['--config', 'vite.config.ts', '--host', '127.0.0.1'], {
    cwd: root,
    stdio: 'inherit',
  }),
];

log('Development console: http://127.0.0.1:9001/ (server on :9000)');
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => code && code !== 143 && stop());
