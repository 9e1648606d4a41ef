/** The Catalog's tabs, each at its own URL below `…/catalog`. */
export type CatalogTab = 'instancetypes' | 'templates';

const TAB_SEGMENT: Record<CatalogTab, string> = { instancetypes: '', templates: '/template' };

/** `/k8s/ns/NS/catalog[/template]`, or the all-projects form without a namespace. */
export const catalogPath = (namespace: string | undefined, tab: CatalogTab = 'instancetypes') =>
  `${namespace ? `/k8s/ns/${encodeURIComponent(namespace)}` : '/k8s/all-namespaces'}/catalog${TAB_SEGMENT[tab]}`;

/** The project and tab of a Catalog URL; undefined when the path is not the Catalog's. */
export const catalogRefFromPath = (
  pathname: string,
): { namespace?: string; tab: CatalogTab } | undefined => {
  const match = /^\/k8s\/(?:ns\/([^/]+)|all-namespaces)\/catalog(\/template)?\/?$/.exec(pathname);
  if (!match) return undefined;
  const namespace = match[1] ? decodeURIComponent(match[1]) : undefined;
  return { namespace, tab: match[2] ? 'templates' : 'instancetypes' };
};
