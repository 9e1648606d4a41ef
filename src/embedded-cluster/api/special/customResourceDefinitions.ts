import { resourceTypeFromCRD } from '../../registry/crd';
import type { ObjectStore } from '../../store/objectStore';
import type { ResourceRegistry } from '../resourceRegistry';
import { nameOf } from '../../objectRefs';

const CRDS = 'apiextensions.k8s.io/customresourcedefinitions';

/**
 * New kinds are data: a CustomResourceDefinition stored in the cluster is served at once, and
 * deleting it removes the kind and its objects. Built-in kinds are not replaced by a CRD.
 */
export const watchCustomResourceDefinitions = (store: ObjectStore, registry: ResourceRegistry) => {
  const builtIn = new Set(registry.all().map((rt) => `${rt.group}/${rt.version}/${rt.plural}`));
  const served = new Map<string, { group: string; version: string; plural: string }>();
  const apply = (crd: Parameters<typeof resourceTypeFromCRD>[0], deleted: boolean) => {
    const name = nameOf(crd);
    const previous = served.get(name);
    if (previous && !builtIn.has(`${previous.group}/${previous.version}/${previous.plural}`)) {
      registry.remove(previous.group, previous.version, previous.plural);
      served.delete(name);
    }
    if (deleted) {
      if (previous) {
        for (const object of store.list(`${previous.group}/${previous.plural}`)) {
          void store.remove(`${previous.group}/${previous.plural}`, object);
        }
      }
      return;
    }
    const rt = resourceTypeFromCRD(crd);
    if (builtIn.has(`${rt.group}/${rt.version}/${rt.plural}`)) return;
    registry.add(rt);
    served.set(name, { group: rt.group, version: rt.version, plural: rt.plural });
  };
  for (const crd of store.list(CRDS)) apply(crd, false);
  return store.subscribe(CRDS, (event) => apply(event.object, event.type === 'DELETED'));
};
