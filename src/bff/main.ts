import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isConfigurationError, startServer } from './serve';

// dist/server/main.js and src/bff/main.ts both sit two levels below the project root.
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const main = async () => {
  const server = await startServer(process.argv.slice(2), process.env, { rootDir });
  const stop = async (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  console.log(
    server.config.shellDir
      ? `Virtualization console: ${server.address}/`
      : `Virtualization plugin served at ${server.address}/`,
  );
  console.log(`Cluster: ${server.describe.cluster}`);
  console.log(`Metrics: ${server.describe.metrics}`);
};

main().catch((error: unknown) => {
  console.error(isConfigurationError(error) ? error.message : error);
  process.exit(1);
});
