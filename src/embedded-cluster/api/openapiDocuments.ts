import {
  buildOpenAPIV2,
  buildOpenAPIV3GroupVersion,
  buildOpenAPIV3Index,
} from '../registry/openapi';
import type { ResourceRegistry } from './resourceRegistry';

/**
 * `/openapi/v2` and `/openapi/v3[/…]`, rebuilt only when the registry changes (a CRD came or
 * went): building them walks every schema.
 */
export class OpenAPIDocuments {
  private cache = new Map<string, unknown>();
  private generation = -1;

  constructor(private readonly registry: ResourceRegistry) {}

  document(path: string, _query: URLSearchParams): unknown {
    if (this.generation !== this.registry.generation) {
      this.cache.clear();
      this.generation = this.registry.generation;
    }
    if (!this.cache.has(path)) {
      const types = this.registry.all();
      let document: unknown;
      if (path === '/openapi/v2') document = buildOpenAPIV2(types);
      else if (path === '/openapi/v3') document = buildOpenAPIV3Index(types);
      else if (path.startsWith('/openapi/v3/'))
        document = buildOpenAPIV3GroupVersion(types, path.slice('/openapi/v3/'.length));
      this.cache.set(path, document);
    }
    return this.cache.get(path);
  }
}
