import type { ResourceQuota } from '../../../api/types';
import { quantityValue } from '../../../../common/quantity';
import type { VmDemand } from './vmDemand';

/** One quota the new VM would go over: what it asks, what is used, the limit. */
export interface QuotaHint {
  quota: string;
  /** The quota key, e.g. `requests.memory`. */
  resource: string;
  kind: 'cpu' | 'bytes' | 'count';
  requested: number;
  used: number;
  hard: number;
}

const STORAGE_CLASS_KEY =
  /^(.+)\.storageclass\.storage\.k8s\.io\/(requests\.storage|persistentvolumeclaims)$/;

/** What the demand asks of one quota key; undefined when the key is not about this VM. */
const requestedFor = (
  key: string,
  demand: VmDemand,
  defaultStorageClass?: string,
): { amount: number; kind: QuotaHint['kind'] } | undefined => {
  switch (key) {
    case 'cpu':
    case 'requests.cpu':
      return { amount: demand.cpu, kind: 'cpu' };
    case 'memory':
    case 'requests.memory':
      return { amount: demand.memory, kind: 'bytes' };
    case 'requests.storage':
      return { amount: demand.claims.reduce((sum, claim) => sum + claim.bytes, 0), kind: 'bytes' };
  }
  const perClass = STORAGE_CLASS_KEY.exec(key);
  if (perClass) {
    const claims = demand.claims.filter(
      (claim) => (claim.storageClass ?? defaultStorageClass) === perClass[1],
    );
    return perClass[2] === 'requests.storage'
      ? { amount: claims.reduce((sum, claim) => sum + claim.bytes, 0), kind: 'bytes' }
      : { amount: claims.length, kind: 'count' };
  }
  const count = demand.counts[key];
  return count === undefined ? undefined : { amount: count, kind: 'count' };
};

/**
 * The quotas of a project that creating the VM would exceed, as far as can be told before: the
 * quota's `status.used` plus what the VM asks, above `status.hard`. Quotas with scopes are
 * left out (whether they apply depends on the pod's priority class and terminating state).
 */
export const quotaHints = (
  quotas: ResourceQuota[],
  demand: VmDemand,
  defaultStorageClass?: string,
): QuotaHint[] =>
  quotas.flatMap((quota) => {
    if (quota.spec?.scopes?.length || quota.spec?.scopeSelector) return [];
    const hard = quota.status?.hard ?? quota.spec?.hard ?? {};
    const used = quota.status?.used ?? {};
    return Object.entries(hard).flatMap(([resource, limit]) => {
      const requested = requestedFor(resource, demand, defaultStorageClass);
      const hardValue = quantityValue(limit);
      if (!requested || !requested.amount || hardValue === undefined) return [];
      const usedValue = quantityValue(used[resource]) ?? 0;
      if (usedValue + requested.amount <= hardValue) return [];
      return [
        {
          quota: quota.metadata?.name ?? '',
          resource,
          kind: requested.kind,
          requested: requested.amount,
          used: usedValue,
          hard: hardValue,
        },
      ];
    });
  });
