// The 401 and 403 answers, worded as kube-apiserver words them, so kubectl and the console
// show our users the same messages a real cluster would.
import { type RequestAttributes } from '../types';

/** Go's %q for the strings we quote (names, verbs, paths): JSON string syntax matches it. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** `User "developer" cannot create resource "virtualmachines" in API group "kubevirt.io" …` */
export function forbiddenMessage(username: string, attrs: RequestAttributes): string {
  if (attrs.nonResourceURL !== undefined) {
    return `User ${quote(username)} cannot ${attrs.verb} path ${quote(attrs.nonResourceURL)}`;
  }
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const what = `User ${quote(username)} cannot ${attrs.verb} resource ${quote(resource)} in API group ${quote(attrs.apiGroup)}`;
  return attrs.namespace
    ? `${what} in the namespace ${quote(attrs.namespace)}`
    : `${what} at the cluster scope`;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: 'Forbidden' | 'Unauthorized';
  details?: { group?: string; kind?: string; name?: string };
  code: 403 | 401;
}

/**
 * The 403 body for a denied request. `reason` is `authorize(...).reason` for a denial, i.e.
 * `forbiddenMessage` plus any RBAC evaluation error. Kubernetes prefixes it with the resource
 * (without subresource) and the object's name.
 */
export function forbiddenStatus(attrs: RequestAttributes, reason: string): Status {
  const details: NonNullable<Status['details']> = {};
  let message = `forbidden: ${reason}`;
  if (attrs.nonResourceURL === undefined && attrs.resource) {
    const qualified = attrs.apiGroup ? `${attrs.resource}.${attrs.apiGroup}` : attrs.resource;
    message = attrs.name
      ? `${qualified} ${quote(attrs.name)} is forbidden: ${reason}`
      : `${qualified} is forbidden: ${reason}`;
    if (attrs.apiGroup) details.group = attrs.apiGroup;
    details.kind = attrs.resource;
    if (attrs.name) details.name = attrs.name;
  }
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Forbidden',
    details,
    code: 403,
  };
}

/** The 401 body for a request without valid credentials (anonymous access is off). */
export function unauthorizedStatus(): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'Unauthorized',
    reason: 'Unauthorized',
    code: 401,
  };
}
