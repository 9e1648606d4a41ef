// ClusterRole aggregation, as Kubernetes' clusterrole-aggregation controller does it: a role
// with an aggregationRule gets, as its rules, the union of the rules of every other ClusterRole
// its selectors match. Lets `admin`/`edit`/`view` grow when KubeVirt (or anyone) labels a role.
import { type KubeObject } from '../types';
import {
  type LabelSelector,
  type LabelSelectorRequirement,
  type PolicyRule,
  aggregationSelectorsOf,
  rulesOf,
} from './rbacTypes';

function requirementMatches(
  req: LabelSelectorRequirement,
  labels: Record<string, string>,
): boolean {
  const has = Object.hasOwn(labels, req.key);
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(labels[req.key] ?? '');
    case 'NotIn':
      return !has || !values.includes(labels[req.key] ?? '');
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // Kubernetes refuses an unknown operator; selecting nothing is the safe reading.
      return false;
  }
}

/** metav1.LabelSelector semantics; an empty selector matches every object. */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((req) => requirementMatches(req, labels));
}

function ruleKey(rule: PolicyRule): string {
  // The controller de-duplicates with deep equality; absent and empty lists are the same rule.
  return JSON.stringify([
    rule.verbs,
    rule.apiGroups ?? [],
    rule.resources ?? [],
    rule.resourceNames ?? [],
    rule.nonResourceURLs ?? [],
  ]);
}

/**
 * Returns the ClusterRoles with every aggregated role's `rules` replaced by the union of the
 * rules of the roles it selects (sorted by name, first occurrence wins, as the controller).
 * Aggregated roles that select aggregated roles (admin → edit → view) are resolved to the
 * controller's settled state at once; a cycle keeps the stored rules of the role that closes it.
 * Input objects are not changed.
 */
export function aggregateClusterRoles(clusterRoles: readonly KubeObject[]): KubeObject[] {
  const byName = [...clusterRoles].sort((a, b) =>
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
  const resolved = new Map<string, PolicyRule[]>();
  const resolving = new Set<string>();

  const rulesFor = (role: KubeObject): PolicyRule[] => {
    const name = role.metadata.name ?? '';
    const selectors = aggregationSelectorsOf(role);
    if (!selectors) return rulesOf(role);
    const done = resolved.get(name);
    if (done) return done;
    if (resolving.has(name)) return rulesOf(role);
    resolving.add(name);
    const seen = new Set<string>();
    const rules: PolicyRule[] = [];
    for (const selector of selectors) {
      for (const other of byName) {
        if (other.metadata.name === name) continue;
        if (!selectorMatches(selector, other.metadata.labels ?? {})) continue;
        for (const rule of rulesFor(other)) {
          const key = ruleKey(rule);
          if (seen.has(key)) continue;
          seen.add(key);
          rules.push(rule);
        }
      }
    }
    resolving.delete(name);
    resolved.set(name, rules);
    return rules;
  };

  return clusterRoles.map((role) =>
    aggregationSelectorsOf(role) ? { ...role, rules: rulesFor(role) } : role,
  );
}
