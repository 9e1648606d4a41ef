// RBAC's escalation guard, as the API server applies it to writes of roles and bindings: you
// may only grant what you hold yourself, unless you hold `escalate` (roles) or `bind` (bindings).
// Without it a namespace admin could bind cluster-admin in its namespace.
import { type KubeObject, type UserInfo } from '../types';
import { quote } from './authStatus';
import { MASTERS_GROUP, type RbacAuthorizer } from './rbac';
import {
  type PolicyRule,
  RBAC_GROUP,
  aggregationSelectorsOf,
  roleRefOf,
  rulesOf,
} from './rbacTypes';

export type EscalationCheck = { allowed: true } | { allowed: false; message: string };

const ALL = '*';
const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: [ALL], apiGroups: [ALL], resources: [ALL] },
  { verbs: [ALL], nonResourceURLs: [ALL] },
];

const hasAll = (set: readonly string[] = [], wanted: readonly string[] = []) =>
  wanted.every((w) => set.includes(w));

function resourcesCovered(owned: readonly string[] = [], wanted: readonly string[] = []): boolean {
  if (owned.includes(ALL) || hasAll(owned, wanted)) return true;
  return wanted.every((path) => {
    if (owned.includes(path)) return true;
    const slash = path.indexOf('/');
    return slash !== -1 && owned.includes(`*/${path.slice(slash + 1)}`);
  });
}

function urlsCovered(owned: readonly string[] = [], wanted: readonly string[] = []): boolean {
  return wanted.every((url) =>
    owned.some((o) => o === url || (o.endsWith(ALL) && url.startsWith(o.replace(/\*+$/, '')))),
  );
}

/** Kubernetes' ruleCovers: does one held rule include the whole of one atomic rule? */
function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const ownerNames = owner.resourceNames ?? [];
  const subNames = sub.resourceNames ?? [];
  return (
    (owner.verbs.includes(ALL) || hasAll(owner.verbs, sub.verbs)) &&
    ((owner.apiGroups ?? []).includes(ALL) || hasAll(owner.apiGroups, sub.apiGroups)) &&
    resourcesCovered(owner.resources, sub.resources) &&
    urlsCovered(owner.nonResourceURLs, sub.nonResourceURLs) &&
    (ownerNames.length === 0 || (subNames.length > 0 && hasAll(ownerNames, subNames)))
  );
}

/** One rule per verb × group × resource × name, and per verb × URL (Kubernetes' BreakdownRule). */
function breakdown(rule: PolicyRule): PolicyRule[] {
  const parts: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        const base = { verbs: [verb], apiGroups: [group], resources: [resource] };
        const names = rule.resourceNames ?? [];
        if (names.length === 0) parts.push(base);
        for (const name of names) parts.push({ ...base, resourceNames: [name] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs) parts.push({ verbs: [verb], nonResourceURLs: [url] });
  }
  return parts;
}

/** Go's %q of a []string: `["a" "b"]`. */
const goList = (values: readonly string[]) => `[${values.map(quote).join(' ')}]`;

/** The missing rights, verbs merged per resource, worded like rbacv1helpers.CompactString. */
function describeMissing(missing: PolicyRule[]): string {
  const merged = new Map<string, PolicyRule>();
  for (const rule of missing) {
    const key = JSON.stringify([
      rule.apiGroups,
      rule.resources,
      rule.resourceNames,
      rule.nonResourceURLs,
    ]);
    const seen = merged.get(key);
    if (seen) seen.verbs.push(...rule.verbs.filter((v) => !seen.verbs.includes(v)));
    else merged.set(key, { ...rule, verbs: [...rule.verbs] });
  }
  const lines = [...merged.values()].map((r) => {
    const parts: string[] = [];
    if (r.apiGroups?.length) parts.push(`APIGroups:${goList(r.apiGroups)}`);
    if (r.resources?.length) parts.push(`Resources:${goList(r.resources)}`);
    if (r.nonResourceURLs?.length) parts.push(`NonResourceURLs:${goList(r.nonResourceURLs)}`);
    if (r.resourceNames?.length) parts.push(`ResourceNames:${goList(r.resourceNames)}`);
    parts.push(`Verbs:${goList(r.verbs)}`);
    return `{${parts.join(', ')}}`;
  });
  return [...new Set(lines)].sort().join('\n');
}

/** Does `user` already hold every right in `rules` within `namespace` ('' for cluster-wide)? */
export function confirmNoEscalation(
  user: UserInfo,
  namespace: string,
  rules: readonly PolicyRule[],
  authorizer: RbacAuthorizer,
): EscalationCheck {
  const { rules: owned, errors } = authorizer.rulesFor(user, namespace);
  const missing = rules.flatMap(breakdown).filter((sub) => !owned.some((o) => ruleCovers(o, sub)));
  if (missing.length === 0) return { allowed: true };
  let message =
    `user ${quote(user.username)} (groups=${goList(user.groups)}) is attempting to grant RBAC ` +
    `permissions not currently held:\n${describeMissing(missing)}`;
  if (errors.length > 0) message += `; resolution errors: [${errors.join(' ')}]`;
  return { allowed: false, message };
}

/**
 * May `user` create (or update) this Role, ClusterRole, RoleBinding or ClusterRoleBinding?
 * Run it after authorizing the write itself; a denial's message goes into a 403 for the object.
 * `verb` matters because `escalate` on a role can be limited by name, which a create lacks.
 */
export function checkRbacWrite(
  user: UserInfo,
  object: KubeObject,
  authorizer: RbacAuthorizer,
  verb: 'create' | 'update' = 'create',
): EscalationCheck {
  if (user.groups.includes(MASTERS_GROUP)) return { allowed: true };
  const namespace =
    object.kind === 'Role' || object.kind === 'RoleBinding'
      ? (object.metadata.namespace ?? '')
      : '';
  const name = verb === 'update' ? object.metadata.name : undefined;
  const may = (v: string, resource: string, resourceName?: string) =>
    authorizer.evaluate(user, {
      verb: v,
      apiGroup: RBAC_GROUP,
      resource,
      ...(namespace ? { namespace } : {}),
      ...(resourceName ? { name: resourceName } : {}),
    }).allowed;

  if (object.kind === 'Role' || object.kind === 'ClusterRole') {
    if (may('escalate', object.kind === 'Role' ? 'roles' : 'clusterroles', name))
      return { allowed: true };
    const check = confirmNoEscalation(user, namespace, rulesOf(object), authorizer);
    if (!check.allowed || !aggregationSelectorsOf(object)) return check;
    // An aggregation rule can gather anything, so setting one takes full authority.
    return confirmNoEscalation(user, '', FULL_AUTHORITY, authorizer).allowed
      ? { allowed: true }
      : {
          allowed: false,
          message: 'must have cluster-admin privileges to use the aggregationRule',
        };
  }

  if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') {
    const ref = roleRefOf(object);
    if (!ref || (ref.kind !== 'Role' && ref.kind !== 'ClusterRole')) {
      return { allowed: false, message: 'roleRef must name a Role or a ClusterRole' };
    }
    if (may('bind', ref.kind === 'Role' ? 'roles' : 'clusterroles', ref.name))
      return { allowed: true };
    const { rules, error } = authorizer.roleRefRules(ref, namespace);
    if (error) return { allowed: false, message: error };
    return confirmNoEscalation(user, namespace, rules, authorizer);
  }
  return { allowed: true };
}
