// OpenShift's `projects` list: the namespaces a user may see, and nothing else. A namespace is
// visible to whoever may `get` it; through a RoleBinding that is the namespace the binding is
// in (`view`, `edit` and `admin` all read `namespaces`), through a ClusterRoleBinding every one.
import { type KubeObject, type RequestAttributes, type UserInfo } from '../types';
import { type RbacAuthorizer } from './rbac';

/**
 * The attributes of `GET /api/v1/namespaces/NAME`. Kubernetes sets the request's namespace to
 * the namespace's own name, which is what lets a RoleBinding inside it apply.
 */
export function namespaceGetAttributes(name: string): RequestAttributes {
  return { verb: 'get', apiGroup: '', resource: 'namespaces', namespace: name, name };
}

export function canSeeProject(user: UserInfo, name: string, authorizer: RbacAuthorizer): boolean {
  return authorizer.evaluate(user, namespaceGetAttributes(name)).allowed;
}

/** The namespaces (as stored) that `user` may see as projects, in the given order. */
export function visibleProjects(
  user: UserInfo,
  namespaces: readonly KubeObject[],
  authorizer: RbacAuthorizer,
): KubeObject[] {
  return namespaces.filter((ns) => canSeeProject(user, ns.metadata.name ?? '', authorizer));
}
