// What each kind costs against a ResourceQuota, after Kubernetes' quota evaluators
// (pkg/quota/v1/evaluator/core): pods (count and compute requests/limits), claims (count and
// storage, per class too), services, and an object count for any other kind.
import { defaultStorageClass } from '../storage/classes';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { countOf, parseQuantity, roundUpToUnits } from './quantity';
import { addLists, maxLists, type ResourceList } from './resourceList';

/** One requirement of a quota's scopes (`spec.scopes` are `Exists`; `scopeSelector` the rest). */
export interface ScopeRequirement {
  scopeName: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface Evaluator {
  /** The store key of the kind it charges (`core/pods`). */
  resource: string;
  /** Whether it charges this quota key. */
  charges(key: string): boolean;
  /** What one object costs; undefined when it costs nothing (a pod that has finished). */
  usage(object: KubeObject, store: ObjectStore): ResourceList | undefined;
  /** Whether the object falls under a quota with these scopes. */
  matchesScopes(scopes: ScopeRequirement[], object: KubeObject): boolean;
  /** Whether updates are charged too (claims: a resize). */
  chargesUpdates: boolean;
  /** What the object fails to specify for the quota's keys (`must specify …`), if anything. */
  constraints?(keys: string[], object: KubeObject): string | undefined;
}

const PODS = 'core/pods';
const CLAIMS = 'core/persistentvolumeclaims';
const SERVICES = 'core/services';
const ONE = countOf(1);
const unscoped = (scopes: ScopeRequirement[]) => scopes.length === 0;

// ---- Pods ----

const COMPUTE = ['cpu', 'memory'] as const;
const POD_KEYS = new Set([
  'pods',
  'count/pods',
  ...COMPUTE.flatMap((r) => [r, `requests.${r}`, `limits.${r}`]),
]);

interface Container {
  name?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}
interface PodFields {
  spec?: {
    containers?: Container[];
    initContainers?: Container[];
    overhead?: Record<string, unknown>;
    activeDeadlineSeconds?: number;
    priorityClassName?: string;
  };
  status?: { phase?: string };
}

/** A container's requests (defaulted from its limits, as the API server does) and limits. */
const containerResources = (container: Container) => {
  const requests: ResourceList = {};
  const limits: ResourceList = {};
  for (const name of COMPUTE) {
    const limit = parseQuantity(container.resources?.limits?.[name]);
    const request = parseQuantity(container.resources?.requests?.[name]) ?? limit;
    if (limit) limits[name] = limit;
    if (request) requests[name] = request;
  }
  return { requests, limits };
};

/** podComputeUsageHelper: `cpu` and `memory` are the requests under their old names. */
const computeUsage = (requests: ResourceList, limits: ResourceList): ResourceList => {
  const usage: ResourceList = {};
  for (const name of COMPUTE) {
    const request = requests[name];
    const limit = limits[name];
    if (request) {
      usage[name] = request;
      usage[`requests.${name}`] = request;
    }
    if (limit) usage[`limits.${name}`] = limit;
  }
  return usage;
};

/** The pod's requests or limits: its containers' sum, at least any init container's, plus overhead. */
const podTotal = (pod: PodFields, which: 'requests' | 'limits'): ResourceList => {
  const spec = pod.spec ?? {};
  let total: ResourceList = {};
  for (const c of spec.containers ?? []) total = addLists(total, containerResources(c)[which]);
  for (const c of spec.initContainers ?? []) total = maxLists(total, containerResources(c)[which]);
  const overhead: ResourceList = {};
  for (const name of COMPUTE) {
    const value = parseQuantity(spec.overhead?.[name]);
    if (value && (which === 'requests' || total[name])) overhead[name] = value;
  }
  return addLists(total, overhead);
};

/** Pods that have finished, or outlived their deletion grace period, are not charged. */
const podCounts = (pod: KubeObject) => {
  const phase = (pod as PodFields).status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const { deletionTimestamp, deletionGracePeriodSeconds } = pod.metadata;
  if (deletionTimestamp && deletionGracePeriodSeconds !== undefined)
    return Date.now() <= Date.parse(deletionTimestamp) + deletionGracePeriodSeconds * 1000;
  return true;
};

const isBestEffort = (pod: PodFields) =>
  [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].every((c) => {
    const { requests, limits } = containerResources(c);
    return !Object.keys(requests).length && !Object.keys(limits).length;
  });

const podMatchesScope = (pod: PodFields, scope: ScopeRequirement): boolean => {
  switch (scope.scopeName) {
    case 'Terminating':
      return (pod.spec?.activeDeadlineSeconds ?? -1) >= 0;
    case 'NotTerminating':
      return (pod.spec?.activeDeadlineSeconds ?? -1) < 0;
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'PriorityClass': {
      const name = pod.spec?.priorityClassName ?? '';
      if (scope.operator === 'Exists') return name !== '';
      if (scope.operator === 'DoesNotExist') return name === '';
      const listed = (scope.values ?? []).includes(name);
      return scope.operator === 'In' ? listed : !listed;
    }
    default:
      return false;
  }
};

/** The keys whose values each container must state explicitly when a quota tracks them. */
const MUST_SPECIFY = new Set(COMPUTE.flatMap((r) => [r, `requests.${r}`, `limits.${r}`]));

const podEvaluator: Evaluator = {
  resource: PODS,
  charges: (key) => POD_KEYS.has(key),
  usage: (object) => {
    if (!podCounts(object)) return undefined;
    const pod = object as PodFields;
    return {
      pods: ONE,
      'count/pods': ONE,
      ...computeUsage(podTotal(pod, 'requests'), podTotal(pod, 'limits')),
    };
  },
  matchesScopes: (scopes, pod) => scopes.every((scope) => podMatchesScope(pod as PodFields, scope)),
  chargesUpdates: false,
  constraints: (keys, pod) => {
    const required = keys.filter((key) => MUST_SPECIFY.has(key));
    const missing = new Map<string, Set<string>>();
    const { spec } = pod as PodFields;
    for (const container of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
      const { requests, limits } = containerResources(container);
      const stated = computeUsage(requests, limits);
      for (const key of required.filter((k) => !stated[k])) {
        const names = missing.get(key) ?? new Set<string>();
        missing.set(key, names.add(container.name ?? ''));
      }
    }
    if (!missing.size) return undefined;
    const parts = [...missing.keys()]
      .sort()
      .map((key) => `${key} for: ${[...(missing.get(key) ?? [])].sort().join(',')}`);
    return `must specify ${parts.join('; ')}`;
  },
};

// ---- PersistentVolumeClaims ----

const CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
const CLAIM_KEYS = new Set([
  'persistentvolumeclaims',
  'count/persistentvolumeclaims',
  'requests.storage',
]);
const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

interface ClaimFields {
  spec?: { storageClassName?: string | null; resources?: { requests?: { storage?: unknown } } };
  status?: { allocatedResources?: { storage?: unknown } };
}

/**
 * The claim's class; a claim without one gets the default class, as the DefaultStorageClass
 * admission plugin gives it before quota admission runs.
 */
const claimClass = (claim: KubeObject, store: ObjectStore): string => {
  const annotated = claim.metadata.annotations?.[BETA_CLASS_ANNOTATION];
  const named = (claim as ClaimFields).spec?.storageClassName;
  if (annotated !== undefined) return annotated;
  if (named !== undefined && named !== null) return named;
  return defaultStorageClass(store)?.metadata.name ?? '';
};

const claimEvaluator: Evaluator = {
  resource: CLAIMS,
  charges: (key) =>
    CLAIM_KEYS.has(key) ||
    key.endsWith(`${CLASS_SUFFIX}requests.storage`) ||
    key.endsWith(`${CLASS_SUFFIX}persistentvolumeclaims`),
  usage: (claim, store) => {
    const { spec, status } = claim as ClaimFields;
    const storageClass = claimClass(claim, store);
    const usage: ResourceList = {
      persistentvolumeclaims: ONE,
      'count/persistentvolumeclaims': ONE,
    };
    if (storageClass) usage[`${storageClass}${CLASS_SUFFIX}persistentvolumeclaims`] = ONE;
    // The larger of the request and what a resize already allocated, in whole bytes.
    const requested = parseQuantity(spec?.resources?.requests?.storage);
    const allocated = parseQuantity(status?.allocatedResources?.storage);
    const larger =
      allocated && (!requested || allocated.nano > requested.nano) ? allocated : requested;
    if (larger) {
      const storage = roundUpToUnits(larger);
      usage['requests.storage'] = storage;
      if (storageClass) usage[`${storageClass}${CLASS_SUFFIX}requests.storage`] = storage;
    }
    return usage;
  },
  matchesScopes: unscoped,
  chargesUpdates: true,
};

// ---- Services ----

const SERVICE_KEYS = new Set([
  'services',
  'count/services',
  'services.loadbalancers',
  'services.nodeports',
]);

interface ServiceFields {
  spec?: { type?: string; ports?: unknown[]; allocateLoadBalancerNodePorts?: boolean };
}

const serviceEvaluator: Evaluator = {
  resource: SERVICES,
  charges: (key) => SERVICE_KEYS.has(key),
  usage: (service) => {
    const {
      type = 'ClusterIP',
      ports = [],
      allocateLoadBalancerNodePorts,
    } = (service as ServiceFields).spec ?? {};
    const nodePorts =
      type === 'NodePort' || (type === 'LoadBalancer' && allocateLoadBalancerNodePorts !== false)
        ? ports.length
        : 0;
    return {
      services: ONE,
      'count/services': ONE,
      'services.loadbalancers': countOf(type === 'LoadBalancer' ? 1 : 0),
      'services.nodeports': countOf(nodePorts),
    };
  },
  matchesScopes: unscoped,
  chargesUpdates: false,
};

// ---- Everything else: an object count ----

/** Core kinds quota also counts under their bare plural. */
const LEGACY_COUNTS = new Set([
  'configmaps',
  'secrets',
  'resourcequotas',
  'replicationcontrollers',
]);

/** `count/virtualmachines.kubevirt.io` for `kubevirt.io/virtualmachines`; `count/secrets` for core. */
const countKey = (resource: string) => {
  const [group = '', plural = ''] = resource.split('/');
  return group === 'core' ? `count/${plural}` : `count/${plural}.${group}`;
};

const countEvaluator = (resource: string): Evaluator => {
  const plural = resource.split('/')[1] ?? '';
  const keys = [
    countKey(resource),
    ...(resource === `core/${plural}` && LEGACY_COUNTS.has(plural) ? [plural] : []),
  ];
  return {
    resource,
    charges: (key) => keys.includes(key),
    usage: () => Object.fromEntries(keys.map((key) => [key, ONE])),
    matchesScopes: unscoped,
    chargesUpdates: false,
  };
};

const SPECIAL = [podEvaluator, claimEvaluator, serviceEvaluator];

/** The evaluator of a kind, by store key (`core/pods`, `kubevirt.io/virtualmachines`). */
export const evaluatorFor = (resource: string): Evaluator =>
  SPECIAL.find((e) => e.resource === resource) ?? countEvaluator(resource);

/** The kind a quota key charges (`requests.storage` → claims); undefined for keys none tracks. */
export const resourceOfKey = (key: string): string | undefined => {
  const special = SPECIAL.find((e) => e.charges(key));
  if (special) return special.resource;
  if (LEGACY_COUNTS.has(key)) return `core/${key}`;
  const count = /^count\/([a-z0-9-]+)(?:\.(.+))?$/.exec(key);
  return count ? `${count[2] ?? 'core'}/${count[1]}` : undefined;
};
