import type { FastifyInstance } from 'fastify';
import type { Authorization, Upstream } from '../upstream';

interface NameList {
  items?: { metadata?: { name?: string } }[];
}

/**
 * `projects`: the names of the projects the caller may see, for the project selector. OpenShift
 * lists a user's projects even when they may not list namespaces; a plain Kubernetes cluster has
 * no projects API, so we fall back to namespaces there.
 */
export const projectRoutes = async (
  app: FastifyInstance,
  { upstream, authorization }: { upstream?: Upstream; authorization: Authorization },
) => {
  app.get('/projects', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (!upstream) return { items: [] };
    const auth = authorization(request);
    let result = await upstream.getJSON<NameList>('/apis/project.openshift.io/v1/projects', auth);
    if (!result.ok && result.status === 404) {
      result = await upstream.getJSON<NameList>('/api/v1/namespaces', auth);
    }
    if (!result.ok) return reply.code(result.status).send(result.body);
    const names = (result.body.items ?? [])
      .map((item) => item.metadata?.name)
      .filter((name): name is string => typeof name === 'string')
      .sort((a, b) => a.localeCompare(b));
    return { items: names };
  });
};
