import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { failureStatus } from '../../common/cluster-info';

export interface HealthOptions {
  pluginDir: string;
}

/**
 * `healthz`: the process answers. `readyz`: it can also serve the plugin it exists to serve.
 * Both answer without a token (the kubelet's probes have none), and are not logged per request:
 * probes every few seconds would drown the log.
 */
export const healthRoutes = async (app: FastifyInstance, { pluginDir }: HealthOptions) => {
  const quiet = { logLevel: 'warn' } as const;
  app.get('/healthz', quiet, async () => ({ status: 'ok' }));

  app.get('/readyz', quiet, async (_request, reply) => {
    const manifest = path.join(pluginDir, 'plugin-manifest.json');
    if (!existsSync(manifest)) {
      return reply
        .code(503)
        .send(
          failureStatus(
            503,
            'ServiceUnavailable',
            `The plugin is not built: ${manifest} is missing. Run "npm run build".`,
          ),
        );
    }
    return { status: 'ready' };
  });
};
