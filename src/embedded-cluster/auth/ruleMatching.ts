// Does one PolicyRule allow one request? The same checks, in the same order, as Kubernetes'
// RuleAllows (plugin/pkg/auth/authorizer/rbac) so that a Role behaves here as on a real cluster.
import { type RequestAttributes } from '../types';
import { type PolicyRule } from './rbacTypes';

const ALL = '*';

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.includes(ALL) || rule.verbs.includes(verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  const groups = rule.apiGroups ?? [];
  return groups.includes(ALL) || groups.includes(group);
}

/**
 * `combined` is `resource` or `resource/subresource`. `*` matches every resource and every
 * subresource; `*\/scale` matches the scale subresource of anything, but not the resource itself.
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const candidate of rule.resources ?? []) {
    if (candidate === ALL || candidate === combined) return true;
    if (subresource && candidate === `*/${subresource}`) return true;
  }
  return false;
}

/**
 * A rule naming resources never matches a request without a name: list, watch, create and
 * deletecollection name no object, so `resourceNames` cannot restrict them and Kubernetes
 * refuses rather than grants.
 */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

/** `/apis/*` covers `/apis/` and everything below it; only a trailing `*` is a wildcard. */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const url of rule.nonResourceURLs ?? []) {
    if (url === ALL || url === path) return true;
    if (url.endsWith(ALL) && path.startsWith(url.replace(/\*+$/, ''))) return true;
  }
  return false;
}

export function isResourceRequest(attrs: RequestAttributes): boolean {
  return attrs.nonResourceURL === undefined;
}

export function ruleAllows(rule: PolicyRule, attrs: RequestAttributes): boolean {
  if (!isResourceRequest(attrs)) {
    return verbMatches(rule, attrs.verb) && nonResourceURLMatches(rule, attrs.nonResourceURL ?? '');
  }
  const subresource = attrs.subresource ?? '';
  const combined = subresource ? `${attrs.resource}/${subresource}` : attrs.resource;
  return (
    verbMatches(rule, attrs.verb) &&
    apiGroupMatches(rule, attrs.apiGroup) &&
    resourceMatches(rule, combined, subresource) &&
    resourceNameMatches(rule, attrs.name ?? '')
  );
}
