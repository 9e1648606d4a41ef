// The create-only review kinds of authorization.k8s.io/v1: the API server hands us the posted
// object and the caller, we hand back the object with its status (or the reasons it is
// invalid). `kubectl auth can-i` and the console's permission checks go through here.
import { type KubeObject, type RequestAttributes, type StatusCause, type UserInfo } from '../types';
import { type RbacAuthorizer } from './rbac';
import { reviewStatus, rulesFor } from './rulesReview';

export const REVIEW_KINDS = [
  'SelfSubjectAccessReview',
  'SubjectAccessReview',
  'LocalSubjectAccessReview',
  'SelfSubjectRulesReview',
] as const;

export type ReviewResult = { object: KubeObject } | { causes: StatusCause[] };

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function invalid(field: string, value: string, message: string): StatusCause {
  return { type: 'FieldValueInvalid', field, message: `Invalid value: ${value}: ${message}` };
}

/** RequestAttributes from `spec.resourceAttributes` or `spec.nonResourceAttributes`. */
export function reviewAttributes(spec: Record<string, unknown>): RequestAttributes | StatusCause {
  const resource = record(spec.resourceAttributes);
  const nonResource = record(spec.nonResourceAttributes);
  if (resource && nonResource) {
    return invalid(
      'spec.nonResourceAttributes',
      'null',
      'cannot be specified in combination with resourceAttributes',
    );
  }
  if (nonResource) {
    return {
      verb: text(nonResource.verb),
      apiGroup: '',
      resource: '',
      nonResourceURL: text(nonResource.path),
    };
  }
  if (!resource) {
    return invalid(
      'spec.resourceAttributes',
      'null',
      'exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
  }
  const attrs: RequestAttributes = {
    verb: text(resource.verb),
    apiGroup: text(resource.group),
    resource: text(resource.resource),
  };
  if (text(resource.subresource)) attrs.subresource = text(resource.subresource);
  if (text(resource.namespace)) attrs.namespace = text(resource.namespace);
  if (text(resource.name)) attrs.name = text(resource.name);
  return attrs;
}

/** The subject a SubjectAccessReview asks about: exactly what the spec says, nothing added. */
function specUser(spec: Record<string, unknown>): UserInfo {
  const groups = Array.isArray(spec.groups) ? spec.groups.filter((g) => typeof g === 'string') : [];
  const user: UserInfo = { username: text(spec.user), groups };
  if (text(spec.uid)) user.uid = text(spec.uid);
  return user;
}

/**
 * Answers a posted review. `requester` is the authenticated caller; `namespace` is the one in
 * the URL (LocalSubjectAccessReview is namespaced). Authorizing the create itself is the API
 * server's business, as for any other resource.
 */
export function answerReview(
  review: KubeObject,
  requester: UserInfo,
  authorizer: RbacAuthorizer,
  namespace = '',
): ReviewResult {
  if (!(REVIEW_KINDS as readonly string[]).includes(review.kind)) {
    const message = `Unsupported value: ${JSON.stringify(review.kind)}`;
    return { causes: [{ type: 'FieldValueNotSupported', field: 'kind', message }] };
  }
  const spec = record(review.spec) ?? {};
  const answer = (status: object): ReviewResult => ({ object: { ...review, spec, status } });

  if (review.kind === 'SelfSubjectRulesReview') {
    return answer(rulesFor(requester, text(spec.namespace), authorizer));
  }
  const attrs = reviewAttributes(spec);
  const causes: StatusCause[] = 'type' in attrs ? [attrs] : [];
  let subject = requester;
  if (review.kind === 'SubjectAccessReview' || review.kind === 'LocalSubjectAccessReview') {
    subject = specUser(spec);
    if (!subject.username && subject.groups.length === 0) {
      causes.push(invalid('spec.user', '""', 'at least one of user or group must be specified'));
    }
  }
  if (review.kind === 'LocalSubjectAccessReview' && !('type' in attrs)) {
    if (attrs.nonResourceURL !== undefined) {
      causes.push(
        invalid('spec.nonResourceAttributes', 'null', 'disallowed on this kind of request'),
      );
    } else if ((attrs.namespace ?? '') !== namespace) {
      causes.push(
        invalid(
          'spec.resourceAttributes.namespace',
          JSON.stringify(attrs.namespace ?? ''),
          `must match namespace: ${namespace}`,
        ),
      );
    }
  }
  if (causes.length > 0 || 'type' in attrs) return { causes };
  return answer(reviewStatus(subject, attrs, authorizer));
}
