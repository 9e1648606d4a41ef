import type { Extension } from '@openshift/dynamic-plugin-sdk';
import { referenceFor } from '../routes/resourcePages';
import { namespacedHref } from '../sdk/namespacePath';

type Placement = {
  id: string;
  insertBefore?: string | string[];
  insertAfter?: string | string[];
  /** Attributes the console puts on the item's element (`data-quickstart-id` for highlights). */
  dataAttributes?: Record<string, string>;
};

export type NavSectionProperties = Placement & {
  name?: string;
  perspective?: string;
};

export type NavHrefProperties = Placement & {
  name: string;
  href: string;
  section?: string;
  namespaced?: boolean;
  prefixNamespaced?: boolean;
  startsWith?: string[];
  perspective?: string;
};

/** `console.navigation/resource-ns`: a link to a kind's list in the active project. */
export type NavResourceNSProperties = Placement & {
  name?: string;
  model: { group: string; version: string; kind: string };
  section?: string;
  startsWith?: string[];
  perspective?: string;
};

export interface NavLinkItem {
  id: string;
  name: string;
  href: string;
  /** Paths under which this item shows as the current page. */
  activePaths: string[];
  dataAttributes: Record<string, string>;
}

export interface NavSection {
  id: string;
  name: string;
  items: NavLinkItem[];
  dataAttributes: Record<string, string>;
}

/** Only `data-*` attributes pass, as in the console: an extension cannot set `onclick`. */
const dataAttributesOf = (item: Placement): Record<string, string> =>
  Object.fromEntries(
    Object.entries(item.dataAttributes ?? {}).filter(([key]) => /^data-[a-z0-9-]+$/.test(key)),
  );

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * Orders siblings as the console does: declaration order, then each item moved before or after
 * the first sibling it names that exists. References to absent siblings are ignored.
 */
export const orderByPlacement = <T extends Placement>(items: T[]): T[] => {
  const ordered = [...items];
  for (const item of items) {
    const before = asList(item.insertBefore).find((id) => ordered.some((other) => other.id === id));
    const after = asList(item.insertAfter).find((id) => ordered.some((other) => other.id === id));
    const anchor = before ?? after;
    if (!anchor || anchor === item.id) continue;
    ordered.splice(ordered.indexOf(item), 1);
    const anchorIndex = ordered.findIndex((other) => other.id === anchor);
    ordered.splice(before ? anchorIndex : anchorIndex + 1, 0, item);
  }
  return ordered;
};

const isSection = (
  e: Extension,
): e is Extension<'console.navigation/section', NavSectionProperties> =>
  e.type === 'console.navigation/section';
const isHref = (e: Extension): e is Extension<'console.navigation/href', NavHrefProperties> =>
  e.type === 'console.navigation/href';

const isResourceNS = (
  e: Extension,
): e is Extension<'console.navigation/resource-ns', NavResourceNSProperties> =>
  e.type === 'console.navigation/resource-ns';

/** A resource link as the href item it amounts to: `/k8s/ns/NS/group~version~Kind`. */
const resourceNSAsHref = (item: NavResourceNSProperties): NavHrefProperties => ({
  ...item,
  // The console shows the model's plural label; the shell knows only the kind.
  name: item.name ?? `${item.model.kind}s`,
  href: referenceFor(item.model),
  namespaced: true,
});

/** Link target of a nav item: namespaced items follow the active project, as in the console. */
const hrefFor = (item: NavHrefProperties, namespace: string): string =>
  item.namespaced ? namespacedHref(item.href, namespace) : item.href;

const activePathsFor = (item: NavHrefProperties): string[] => {
  const tails = [item.href, ...(item.startsWith ?? [])].map((p) =>
    p.startsWith('/') ? p : `/${p}`,
  );
  return item.namespaced
    ? tails.flatMap((tail) => [`/k8s/all-namespaces${tail}`, `/k8s/ns/:ns${tail}`])
    : tails;
};

/**
 * The navigation the plugins contribute, for the admin perspective: sections with their links,
 * names translated by `translate` (which resolves `%ns~Text%`). Sections without links are left out.
 */
export const buildNavigation = (
  extensions: Extension[],
  namespace: string,
  translate: (text: string) => string,
): NavSection[] => {
  const inPerspective = (p: { perspective?: string }) =>
    !p.perspective || p.perspective === 'admin';
  const sections = orderByPlacement(
    extensions
      .filter(isSection)
      .map((e) => e.properties)
      .filter(inPerspective),
  );
  // Declaration order across both kinds of link, as the console keeps it.
  const hrefs = extensions
    .flatMap((e) =>
      isHref(e) ? [e.properties] : isResourceNS(e) ? [resourceNSAsHref(e.properties)] : [],
    )
    .filter(inPerspective);
  return sections
    .map((section) => ({
      id: section.id,
      name: translate(section.name ?? section.id),
      dataAttributes: dataAttributesOf(section),
      items: orderByPlacement(hrefs.filter((item) => item.section === section.id)).map((item) => ({
        id: item.id,
        name: translate(item.name),
        href: hrefFor(item, namespace),
        activePaths: activePathsFor(item),
        dataAttributes: dataAttributesOf(item),
      })),
    }))
    .filter((section) => section.items.length > 0);
};
