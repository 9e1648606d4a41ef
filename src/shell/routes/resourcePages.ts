import type { CodeRef, Extension } from '@openshift/dynamic-plugin-sdk';
import type { ComponentType } from 'react';

/** A kind as extensions name it; `version` may be left out (any version). */
export interface ExtensionModel {
  group: string;
  version?: string;
  kind: string;
}

/** What the console hands a resource list or details page. */
export interface ResourcePageProps {
  /** The project in the URL; undefined for all projects and cluster-scoped kinds. */
  namespace?: string;
  /** The object's name (details pages). */
  name?: string;
  /** The kind's reference, as in the URL: `kubevirt.io~v1~VirtualMachine`. */
  kind: string;
  model: { group: string; version: string; kind: string };
}

export type ResourcePageExtension = Extension<
  'console.page/resource/list' | 'console.page/resource/details',
  { model: ExtensionModel; component: CodeRef<ComponentType<ResourcePageProps>> }
>;

export const isResourceListPage = (e: Extension): e is ResourcePageExtension =>
  e.type === 'console.page/resource/list';
export const isResourceDetailsPage = (e: Extension): e is ResourcePageExtension =>
  e.type === 'console.page/resource/details';

/**
 * The console's routes of resource pages. Routes of `console.page/route` with a fixed segment
 * (`/k8s/ns/:ns/virtualization-overview`) rank above these.
 */
export const RESOURCE_LIST_PATHS = [
  '/k8s/ns/:ns/:ref',
  '/k8s/all-namespaces/:ref',
  '/k8s/cluster/:ref',
] as const;
export const RESOURCE_DETAILS_PATHS = [
  '/k8s/ns/:ns/:ref/:name/*',
  '/k8s/cluster/:ref/:name/*',
] as const;

/** `kubevirt.io~v1~VirtualMachine`; the core group is `core`. */
export const referenceFor = (model: { group: string; version: string; kind: string }): string =>
  `${model.group || 'core'}~${model.version}~${model.kind}`;

/** The kind a URL reference names, or undefined when it is not `group~version~Kind`. */
export const parseReference = (
  ref: string,
): { group: string; version: string; kind: string } | undefined => {
  const parts = ref.split('~');
  if (parts.length !== 3 || parts.some((part) => part === '')) return undefined;
  const [group = '', version = '', kind = ''] = parts;
  return { group: group === 'core' ? '' : group, version, kind };
};

/** The page for a URL reference: one for that exact version, else one for any version. */
export const findResourcePage = <E extends { properties: { model: ExtensionModel } }>(
  pages: E[],
  ref: string,
): E | undefined => {
  const wanted = parseReference(ref);
  if (!wanted) return undefined;
  const sameKind = pages.filter(
    ({ properties: { model } }) =>
      (model.group || '') === wanted.group && model.kind === wanted.kind,
  );
  return (
    sameKind.find((page) => page.properties.model.version === wanted.version) ??
    sameKind.find((page) => !page.properties.model.version)
  );
};

/** The props for the page at these route params (`ns`, `ref`, `name`). */
export const resourcePageProps = (params: {
  ns?: string;
  ref?: string;
  name?: string;
}): ResourcePageProps | undefined => {
  const model = params.ref ? parseReference(params.ref) : undefined;
  if (!model || !params.ref) return undefined;
  return {
    namespace: params.ns,
    ...(params.name === undefined ? {} : { name: params.name }),
    kind: params.ref,
    model,
  };
};
