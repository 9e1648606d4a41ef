import type { Node } from '../../../../../api/types';
import type { Affinity, NodeSelectorTerm, Requirement, Toleration } from './schedulingTypes';

interface Taint {
  key?: string;
  value?: string;
  effect?: string;
}

/** One requirement against a map of labels (or of fields), as the scheduler reads it. */
export const requirementMatches = (
  requirement: Requirement,
  labels: Record<string, string>,
): boolean => {
  const present = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = labels[requirement.key];
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return present && values.includes(value ?? '');
    case 'NotIn':
      return !present || !values.includes(value ?? '');
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    case 'Gt':
    case 'Lt': {
      if (!present || values.length !== 1) return false;
      const have = Number(value);
      const limit = Number(values[0]);
      if (!Number.isInteger(have) || !Number.isInteger(limit)) return false;
      return requirement.operator === 'Gt' ? have > limit : have < limit;
    }
    default:
      return false;
  }
};

/** A node selector term: every expression on the labels, every field on `metadata.name`. */
export const termMatches = (term: NodeSelectorTerm, node: Node): boolean => {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  // An empty term matches no node.
  if (!expressions.length && !fields.length) return false;
  const labels = node.metadata?.labels ?? {};
  const nodeFields = { 'metadata.name': node.metadata?.name ?? '' };
  return (
    expressions.every((r) => requirementMatches(r, labels)) &&
    fields.every((r) => requirementMatches(r, nodeFields))
  );
};

/** Kubernetes' `ToleratesTaint`. */
export const toleratesTaint = (toleration: Toleration, taint: Taint): boolean => {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return !toleration.value;
  return (toleration.value ?? '') === (taint.value ?? '');
};

/** Every taint that keeps pods off the node (NoSchedule, NoExecute) is tolerated. */
export const taintsTolerated = (node: Node, tolerations: Toleration[]): boolean =>
  (node.spec?.taints ?? [])
    .filter((taint) => taint.effect === 'NoSchedule' || taint.effect === 'NoExecute')
    .every((taint) => tolerations.some((toleration) => toleratesTaint(toleration, taint)));

/**
 * The nodes a VM could be scheduled on as far as these rules say: all labels of `selector`,
 * every blocking taint tolerated, and one of the required node affinity terms. A rule left
 * undefined is not checked; preferred and pod (anti-)affinity rules never exclude a node here
 * (the latter depend on the pods running on it).
 */
export const matchingNodes = (
  nodes: Node[],
  selector?: Record<string, string>,
  tolerations?: Toleration[],
  affinity?: Affinity,
): Node[] => {
  const terms =
    affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return nodes.filter((node) => {
    const labels = node.metadata?.labels ?? {};
    if (selector && !Object.entries(selector).every(([key, value]) => labels[key] === value))
      return false;
    if (tolerations && !taintsTolerated(node, tolerations)) return false;
    if (terms?.length && !terms.some((term) => termMatches(term, node))) return false;
    return true;
  });
};
