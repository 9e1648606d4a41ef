// Builds what is stale (or everything with --force): the plugin (webpack, as the console loads
// it), the standalone shell (Vite) and the server (esbuild). Used by `npm start` and `npm test`.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  binPath,
  ensureDependencies,
  exitOnError,
  log,
  newestMtime,
  root,
  runOrThrow,
} from './lib/project.mjs';

const common = ['src/common', 'package.json', 'package-lock.json', 'tsconfig.json'];

export const targets = [
  {
    name: 'plugin',
    output: 'dist/plugin',
    inputs: [
      ...common,
      'src/plugin',
      'locales',
      'console-extensions.json',
      'webpack.config.mjs',
      'scripts/lib/chunkPackagesPlugin.mjs',
      'tsconfig.plugin.json',
    ],
    build: () =>
      runOrThrow(binPath('webpack'), ['--config', 'webpack.config.mjs', '--mode', 'production']),
  },
  {
    name: 'shell',
    output: 'dist/shell',
    inputs: [...common, 'src/shell', 'public', 'locales', 'vite.config.ts'],
    build: () =>
      runOrThrow(binPath('vite'), ['build', '--config', 'vite.config.ts', '--logLevel', 'warn']),
  },
  {
    name: 'server',
    output: 'dist/server',
    inputs: [...common, 'src/bff', 'src/embedded-cluster', 'scripts/build-server.mjs'],
    build: () => runOrThrow(process.execPath, ['scripts/build-server.mjs']),
  },
];

const stampOf = (target) => path.join(root, target.output, '.build-stamp');

const isStale = (target) => {
  const stamp = stampOf(target);
  return !existsSync(stamp) || statSync(stamp).mtimeMs < newestMtime(target.inputs);
};

export const buildAll = async ({ force = false } = {}) => {
  for (const target of targets) {
    if (!force && !isStale(target)) continue;
    log(`Building the ${target.name}…`);
    const started = Date.now();
    await target.build();
    writeFileSync(stampOf(target), new Date().toISOString());
    log(`Built the ${target.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await ensureDependencies()
    .then(() => buildAll({ force: process.argv.includes('--force') }))
    .catch(exitOnError);
}
