// Service-account identities as Kubernetes spells them. RBAC matches a ServiceAccount subject
// by username; the groups are what the token authenticator adds, so bindings to
// `system:serviceaccounts[:NS]` work too.
import { type UserInfo } from '../types';

const PREFIX = 'system:serviceaccount:';
export const SERVICE_ACCOUNTS_GROUP = 'system:serviceaccounts';
export const AUTHENTICATED_GROUP = 'system:authenticated';
export const UNAUTHENTICATED_GROUP = 'system:unauthenticated';

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${PREFIX}${namespace}:${name}`;
}

/** `{ namespace, name }` for `system:serviceaccount:NS:NAME`, otherwise undefined. */
export function parseServiceAccountUsername(
  username: string,
): { namespace: string; name: string } | undefined {
  if (!username.startsWith(PREFIX)) return undefined;
  const rest = username.slice(PREFIX.length);
  const colon = rest.indexOf(':');
  // Namespaces and names are DNS labels/subdomains: neither may contain a colon.
  if (colon <= 0 || colon === rest.length - 1 || rest.indexOf(':', colon + 1) !== -1) {
    return undefined;
  }
  return { namespace: rest.slice(0, colon), name: rest.slice(colon + 1) };
}

/** The identity a service account's token authenticates as. */
export function serviceAccountUser(namespace: string, name: string, uid?: string): UserInfo {
  return {
    username: serviceAccountUsername(namespace, name),
    ...(uid ? { uid } : {}),
    groups: [SERVICE_ACCOUNTS_GROUP, `${SERVICE_ACCOUNTS_GROUP}:${namespace}`, AUTHENTICATED_GROUP],
  };
}
