// Writes `chunk-packages.json` beside the plugin's chunks: for every emitted JavaScript file, the
// npm packages whose code it carries. The browser tests read it to prove which pages load which
// libraries (the VM list must not load noVNC or xterm.js; the Console tab must).
import webpack from 'webpack';

const PACKAGE = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/;

/** The resource paths of a module, looking inside concatenated modules. */
const resourcesOf = (module) => [
  ...(module.resource ? [module.resource] : []),
  ...(module.modules ?? []).flatMap(resourcesOf),
];

export class ChunkPackagesPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('ChunkPackagesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        {
          name: 'ChunkPackagesPlugin',
          stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT,
        },
        () => {
          const files = {};
          for (const chunk of compilation.chunks) {
            const packages = new Set();
            for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk))
              for (const resource of resourcesOf(module)) {
                const match = PACKAGE.exec(resource);
                if (match) packages.add(match[1].replace('\\', '/'));
              }
            for (const file of chunk.files)
              if (file.endsWith('.js')) files[file] = [...packages].sort();
          }
          compilation.emitAsset(
            'chunk-packages.json',
            new webpack.sources.RawSource(JSON.stringify(files, null, 1)),
          );
        },
      );
    });
  }
}
