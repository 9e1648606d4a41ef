// Bundles the server (BFF, and later the embedded cluster) into dist/server/main.js. Packages
// stay external: the server runs beside node_modules, in a checkout or in the chart's image.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { root } from './lib/project.mjs';

const outdir = path.join(root, 'dist/server');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'src/bff/main.ts')],
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
