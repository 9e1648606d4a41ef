import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, readConfig } from './config';
import { createServer } from './server';

// dist/server/main.js and src/bff/main.ts both sit two levels below the project root.
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const main = async () => {
  const config = readConfig(process.argv.slice(2), process.env, rootDir);
  const app = await createServer(config);
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  const address = await app.listen({ host: config.host, port: config.port });
  console.log(
    config.shellDir
      ? `Virtualization console: ${address}/`
      : `Virtualization plugin served at ${address}`,
  );
  console.log(
    config.upstreamURL
      ? `Cluster: ${config.upstreamURL.origin}`
      : 'Cluster: none connected (set K8S_UPSTREAM_URL or --upstream)',
  );
};

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
