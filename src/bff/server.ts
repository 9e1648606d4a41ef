import { readFile } from 'node:fs/promises';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
} from 'fastify';
import { failureStatus } from '../common/cluster-info';
import { BFF_PATH, PLUGIN_ASSETS_PATH } from '../common/paths';
import type { ServerConfig } from './config';
import { healthRoutes } from './routes/health';
import { projectRoutes } from './routes/projects';
import { versionRoutes } from './routes/version';
import { shellIndexFile, staticRoutes } from './static';
import { createUpstream } from './upstream';

const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The shell and the plugin load only their own code and talk only to this server. PatternFly
 * sets inline style attributes, hence 'unsafe-inline' for styles (never for scripts).
 */
const SHELL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * Wires the one server of both modes: plugin assets, the BFF under the console's proxy prefix,
 * and (standalone) the shell. The upstream is whatever the configuration names.
 */
export const createServer = async (
  config: ServerConfig,
  logger: FastifyServerOptions['logger'] = { level: config.logLevel },
): Promise<FastifyInstance> => {
  const app = Fastify({ logger, bodyLimit: BODY_LIMIT_BYTES, trustProxy: false });
  const upstream = config.upstreamURL ? createUpstream(config.upstreamURL) : undefined;

  app.addHook('onSend', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('X-Frame-Options', 'SAMEORIGIN');
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const code = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (code >= 500) request.log.error(error);
    return reply
      .code(code)
      .send(failureStatus(code, code >= 500 ? 'InternalError' : 'BadRequest', error.message));
  });

  await app.register(
    async (bff) => {
      await bff.register(healthRoutes, { pluginDir: config.pluginDir });
      await bff.register(versionRoutes, { upstream });
      await bff.register(projectRoutes, { upstream });
      bff.setNotFoundHandler((request, reply) =>
        reply
          .code(404)
          .send(failureStatus(404, 'NotFound', `No BFF route ${request.method} ${request.url}.`)),
      );
    },
    { prefix: BFF_PATH.replace(/\/$/, '') },
  );

  await app.register(staticRoutes, { pluginDir: config.pluginDir, shellDir: config.shellDir });

  const sendShell = async (reply: FastifyReply, index: string) =>
    reply
      .type('text/html')
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', SHELL_CSP)
      .send(await readFile(index));

  app.get('/', async (_request, reply) => {
    const index = shellIndexFile(config.shellDir);
    if (index) return sendShell(reply, index);
    return reply
      .code(404)
      .send(failureStatus(404, 'NotFound', 'This server has no console shell.'));
  });

  app.setNotFoundHandler(async (request, reply) => {
    const index = shellIndexFile(config.shellDir);
    const isPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !request.url.startsWith(PLUGIN_ASSETS_PATH) &&
      !/\.\w+(\?|$)/.test(request.url);
    if (index && isPage) return sendShell(reply, index);
    return reply.code(404).send(failureStatus(404, 'NotFound', `Nothing at ${request.url}.`));
  });

  return app;
};
