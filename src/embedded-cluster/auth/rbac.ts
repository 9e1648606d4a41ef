// RBAC authorization with Kubernetes' semantics: ClusterRoleBindings grant everywhere,
// RoleBindings in their namespace (to a Role there or a ClusterRole), the first matching rule
// allows, nothing ever denies explicitly, and `system:masters` is always allowed.
import { type RequestAttributes, type UserInfo } from '../types';
import { forbiddenMessage, quote } from './authStatus';
import { type RbacIndex, buildRbacIndex, grantsFor } from './rbacIndex';
import { type PolicyRule, type RbacObjects, type RoleRef } from './rbacTypes';
import { ruleAllows } from './ruleMatching';

export { type RbacObjects } from './rbacTypes';

export const MASTERS_GROUP = 'system:masters';

/** What RBAC found, before it is worded for a 403 or an access review. */
export interface Evaluation {
  allowed: boolean;
  /**
   * kube's authorizer reason, as a SubjectAccessReview shows it: `RBAC: allowed by
   * ClusterRoleBinding "x" of ClusterRole "y" to User "z"` when a binding allowed; empty for
   * `system:masters` and for a plain denial; `RBAC: <errors>` when a denial met broken bindings.
   */
  reason: string;
  /** Bindings that apply but point at a missing role. */
  errors: string[];
}

export interface Decision {
  allowed: boolean;
  /**
   * Allowed: `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z"`.
   * Denied: the text of kube-apiserver's 403, `User "z" cannot get resource …`, followed by
   * `: RBAC: …` when a binding pointed at a missing role. Feed it to `forbiddenStatus`.
   */
  reason: string;
}

/** kube's utilerrors.Aggregate wording: one message alone, several as `[a, b]`, no repeats. */
export function aggregateErrors(errors: readonly string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? (unique[0] ?? '') : `[${unique.join(', ')}]`;
}

export function evaluate(index: RbacIndex, user: UserInfo, attrs: RequestAttributes): Evaluation {
  // kube-apiserver checks this group before RBAC, so it holds even with no bindings at all.
  if (user.groups.includes(MASTERS_GROUP)) return { allowed: true, reason: '', errors: [] };
  // Non-resource URLs have no namespace, so only ClusterRoleBindings can grant them.
  const namespace = attrs.nonResourceURL === undefined ? (attrs.namespace ?? '') : '';
  const errors: string[] = [];
  for (const grant of grantsFor(index, user, namespace)) {
    if (grant.error) {
      errors.push(grant.error);
      continue;
    }
    if (grant.rules.some((rule) => ruleAllows(rule, attrs))) {
      return { allowed: true, reason: `RBAC: allowed by ${grant.source}`, errors };
    }
  }
  return {
    allowed: false,
    reason: errors.length ? `RBAC: ${aggregateErrors(errors)}` : '',
    errors,
  };
}

export function toDecision(
  evaluation: Evaluation,
  user: UserInfo,
  attrs: RequestAttributes,
): Decision {
  if (evaluation.allowed) {
    return {
      allowed: true,
      reason: evaluation.reason || `allowed by group ${quote(MASTERS_GROUP)}`,
    };
  }
  const message = forbiddenMessage(user.username, attrs);
  return {
    allowed: false,
    reason: evaluation.reason ? `${message}: ${evaluation.reason}` : message,
  };
}

/**
 * The authorizer the API server keeps for its lifetime. It indexes the RBAC objects on first
 * use and again after `invalidate()`, which the server calls whenever a Role, ClusterRole or
 * binding changes; between changes every request is a few map lookups.
 */
export class RbacAuthorizer {
  private index: RbacIndex | undefined;

  constructor(private readonly getObjects: () => RbacObjects) {}

  invalidate(): void {
    this.index = undefined;
  }

  private current(): RbacIndex {
    this.index ??= buildRbacIndex(this.getObjects());
    return this.index;
  }

  evaluate(user: UserInfo, attrs: RequestAttributes): Evaluation {
    return evaluate(this.current(), user, attrs);
  }

  authorize(user: UserInfo, attrs: RequestAttributes): Decision {
    return toDecision(this.evaluate(user, attrs), user, attrs);
  }

  /** The rules a binding's roleRef grants; `namespace` is the binding's ('' for cluster). */
  roleRefRules(ref: RoleRef, namespace: string): { rules: PolicyRule[]; error?: string } {
    return this.current().resolve(ref, namespace);
  }

  /** Every rule granted to `user` in `namespace` ('' for cluster scope), in visiting order. */
  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    for (const grant of grantsFor(this.current(), user, namespace)) {
      if (grant.error) errors.push(grant.error);
      else rules.push(...grant.rules);
    }
    return { rules, errors };
  }
}

export function createAuthorizer(getObjects: () => RbacObjects): RbacAuthorizer {
  return new RbacAuthorizer(getObjects);
}

/** One-off check against a set of objects; the server uses `RbacAuthorizer` instead. */
export function authorize(user: UserInfo, attrs: RequestAttributes, rbac: RbacObjects): Decision {
  return new RbacAuthorizer(() => rbac).authorize(user, attrs);
}
