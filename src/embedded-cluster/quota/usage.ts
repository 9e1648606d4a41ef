// What a namespace uses against one ResourceQuota: its `hard` keys, summed over the objects
// the quota's scopes select. The quota controller writes it to status; admission adds a new
// object's cost to it.
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { evaluatorFor, resourceOfKey, type ScopeRequirement } from './evaluators';
import { addQuantities, ZERO } from './quantity';
import { formatResourceList, parseResourceList, type ResourceList } from './resourceList';

export const QUOTAS = 'core/resourcequotas';

interface QuotaFields {
  spec?: {
    hard?: Record<string, unknown>;
    scopes?: string[];
    scopeSelector?: { matchExpressions?: ScopeRequirement[] };
  };
}

/** `spec.hard`, parsed. */
export const hardOf = (quota: KubeObject): ResourceList =>
  parseResourceList((quota as QuotaFields).spec?.hard);

/** `spec.scopes` (each must hold) and `spec.scopeSelector`'s expressions. */
export const scopesOf = (quota: KubeObject): ScopeRequirement[] => {
  const { spec } = quota as QuotaFields;
  return [
    ...(spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' as const })),
    ...(spec?.scopeSelector?.matchExpressions ?? []),
  ];
};

/** The kinds a quota's keys charge (`core/pods`, `core/persistentvolumeclaims` …). */
export const resourcesOf = (quota: KubeObject): Set<string> =>
  new Set(
    Object.keys(hardOf(quota))
      .map(resourceOfKey)
      .filter((r): r is string => r !== undefined),
  );

/**
 * What the namespace uses of `keys` under a quota with these scopes: every tracked key, zero
 * when nothing is charged; keys no evaluator tracks are left out, as Kubernetes does.
 */
export const namespaceUsage = (
  store: ObjectStore,
  namespace: string,
  keys: readonly string[],
  scopes: ScopeRequirement[] = [],
): ResourceList => {
  const keysByResource = new Map<string, string[]>();
  for (const key of keys) {
    const resource = resourceOfKey(key);
    if (resource) keysByResource.set(resource, [...(keysByResource.get(resource) ?? []), key]);
  }
  const used: ResourceList = {};
  for (const [resource, charged] of keysByResource) {
    const evaluator = evaluatorFor(resource);
    for (const key of charged) used[key] = ZERO;
    for (const object of store.list(resource, namespace)) {
      if (!evaluator.matchesScopes(scopes, object)) continue;
      const usage = evaluator.usage(object, store);
      for (const key of charged) {
        const cost = usage?.[key];
        if (cost) used[key] = addQuantities(used[key] ?? ZERO, cost);
      }
    }
  }
  return used;
};

/** The status the quota controller keeps: `hard` as in the spec, `used` counted now. */
export const quotaStatus = (store: ObjectStore, quota: KubeObject) => {
  const hard = hardOf(quota);
  const used = namespaceUsage(
    store,
    quota.metadata.namespace ?? '',
    Object.keys(hard),
    scopesOf(quota),
  );
  return { hard: formatResourceList(hard), used: formatResourceList(used) };
};
