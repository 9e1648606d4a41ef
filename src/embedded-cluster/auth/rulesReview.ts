// The status halves of SelfSubjectRulesReview and (Self)SubjectAccessReview, filled the way
// kube-apiserver fills them with RBAC as its only authorizer (after the privileged groups).
import { type RequestAttributes, type UserInfo } from '../types';
import { RbacAuthorizer, aggregateErrors } from './rbac';
import { type RbacObjects } from './rbacTypes';

export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs?: string[];
}

export interface SubjectRulesReviewStatus {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  /** RBAC sees every rule it evaluates, so its list is never incomplete. */
  incomplete: false;
  /** Bindings pointing at missing roles, as kube reports them. */
  evaluationError?: string;
}

export interface SubjectAccessReviewStatus {
  allowed: boolean;
  /** RBAC never denies explicitly (it only fails to allow), so this stays unset. */
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

function authorizerOf(rbac: RbacObjects | RbacAuthorizer): RbacAuthorizer {
  return rbac instanceof RbacAuthorizer ? rbac : new RbacAuthorizer(() => rbac);
}

// JSON omits empty lists here (omitempty), so do we: kubectl prints what it gets.
function nonEmpty<K extends string>(
  key: K,
  list: string[] | undefined,
): Partial<Record<K, string[]>> {
  return list && list.length > 0 ? ({ [key]: list } as Record<K, string[]>) : {};
}

/**
 * What `user` may do in `namespace` ('' for cluster scope): every rule of every binding that
 * applies, unmerged, as `kubectl auth can-i --list` expects to receive them.
 */
export function rulesFor(
  user: UserInfo,
  namespace: string,
  rbac: RbacObjects | RbacAuthorizer,
): SubjectRulesReviewStatus {
  const { rules, errors } = authorizerOf(rbac).rulesFor(user, namespace);
  const status: SubjectRulesReviewStatus = {
    resourceRules: [],
    nonResourceRules: [],
    incomplete: false,
  };
  for (const rule of rules) {
    // A rule with both lists is invalid, but kube reports each half where it belongs.
    if (rule.resources && rule.resources.length > 0) {
      status.resourceRules.push({
        verbs: rule.verbs,
        ...nonEmpty('apiGroups', rule.apiGroups),
        resources: rule.resources,
        ...nonEmpty('resourceNames', rule.resourceNames),
      });
    }
    if (rule.nonResourceURLs && rule.nonResourceURLs.length > 0) {
      status.nonResourceRules.push({ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs });
    }
  }
  if (errors.length > 0) status.evaluationError = aggregateErrors(errors);
  return status;
}

/** The status of a SelfSubjectAccessReview or SubjectAccessReview for `user` doing `attrs`. */
export function reviewStatus(
  user: UserInfo,
  attrs: RequestAttributes,
  rbac: RbacObjects | RbacAuthorizer,
): SubjectAccessReviewStatus {
  const { allowed, reason } = authorizerOf(rbac).evaluate(user, attrs);
  return reason ? { allowed, reason } : { allowed };
}
