import { ApiError } from '../api/errors';
import { evaluatorFor } from '../quota/evaluators';
import { addQuantities, ZERO } from '../quota/quantity';
import { mask, prettyPrint, type ResourceList, subtractNonNegative } from '../quota/resourceList';
import { hardOf, namespaceUsage, QUOTAS, scopesOf } from '../quota/usage';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';

/** 403 as kube-apiserver's admission words it: `pods "NAME" is forbidden: …`. */
const forbidden = (resource: string, object: KubeObject, message: string) => {
  const [group = '', plural = ''] = resource.split('/');
  const name = object.metadata.name || object.metadata.generateName || 'Unknown';
  const groupResource = group === 'core' ? plural : `${plural}.${group}`;
  return new ApiError(403, 'Forbidden', `${groupResource} "${name}" is forbidden: ${message}`, {
    name,
    group: group === 'core' ? '' : group,
    kind: plural,
  });
};

const isEmpty = (list: ResourceList) => Object.keys(list).length === 0;

/**
 * kube-apiserver's ResourceQuota admission for a create, or an update of a kind whose updates
 * are charged (a claim's resize): the object's cost is added to what each quota of its
 * namespace that selects it already counts, and the first quota taken past a hard limit refuses
 * it. Used through the API and by controllers creating objects (launcher pods, claims).
 * Returns the refusal (403 Forbidden), or undefined when the object fits.
 */
export const resourceQuotaRefusal = (
  store: ObjectStore,
  resource: string,
  object: KubeObject,
  old?: KubeObject,
): ApiError | undefined => {
  const namespace = object.metadata.namespace;
  if (!namespace) return undefined;
  const quotas = store
    .list(QUOTAS, namespace)
    .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const evaluator = evaluatorFor(resource);
  if (!quotas.length || (old && !evaluator.chargesUpdates)) return undefined;

  const selecting = [];
  for (const quota of quotas) {
    const scopes = scopesOf(quota);
    if (!evaluator.matchesScopes(scopes, object)) continue;
    const hard = hardOf(quota);
    const keys = Object.keys(hard).filter((key) => evaluator.charges(key));
    if (!keys.length) continue;
    const missing = evaluator.constraints?.(keys, object);
    if (missing)
      return forbidden(resource, object, `failed quota: ${quota.metadata.name ?? ''}: ${missing}`);
    selecting.push({ name: quota.metadata.name ?? '', hard, scopes });
  }
  if (!selecting.length) return undefined;

  let cost = evaluator.usage(object, store) ?? {};
  if (old) cost = subtractNonNegative(cost, evaluator.usage(old, store) ?? {});
  cost = Object.fromEntries(Object.entries(cost).filter(([, q]) => q.nano !== 0n));
  if (isEmpty(cost)) return undefined;

  for (const { name, hard, scopes } of selecting) {
    const requested = mask(cost, Object.keys(hard));
    if (isEmpty(requested)) continue;
    // Counted now rather than read from status, so a quota just created is enforced at once.
    const used = namespaceUsage(store, namespace, Object.keys(requested), scopes);
    const exceeded = Object.entries(requested)
      .filter(([key, q]) => addQuantities(used[key] ?? ZERO, q).nano > (hard[key]?.nano ?? 0n))
      .map(([key]) => key);
    if (exceeded.length)
      return forbidden(
        resource,
        object,
        `exceeded quota: ${name}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(hard, exceeded))}`,
      );
  }
  return undefined;
};
