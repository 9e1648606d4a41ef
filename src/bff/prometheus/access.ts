import { createHash } from 'node:crypto';
import { selfAccessReview } from '../kube/accessReview';
import type { KubeConnection } from '../kube/connection';

/**
 * The two questions OpenShift's Thanos querier asks (its kube-rbac-proxy), asked of the cluster
 * with the caller's own token: may they view cluster monitoring (`get namespaces` cluster-wide,
 * port 9091), and may they view one namespace's (`get pods` there, the tenancy port 9092).
 * Answers are reused for `ttlMs` per token (keyed by its SHA-256), never across tokens; a
 * failure is not kept.
 */
export const createMonitoringAccess = (connection: KubeConnection, ttlMs = 10_000) => {
  const cache = new Map<string, { expires: number; answer: Promise<boolean> }>();

  const remembered = (key: string, ask: () => Promise<boolean>): Promise<boolean> => {
    const now = Date.now();
    const cached = cache.get(key);
    if (cached && cached.expires > now) return cached.answer;
    for (const [other, entry] of cache) if (entry.expires <= now) cache.delete(other);
    const answer = ask();
    cache.set(key, { expires: now + ttlMs, answer });
    answer.catch(() => {
      if (cache.get(key)?.answer === answer) cache.delete(key);
    });
    return answer;
  };
  const tokenKey = (authorization: string) =>
    createHash('sha256').update(authorization).digest('hex');

  return {
    /** Whether the caller may see every namespace's series (the querier's port 9091). */
    mayViewCluster: (authorization: string) =>
      remembered(tokenKey(authorization), () =>
        selfAccessReview(connection, authorization, { verb: 'get', resource: 'namespaces' }),
      ),
    /** Whether the caller may see `namespace`'s series (the tenancy port 9092). */
    mayViewNamespace: (authorization: string, namespace: string) =>
      remembered(`${tokenKey(authorization)}/${namespace}`, () =>
        selfAccessReview(connection, authorization, { verb: 'get', resource: 'pods', namespace }),
      ),
  };
};

export type MonitoringAccess = ReturnType<typeof createMonitoringAccess>;
