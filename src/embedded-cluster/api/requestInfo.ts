import { badRequest } from './errors';

/** What a URL asks for, in the API server's terms (k8s.io/apiserver RequestInfo). */
export type RequestInfo =
  | { isResource: false; path: string; verb: string }
  | {
      isResource: true;
      verb: string;
      group: string;
      version: string;
      namespace?: string;
      resource: string;
      name?: string;
      subresource?: string;
    };

const VERBS: Record<string, string> = {
  GET: 'get',
  HEAD: 'get',
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/**
 * Parses `/api/v1/namespaces/ns/pods/name/status` and `/apis/group/version/...`. The only
 * ambiguity, `/api/v1/namespaces/NAME/SUB`, is a namespace subresource unless `isNamespacedPlural`
 * says SUB names a resource of that group version.
 */
export const parseRequestInfo = (
  method: string,
  pathname: string,
  query: URLSearchParams,
  isNamespacedPlural: (group: string, version: string, plural: string) => boolean,
): RequestInfo => {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const baseVerb = VERBS[method] ?? method.toLowerCase();
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    rest = parts.slice(1);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1] ?? '';
    rest = parts.slice(2);
  } else {
    return { isResource: false, path: pathname, verb: baseVerb };
  }
  const version = rest[0] ?? '';
  let segments = rest.slice(1);
  let watchPath = false;
  if (segments[0] === 'watch') {
    watchPath = true;
    segments = segments.slice(1);
  }
  let namespace: string | undefined;
  if (segments[0] === 'namespaces' && segments.length >= 3) {
    const candidate = segments[2] ?? '';
    if (segments.length > 3 || isNamespacedPlural(group, version, candidate)) {
      namespace = segments[1];
      segments = segments.slice(2);
    }
  }
  const [resource, name, ...sub] = segments;
  if (!resource) throw badRequest(`no resource in ${pathname}`);
  let verb = baseVerb;
  const watching = watchPath || ['1', 'true'].includes(query.get('watch') ?? '');
  if (verb === 'get' && !name) verb = watching ? 'watch' : 'list';
  else if (verb === 'get' && watching) verb = 'watch';
  if (verb === 'delete' && !name) verb = 'deletecollection';
  return {
    isResource: true,
    verb,
    group,
    version,
    namespace,
    resource,
    name,
    subresource: sub.length ? sub.join('/') : undefined,
  };
};
