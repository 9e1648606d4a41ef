import { vmDetailsPath } from '../../../api/links';

export { vmListPath } from '../../../api/links';

/** The details tabs, in the order shown; each is a path segment under the VM's details URL. */
export const VM_TABS = [
  'overview',
  'configuration',
  'yaml',
  'events',
  'console',
  'snapshots',
  'metrics',
  'diagnostics',
] as const;
export type VmTabId = (typeof VM_TABS)[number];

const isTab = (segment: string): segment is VmTabId =>
  (VM_TABS as readonly string[]).includes(segment);

/** A tab's URL: `/k8s/ns/NS/kubevirt.io~v1~VirtualMachine/NAME[/tab]`; Overview is the bare path. */
export const vmTabPath = (namespace: string, name: string, tab?: VmTabId): string =>
  vmDetailsPath(namespace, name, tab === 'overview' ? undefined : tab);

/**
 * The tab and what follows it (Configuration's sub-tabs) in a details URL. The page reads the
 * location itself rather than relying on how the host nests its routes.
 */
export const tabFromPath = (
  pathname: string,
  namespace: string,
  name: string,
): { tab: VmTabId; rest: string[] } => {
  const base = vmTabPath(namespace, name);
  const decoded = safeDecode(pathname);
  const tail = decoded.startsWith(`${safeDecode(base)}/`)
    ? decoded.slice(safeDecode(base).length + 1)
    : '';
  const [first = '', ...rest] = tail.split('/').filter(Boolean);
  return isTab(first) ? { tab: first, rest } : { tab: 'overview', rest: [] };
};

/**
 * The VM a details URL names, for when the page is mounted as a plain route (no props):
 * `/k8s/ns/NS/kubevirt.io~v1~VirtualMachine/NAME/…`.
 */
export const vmRefFromPath = (
  pathname: string,
): { namespace: string; name: string } | undefined => {
  const match = /\/k8s\/ns\/([^/]+)\/kubevirt\.io~v1~VirtualMachine\/([^/]+)/.exec(
    safeDecode(pathname),
  );
  return match?.[1] && match[2] ? { namespace: match[1], name: match[2] } : undefined;
};

const safeDecode = (path: string) => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};
