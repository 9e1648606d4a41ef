// Bundles the server into dist/server: main.js (the BFF, the embedded cluster, static serving)
// and console-plugins.js (enables the plugin in the console operator's config; the chart's hooks
// run it). Packages stay external: the server runs beside node_modules, in a checkout or in the
// image (whose runtime stage installs the production dependencies only).
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { root } from './lib/project.mjs';

const outdir = path.join(root, 'dist/server');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    main: path.join(root, 'src/bff/main.ts'),
    'console-plugins': path.join(root, 'src/bff/cluster/consolePluginsMain.ts'),
  },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
