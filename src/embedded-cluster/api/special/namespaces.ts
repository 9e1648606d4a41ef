import type { KubeObject } from '../../types';
import type { HandlerResult, RequestContext, SpecialResource } from '../apiServer';
import type { ResourceRegistry } from '../resourceRegistry';
import { storageResource } from '../resourceRegistry';
import type { ResourceService } from '../resources';
import type { ObjectStore } from '../../store/objectStore';
import { nameOf, now } from '../../objectRefs';

/**
 * Namespaces are born Active and die in two steps, as the namespace controller does it: the
 * namespace turns Terminating, everything in it is deleted, then the namespace goes.
 */
export class NamespaceHandler implements SpecialResource {
  constructor(
    private readonly store: ObjectStore,
    private readonly registry: ResourceRegistry,
    private readonly resources: ResourceService,
    private readonly rest: (context: RequestContext) => Promise<HandlerResult>,
  ) {}

  async handle(context: RequestContext): Promise<HandlerResult | undefined> {
    const { info } = context;
    if (info.verb === 'create' && !info.name) {
      const body = ((await context.body()) ?? {}) as KubeObject;
      const withStatus = {
        ...body,
        spec: { finalizers: ['kubernetes'], ...(body.spec as object) },
        status: { phase: 'Active' },
      };
      return this.rest({ ...context, body: async () => withStatus });
    }
    if (info.verb === 'delete' && info.name && !info.subresource) {
      const namespace = this.store.get('core/namespaces', undefined, info.name);
      if (!namespace) return undefined;
      const terminating = await this.store.put('core/namespaces', {
        ...namespace,
        metadata: {
          ...namespace.metadata,
          deletionTimestamp: namespace.metadata.deletionTimestamp ?? now(),
        },
        status: { phase: 'Terminating' },
      });
      const name = info.name;
      void this.empty(name).then(() => this.finish(name));
      return { status: 200, body: { ...terminating, apiVersion: 'v1', kind: 'Namespace' } };
    }
    return undefined;
  }

  private async empty(namespace: string) {
    for (const rt of this.registry.all().filter((t) => t.namespaced)) {
      for (const object of this.store.list(storageResource(rt), namespace)) {
        await this.resources
          .delete(rt, namespace, nameOf(object), { dryRun: false, fieldValidation: 'Ignore' })
          .catch(() => undefined);
      }
    }
  }

  private async finish(name: string) {
    const namespace = this.store.get('core/namespaces', undefined, name);
    if (namespace) await this.store.remove('core/namespaces', namespace);
  }
}
