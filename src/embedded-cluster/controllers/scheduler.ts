// Where a VMI's virt-launcher pod goes, as kube-scheduler decides it for this cluster's nodes:
// Ready nodes that match the node selector, have room for the guest's memory, and satisfy the
// node affinity of the PersistentVolumes its claims are bound to (hostpath-csi volumes live on
// one node). WaitForFirstConsumer claims bind where the consumer goes: whoever places the VMI
// marks them with `volume.kubernetes.io/selected-node`.
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';

export const NODES = 'core/nodes';
export const PVCS = 'core/persistentvolumeclaims';
export const PVS = 'core/persistentvolumes';
export const STORAGE_CLASSES = 'storage.k8s.io/storageclasses';
export const VMIS = 'kubevirt.io/virtualmachineinstances';
export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

export const quantityMiB = (value: unknown, fallback: number): number => {
  if (typeof value === 'number') return Math.round(value / (1024 * 1024));
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|K|M|G|T)?$/.exec(String(value ?? ''));
  if (!match) return fallback;
  const n = Number(match[1]);
  const unit =
    {
      Ki: 1 / 1024,
      Mi: 1,
      Gi: 1024,
      Ti: 1024 * 1024,
      K: 1000 / 1048576,
      M: 1e6 / 1048576,
      G: 1e9 / 1048576,
      T: 1e12 / 1048576,
    }[match[2] ?? ''] ?? 1 / 1048576;
  return Math.max(1, Math.round(n * unit));
};

interface VmiSpecLike {
  nodeSelector?: Record<string, string>;
  domain?: { memory?: { guest?: unknown }; resources?: { requests?: { memory?: unknown } } };
  volumes?: {
    persistentVolumeClaim?: { claimName?: string };
    dataVolume?: { name?: string };
    ephemeral?: { persistentVolumeClaim?: { claimName?: string } };
  }[];
}

/** The memory a VMI asks for: guest memory, else its memory request (MiB). */
export const memoryRequestMiB = (spec: unknown): number => {
  const domain = (spec as VmiSpecLike | undefined)?.domain;
  return quantityMiB(domain?.memory?.guest ?? domain?.resources?.requests?.memory, 128);
};

/** The claims a VMI's volumes use (a DataVolume's claim has the DataVolume's name). */
export const claimNamesOf = (spec: unknown): string[] => {
  const names = ((spec as VmiSpecLike | undefined)?.volumes ?? []).map(
    (v) =>
      v.persistentVolumeClaim?.claimName ??
      v.dataVolume?.name ??
      v.ephemeral?.persistentVolumeClaim?.claimName,
  );
  return [...new Set(names.filter((n): n is string => !!n))];
};

/** The claim's StorageClass: its own, else the cluster default. */
export const storageClassOf = (store: ObjectStore, claim: KubeObject): KubeObject | undefined => {
  const name = (claim.spec as { storageClassName?: string } | undefined)?.storageClassName;
  if (name) return store.get(STORAGE_CLASSES, undefined, name);
  if (name === '') return undefined;
  return store
    .list(STORAGE_CLASSES)
    .find((c) => c.metadata.annotations?.[DEFAULT_CLASS] === 'true');
};

export const isWaitForFirstConsumer = (store: ObjectStore, claim: KubeObject): boolean =>
  (storageClassOf(store, claim) as { volumeBindingMode?: string } | undefined)
    ?.volumeBindingMode === 'WaitForFirstConsumer';

export const claimPhase = (claim: KubeObject | undefined) =>
  (claim?.status as { phase?: string } | undefined)?.phase;

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}
interface SelectorTerm {
  matchExpressions?: Requirement[];
  matchFields?: Requirement[];
}

const requirementHolds = (value: string | undefined, r: Requirement): boolean => {
  switch (r.operator) {
    case 'In':
      return value !== undefined && (r.values ?? []).includes(value);
    case 'NotIn':
      return value === undefined || !(r.values ?? []).includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const a = Number(value);
      const b = Number(r.values?.[0]);
      if (value === undefined || !Number.isFinite(a) || !Number.isFinite(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
};

/** A node selector's terms: any term matches when all its requirements hold. */
export const nodeMatchesTerms = (node: KubeObject, terms: SelectorTerm[]): boolean =>
  terms.some(
    (term) =>
      (term.matchExpressions ?? []).every((r) =>
        requirementHolds(node.metadata.labels?.[r.key], r),
      ) &&
      (term.matchFields ?? []).every((r) =>
        requirementHolds(r.key === 'metadata.name' ? node.metadata.name : undefined, r),
      ),
  );

/** Where a claim's data is: its bound volume's node affinity, or a selected node. */
const claimNodeRule = (
  store: ObjectStore,
  namespace: string,
  claimName: string,
): ((node: KubeObject) => boolean) | undefined => {
  const claim = store.get(PVCS, namespace, claimName);
  if (!claim) return undefined;
  const volumeName = (claim.spec as { volumeName?: string } | undefined)?.volumeName;
  const volume =
    claimPhase(claim) === 'Bound' && volumeName ? store.get(PVS, undefined, volumeName) : undefined;
  const terms = (
    volume?.spec as
      { nodeAffinity?: { required?: { nodeSelectorTerms?: SelectorTerm[] } } } | undefined
  )?.nodeAffinity?.required?.nodeSelectorTerms;
  if (terms?.length) return (node) => nodeMatchesTerms(node, terms);
  const selected = claim.metadata.annotations?.[SELECTED_NODE];
  if (!volume && selected) return (node) => node.metadata.name === selected;
  return undefined;
};

export interface Placement {
  /** The chosen node's name, when one fits. */
  node?: string;
  /** Why none fits, as kube-scheduler says it (`0/3 nodes are available: …`). */
  message?: string;
}

const ready = (node: KubeObject) =>
  (
    node.status as { conditions?: { type: string; status: string }[] } | undefined
  )?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

/**
 * The node a VMI (its spec, in `namespace`; `self` is excluded from the memory count) goes to:
 * among the fitting nodes, the one with the fewest VMIs. Each node that does not fit counts
 * under the first filter it fails, in kube-scheduler's order.
 */
export const placeVmi = (
  store: ObjectStore,
  namespace: string,
  spec: unknown,
  self?: KubeObject,
): Placement => {
  const nodes = store.list(NODES).filter(ready);
  const vmis = store
    .list(VMIS)
    .filter((other) => other !== self && other.metadata.uid !== self?.metadata.uid);
  const onNode = (name: string) =>
    vmis.filter((other) => (other.status as { nodeName?: string } | undefined)?.nodeName === name);
  const selector = (spec as VmiSpecLike | undefined)?.nodeSelector ?? {};
  const wanted = memoryRequestMiB(spec);
  const rules = claimNamesOf(spec)
    .map((claim) => claimNodeRule(store, namespace, claim))
    .filter((rule): rule is (node: KubeObject) => boolean => !!rule);
  const failures = new Map<string, number>();
  const fail = (reason: string) => failures.set(reason, (failures.get(reason) ?? 0) + 1);
  const fitting = nodes.filter((node) => {
    const name = node.metadata.name ?? '';
    if (!Object.entries(selector).every(([k, v]) => node.metadata.labels?.[k] === v)) {
      fail("node(s) didn't match Pod's node affinity/selector");
      return false;
    }
    const allocatable = quantityMiB(
      (node.status as { allocatable?: { memory?: unknown } } | undefined)?.allocatable?.memory,
      Number.MAX_SAFE_INTEGER,
    );
    const used = onNode(name).reduce((sum, other) => sum + memoryRequestMiB(other.spec), 0);
    if (used + wanted > allocatable) {
      fail('Insufficient memory');
      return false;
    }
    if (!rules.every((rule) => rule(node))) {
      fail('node(s) had volume node affinity conflict');
      return false;
    }
    return true;
  });
  const node = fitting.sort(
    (a, b) => onNode(a.metadata.name ?? '').length - onNode(b.metadata.name ?? '').length,
  )[0];
  if (node) return { node: node.metadata.name };
  const reasons = [...failures].map(([reason, count]) => `${count} ${reason}`).sort();
  return {
    message: `0/${nodes.length} nodes are available: ${reasons.join(', ')}.`,
  };
};

/**
 * Marks the WaitForFirstConsumer claims among `claimNames` that are still Pending and carry no
 * selected node with `node`, so storage binds them there (what a consumer pod's scheduling does).
 * Resolves with the claims it marked.
 */
export const selectNodeForClaims = async (
  store: ObjectStore,
  namespace: string,
  claimNames: string[],
  node: string,
): Promise<string[]> => {
  const marked: string[] = [];
  for (const name of claimNames) {
    const claim = store.get(PVCS, namespace, name);
    if (!claim || claimPhase(claim) === 'Bound') continue;
    if (claim.metadata.annotations?.[SELECTED_NODE]) continue;
    if (!isWaitForFirstConsumer(store, claim)) continue;
    await store.put(PVCS, {
      ...claim,
      metadata: {
        ...claim.metadata,
        annotations: { ...claim.metadata.annotations, [SELECTED_NODE]: node },
      },
    });
    marked.push(name);
  }
  return marked;
};
