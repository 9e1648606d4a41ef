// Short constructors for the default RBAC objects, so the role files read like the policy
// tables they copy (Kubernetes bootstrap policy, OpenShift, KubeVirt, CDI).
import { type KubeObject } from '../types';
import { type PolicyRule, type Subject, RBAC_API_VERSION, RBAC_GROUP } from './rbacTypes';

export const READ = ['get', 'list', 'watch'];
export const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];
export const READ_WRITE = [...READ, ...WRITE];

export const AGGREGATE_TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin';
export const AGGREGATE_TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit';
export const AGGREGATE_TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';

/** Marks objects the way Kubernetes marks its bootstrap policy. */
const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

export function rule(verbs: string[], apiGroups: string[], resources: string[]): PolicyRule {
  return { verbs, apiGroups, resources };
}

export function urls(verbs: string[], nonResourceURLs: string[]): PolicyRule {
  return { verbs, nonResourceURLs };
}

interface RoleOptions {
  labels?: Record<string, string>;
  /** Label selectors (matchLabels) whose roles this one aggregates. */
  aggregateFrom?: string[];
  bootstrap?: boolean;
}

export function clusterRole(
  name: string,
  rules: PolicyRule[],
  options: RoleOptions = {},
): KubeObject {
  const labels = { ...(options.bootstrap ? BOOTSTRAP_LABELS : {}), ...options.labels };
  return {
    apiVersion: RBAC_API_VERSION,
    kind: 'ClusterRole',
    metadata: {
      name,
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(options.bootstrap ? { annotations: { ...AUTOUPDATE } } : {}),
    },
    ...(options.aggregateFrom
      ? {
          aggregationRule: {
            clusterRoleSelectors: options.aggregateFrom.map((label) => ({
              matchLabels: { [label]: 'true' },
            })),
          },
        }
      : {}),
    rules,
  };
}

/** A ClusterRole that `admin`, `edit` or `view` (or several) picks up by label. */
export function aggregatedInto(
  name: string,
  into: string[],
  rules: PolicyRule[],
  labels: Record<string, string> = {},
): KubeObject {
  const aggregate = Object.fromEntries(into.map((label) => [label, 'true']));
  return clusterRole(name, rules, { labels: { ...labels, ...aggregate } });
}

export function role(namespace: string, name: string, rules: PolicyRule[]): KubeObject {
  return { apiVersion: RBAC_API_VERSION, kind: 'Role', metadata: { name, namespace }, rules };
}

export const user = (name: string): Subject => ({ kind: 'User', apiGroup: RBAC_GROUP, name });
export const group = (name: string): Subject => ({ kind: 'Group', apiGroup: RBAC_GROUP, name });

export function clusterRoleBinding(
  name: string,
  roleName: string,
  subjects: Subject[],
  bootstrap = false,
): KubeObject {
  return {
    apiVersion: RBAC_API_VERSION,
    kind: 'ClusterRoleBinding',
    metadata: {
      name,
      ...(bootstrap ? { labels: { ...BOOTSTRAP_LABELS }, annotations: { ...AUTOUPDATE } } : {}),
    },
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: roleName },
    subjects,
  };
}

export function roleBinding(
  namespace: string,
  name: string,
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string },
  subjects: Subject[],
): KubeObject {
  return {
    apiVersion: RBAC_API_VERSION,
    kind: 'RoleBinding',
    metadata: { name, namespace },
    roleRef: { apiGroup: RBAC_GROUP, ...roleRef },
    subjects,
  };
}
