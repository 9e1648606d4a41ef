// Builds the plugin exactly as the OpenShift console loads it: a webpack remote container
// produced by ConsoleRemotePlugin (manifest + entry + chunks) under dist/plugin, with the
// locales copied beside it so the same folder serves in a cluster and standalone.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import { ConsoleRemotePlugin } from '@openshift-console/dynamic-plugin-sdk-webpack';
import { ChunkPackagesPlugin } from './scripts/lib/chunkPackagesPlugin.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));

export default (_env, argv) => {
  const production = argv.mode !== 'development';
  // Type errors are the type-check step's job; `npm run dev` and tests skip them for speed.
  const transpileOnly = !production || process.env.PLUGIN_TRANSPILE_ONLY === '1';
  return {
    mode: production ? 'production' : 'development',
    context: root,
    entry: {},
    output: {
      path: path.join(root, 'dist/plugin'),
      filename: production ? '[name]-bundle-[contenthash].min.js' : '[name]-bundle.js',
      chunkFilename: production ? '[name]-chunk-[chunkhash].min.js' : '[name]-chunk.js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.jsx'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: [
            {
              loader: 'ts-loader',
              options: {
                transpileOnly,
                configFile: path.join(root, 'tsconfig.plugin.json'),
              },
            },
          ],
        },
        { test: /\.(png|jpe?g|gif|svg)$/, type: 'asset/resource' },
        // Only third-party stylesheets a lazily loaded view brings (xterm.js): injected with the
        // chunk that imports them, so nothing is styled before a console opens.
        {
          test: /\.css$/,
          include: /node_modules[\\/]@xterm[\\/]xterm/,
          use: ['style-loader', 'css-loader'],
        },
      ],
    },
    plugins: [
      new ConsoleRemotePlugin(),
      new CopyWebpackPlugin({ patterns: [{ from: path.join(root, 'locales'), to: 'locales' }] }),
      new ChunkPackagesPlugin(),
    ],
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    optimization: { chunkIds: production ? 'deterministic' : 'named', minimize: production },
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};
