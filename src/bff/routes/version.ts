import type { FastifyInstance } from 'fastify';
import type { ClusterInfo, KubernetesVersion } from '../../common/cluster-info';
import type { Authorization, Upstream } from '../upstream';

export interface VersionOptions {
  upstream?: Upstream;
  authorization: Authorization;
}

/**
 * `version`: is a cluster connected, and which Kubernetes version does it run. Asked as the
 * caller, so a cluster that refuses them says so, in its own words.
 */
export const versionRoutes = async (
  app: FastifyInstance,
  { upstream, authorization }: VersionOptions,
) => {
  app.get('/version', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (!upstream) return { connected: false } satisfies ClusterInfo;
    const result = await upstream.getJSON<KubernetesVersion>('/version', authorization(request));
    if (!result.ok) return reply.code(result.status).send(result.body);
    return {
      connected: true,
      server: upstream.url.origin,
      version: result.body,
    } satisfies ClusterInfo;
  });
};
