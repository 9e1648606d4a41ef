// Links to pages in the console's URL scheme, so the same hrefs work in the OpenShift console
// and in the standalone shell: `/k8s/ns/NS/kubevirt.io~v1~VirtualMachine/NAME/yaml`.
import {
  ALL_NAMESPACES_KEY,
  modelReference,
  VirtualMachineModel,
  type ResourceModel,
} from './models';

const isAllNamespaces = (namespace?: string) => !namespace || namespace === ALL_NAMESPACES_KEY;

/** The console names core kinds by plural in its URLs, every other kind by reference. */
const kindSegment = (model: ResourceModel) => (model.group ? modelReference(model) : model.plural);

const namespacePrefix = (model: ResourceModel, namespace?: string) =>
  !model.namespaced
    ? '/k8s/cluster'
    : isAllNamespaces(namespace)
      ? '/k8s/all-namespaces'
      : `/k8s/ns/${encodeURIComponent(namespace ?? '')}`;

/** A kind's list: in one project, or all (no namespace, or `#ALL_NS#`). */
export const resourceListPath = (model: ResourceModel, namespace?: string): string =>
  `${namespacePrefix(model, namespace)}/${kindSegment(model)}`;

/** An object's page (`tab` appended: `yaml`, `events`, …). */
export const resourcePath = (
  model: ResourceModel,
  namespace: string | undefined,
  name: string,
  tab?: string,
): string =>
  `${namespacePrefix(model, namespace)}/${kindSegment(model)}/${encodeURIComponent(name)}${
    tab ? `/${tab}` : ''
  }`;

/** The VirtualMachines list: `/k8s/ns/NS/kubevirt.io~v1~VirtualMachine` or all projects. */
export const vmListPath = (namespace?: string): string =>
  resourceListPath(VirtualMachineModel, namespace);

/** A VM's page, or one of its tabs: `/k8s/ns/NS/kubevirt.io~v1~VirtualMachine/NAME/yaml`. */
export const vmDetailsPath = (namespace: string, name: string, tab?: string): string =>
  resourcePath(VirtualMachineModel, namespace, name, tab);
