import { readFileSync } from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = __dirname;
const versionOf = (pkg: string): string =>
  (
    JSON.parse(readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

/** The standalone console shell. The plugin is NOT built here: the shell loads webpack's output. */
export default defineConfig({
  root: path.join(root, 'public'),
  publicDir: false,
  base: '/',
  plugins: [react()],
  // index.html lives in public/ (the Vite root) and names its script /src/…, the project's src/.
  resolve: { alias: [{ find: /^\/src\//, replacement: `${path.join(root, 'src')}/` }] },
  define: {
    __SHARED_VERSIONS__: JSON.stringify({
      'react-i18next': versionOf('react-i18next'),
      'react-router': versionOf('react-router'),
    }),
  },
  build: {
    outDir: path.join(root, 'dist/shell'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    // @patternfly/quickstarts' ES build calls `require('dompurify')` as it loads: convert such
    // mixed modules, or the built shell stops with "require is not defined".
    commonjsOptions: { transformMixedEsModules: true },
  },
  server: {
    port: 9001,
    fs: { allow: [root] },
    proxy: { '/api': { target: 'http://127.0.0.1:9000', ws: true } },
  },
});
