import { askJSON, refused, selfAccessReview } from '../kube/accessReview';
export { AccessError } from '../kube/accessReview';
import type { KubeConnection } from '../kube/connection';
import { createTokenCache } from '../kube/tokenCache';
import type { AllowedNamespaces } from './vmIndex';

export interface AccessOptions {
  /** How long one token's answer is reused (never another token's). */
  ttlMs?: number;
  /** Candidate namespaces when the user may list neither projects nor namespaces. */
  knownNamespaces?: () => string[];
  /** Reviews in flight at once for one user. */
  concurrency?: number;
}

/** Whether the caller may list VirtualMachines in `namespace` ('' for every namespace). */
const mayListVMs = (connection: KubeConnection, authorization: string, namespace: string) =>
  selfAccessReview(connection, authorization, {
    verb: 'list',
    group: 'kubevirt.io',
    resource: 'virtualmachines',
    ...(namespace ? { namespace } : {}),
  });

/** The namespaces the caller can see: their projects, or the namespaces, or `fallback`. */
const candidateNamespaces = async (
  connection: KubeConnection,
  authorization: string,
  fallback: () => string[],
): Promise<string[]> => {
  const names = (body: unknown) =>
    ((body as { items?: { metadata?: { name?: string } }[] }).items ?? []).flatMap((item) =>
      item.metadata?.name ? [item.metadata.name] : [],
    );
  let answer = await askJSON(connection, '/apis/project.openshift.io/v1/projects', authorization);
  if (answer.status === 200) return names(answer.body);
  if (answer.status === 401) throw refused(answer.status, answer.body, 'Listing projects');
  answer = await askJSON(connection, '/api/v1/namespaces', authorization);
  if (answer.status === 200) return names(answer.body);
  if (answer.status === 403) return fallback();
  throw refused(answer.status, answer.body, 'Listing namespaces');
};

const mapLimited = async <T, R>(items: T[], limit: number, work: (item: T) => Promise<R>) => {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const at = next++;
      results[at] = await work(items[at] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

/**
 * `allowedNamespaces(authorization)`: where the caller may list VirtualMachines, asked of the
 * cluster with the caller's own token: 'all' when they may list them cluster-wide, else each
 * namespace they can see, reviewed in parallel. Answers are reused for `ttlMs` per token (keyed
 * by its SHA-256), never across tokens; a failure is not kept.
 */
export const createAccessChecker = (connection: KubeConnection, options: AccessOptions = {}) => {
  const ttlMs = options.ttlMs ?? 10_000;
  const concurrency = options.concurrency ?? 16;

  const compute = async (authorization: string): Promise<AllowedNamespaces> => {
    if (await mayListVMs(connection, authorization, '')) return 'all';
    const candidates = await candidateNamespaces(
      connection,
      authorization,
      options.knownNamespaces ?? (() => []),
    );
    const allowed = await mapLimited(candidates, concurrency, (namespace) =>
      mayListVMs(connection, authorization, namespace),
    );
    return new Set(candidates.filter((_, at) => allowed[at]));
  };

  const remembered = createTokenCache<AllowedNamespaces>(ttlMs);
  return (authorization: string): Promise<AllowedNamespaces> =>
    remembered(authorization, () => compute(authorization));
};

export type AccessChecker = ReturnType<typeof createAccessChecker>;
