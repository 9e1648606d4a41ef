// The rbac.authorization.k8s.io/v1 shapes RBAC evaluation reads, and defensive readers for
// them. Objects reach us as plain JSON from the store; admission validates them, but a reader
// that tolerates a missing or odd field keeps one bad object from breaking every request.
import { type KubeObject } from '../types';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const RBAC_API_VERSION = `${RBAC_GROUP}/v1`;

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind: string; // User, Group, ServiceAccount
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: string; // Role, ClusterRole
  name: string;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string; // In, NotIn, Exists, DoesNotExist
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** Everything RBAC evaluation looks at, as the store holds it. */
export interface RbacObjects {
  roles: KubeObject[];
  clusterRoles: KubeObject[];
  roleBindings: KubeObject[];
  clusterRoleBindings: KubeObject[];
}

/** Sorts a mixed list (e.g. the default objects) into the four RBAC kinds; others are ignored. */
export function splitRbacObjects(objects: readonly KubeObject[]): RbacObjects {
  const rbac: RbacObjects = {
    roles: [],
    clusterRoles: [],
    roleBindings: [],
    clusterRoleBindings: [],
  };
  for (const object of objects) {
    if (object.kind === 'Role') rbac.roles.push(object);
    else if (object.kind === 'ClusterRole') rbac.clusterRoles.push(object);
    else if (object.kind === 'RoleBinding') rbac.roleBindings.push(object);
    else if (object.kind === 'ClusterRoleBinding') rbac.clusterRoleBindings.push(object);
  }
  return rbac;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

function readRule(value: unknown): PolicyRule | undefined {
  if (!isRecord(value)) return undefined;
  const rule: PolicyRule = { verbs: strings(value.verbs) ?? [] };
  const apiGroups = strings(value.apiGroups);
  const resources = strings(value.resources);
  const resourceNames = strings(value.resourceNames);
  const nonResourceURLs = strings(value.nonResourceURLs);
  if (apiGroups) rule.apiGroups = apiGroups;
  if (resources) rule.resources = resources;
  if (resourceNames) rule.resourceNames = resourceNames;
  if (nonResourceURLs) rule.nonResourceURLs = nonResourceURLs;
  return rule;
}

export function rulesOf(role: KubeObject): PolicyRule[] {
  const rules = Array.isArray(role.rules) ? role.rules : [];
  return rules.map(readRule).filter((rule): rule is PolicyRule => rule !== undefined);
}

export function subjectsOf(binding: KubeObject): Subject[] {
  const subjects = Array.isArray(binding.subjects) ? binding.subjects : [];
  const result: Subject[] = [];
  for (const s of subjects) {
    if (!isRecord(s) || typeof s.kind !== 'string' || typeof s.name !== 'string') continue;
    const subject: Subject = { kind: s.kind, name: s.name };
    if (typeof s.namespace === 'string' && s.namespace) subject.namespace = s.namespace;
    if (typeof s.apiGroup === 'string') subject.apiGroup = s.apiGroup;
    result.push(subject);
  }
  return result;
}

export function roleRefOf(binding: KubeObject): RoleRef | undefined {
  const ref = binding.roleRef;
  if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') {
    return undefined;
  }
  const apiGroup = typeof ref.apiGroup === 'string' ? ref.apiGroup : RBAC_GROUP;
  return { apiGroup, kind: ref.kind, name: ref.name };
}

/** `undefined` when the role is not aggregated; an empty list selects nothing. */
export function aggregationSelectorsOf(clusterRole: KubeObject): LabelSelector[] | undefined {
  const rule = clusterRole.aggregationRule;
  if (!isRecord(rule)) return undefined;
  const selectors = Array.isArray(rule.clusterRoleSelectors) ? rule.clusterRoleSelectors : [];
  return selectors.filter(isRecord).map((s) => {
    const selector: LabelSelector = {};
    if (isRecord(s.matchLabels)) {
      selector.matchLabels = Object.fromEntries(
        Object.entries(s.matchLabels).filter(
          (e): e is [string, string] => typeof e[1] === 'string',
        ),
      );
    }
    if (Array.isArray(s.matchExpressions)) {
      selector.matchExpressions = s.matchExpressions.filter(isRecord).map((e) => ({
        key: typeof e.key === 'string' ? e.key : '',
        operator: typeof e.operator === 'string' ? e.operator : '',
        values: strings(e.values) ?? [],
      }));
    }
    return selector;
  });
}
