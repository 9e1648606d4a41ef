import { ALL_NAMESPACES_KEY } from '../../api/models';
import { isCheckupKind, type CheckupKind } from './checkupKinds';

const prefix = (namespace?: string) =>
  namespace && namespace !== ALL_NAMESPACES_KEY
    ? `/k8s/ns/${encodeURIComponent(namespace)}`
    : '/k8s/all-namespaces';

/** A tab of the Checkups page: `/k8s/ns/NS/checkups/network`, or all projects. */
export const checkupsPath = (namespace: string | undefined, kind: CheckupKind = 'network') =>
  `${prefix(namespace)}/checkups/${kind}`;

/** A checkup's page: `/k8s/ns/NS/checkups/network/NAME` (NAME is its ConfigMap). */
export const checkupDetailsPath = (namespace: string, kind: CheckupKind, name: string) =>
  `${prefix(namespace)}/checkups/${kind}/${encodeURIComponent(name)}`;

export interface CheckupsRoute {
  /** Undefined: all projects. */
  namespace?: string;
  kind: CheckupKind;
  /** Set on a details page. */
  name?: string;
}

const safeDecode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/**
 * The project, tab and checkup a Checkups URL names; undefined when the path is not one. The
 * bare `…/checkups` is the Network latency tab.
 */
export const checkupsRouteFromPath = (pathname: string): CheckupsRoute | undefined => {
  const match =
    /^\/k8s\/(?:ns\/([^/]+)|all-namespaces)\/checkups(?:\/([^/]+)(?:\/([^/]+))?)?\/?$/.exec(
      pathname,
    );
  if (!match) return undefined;
  const [, ns, kind, name] = match;
  if (kind !== undefined && !isCheckupKind(kind)) return undefined;
  return {
    namespace: ns ? safeDecode(ns) : undefined,
    kind: kind ?? 'network',
    ...(name ? { name: safeDecode(name) } : {}),
  };
};
