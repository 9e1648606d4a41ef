/** The console's key for "All projects". */
export const ALL_NAMESPACES_KEY = '#ALL_NS#';

const NAMESPACED = /^\/k8s\/ns\/([^/]+)(\/.*)?$/;
const ALL_NAMESPACES = /^\/k8s\/all-namespaces(\/.*)?$/;

/** The project a console URL is about, `ALL_NAMESPACES_KEY`, or undefined for a page outside any. */
export const namespaceFromPath = (pathname: string): string | undefined => {
  const namespaced = NAMESPACED.exec(pathname);
  if (namespaced?.[1]) return decodeURIComponent(namespaced[1]);
  return ALL_NAMESPACES.test(pathname) ? ALL_NAMESPACES_KEY : undefined;
};

/** `/k8s/ns/<ns>/<rest>` or `/k8s/all-namespaces/<rest>`, as the console builds namespaced links. */
export const namespacedHref = (rest: string, namespace: string): string => {
  const tail = rest.startsWith('/') ? rest : `/${rest}`;
  return namespace === ALL_NAMESPACES_KEY
    ? `/k8s/all-namespaces${tail}`
    : `/k8s/ns/${encodeURIComponent(namespace)}${tail}`;
};

/** The same page in another project; undefined when the path is not namespaced. */
export const pathWithNamespace = (pathname: string, namespace: string): string | undefined => {
  const namespaced = NAMESPACED.exec(pathname);
  if (namespaced) return namespacedHref(namespaced[2] ?? '', namespace);
  const all = ALL_NAMESPACES.exec(pathname);
  if (all) return namespacedHref(all[1] ?? '', namespace);
  return undefined;
};
