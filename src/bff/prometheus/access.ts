import { selfAccessReview } from '../kube/accessReview';
import type { KubeConnection } from '../kube/connection';
import { createTokenCache } from '../kube/tokenCache';

/**
 * The two questions OpenShift's Thanos querier asks (its kube-rbac-proxy), asked of the cluster
 * with the caller's own token: may they view cluster monitoring (`get namespaces` cluster-wide,
 * port 9091), and may they view one namespace's (`get pods` there, the tenancy port 9092).
 * Answers are reused for `ttlMs` per token (keyed by its SHA-256), never across tokens; a
 * failure is not kept.
 */
export const createMonitoringAccess = (connection: KubeConnection, ttlMs = 10_000) => {
  const remembered = createTokenCache<boolean>(ttlMs);

  return {
    /** Whether the caller may see every namespace's series (the querier's port 9091). */
    mayViewCluster: (authorization: string) =>
      remembered(authorization, () =>
        selfAccessReview(connection, authorization, { verb: 'get', resource: 'namespaces' }),
      ),
    /** Whether the caller may see `namespace`'s series (the tenancy port 9092). */
    mayViewNamespace: (authorization: string, namespace: string) =>
      remembered(
        authorization,
        () =>
          selfAccessReview(connection, authorization, { verb: 'get', resource: 'pods', namespace }),
        namespace,
      ),
  };
};

export type MonitoringAccess = ReturnType<typeof createMonitoringAccess>;
