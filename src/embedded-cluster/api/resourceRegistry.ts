import type { ResourceType } from '../types';

export const groupVersion = (rt: Pick<ResourceType, 'group' | 'version'>) =>
  rt.group ? `${rt.group}/${rt.version}` : rt.version;

/** `group/plural`, version-independent: how the store files objects of a kind. */
export const storageResource = (rt: Pick<ResourceType, 'group' | 'plural'>) =>
  `${rt.group || 'core'}/${rt.plural}`;

/**
 * The kinds the API server serves right now: the built-in ones plus those added by
 * CustomResourceDefinitions while it runs. Lookups are by group, version and plural.
 */
export class ResourceRegistry {
  private readonly types = new Map<string, ResourceType>();
  private version = 0;

  constructor(initial: ResourceType[]) {
    for (const rt of initial) this.add(rt);
  }

  private static key(group: string, version: string, plural: string) {
    return `${group}/${version}/${plural}`;
  }

  /** Bumped on every change, so discovery and OpenAPI caches know when to rebuild. */
  get generation(): number {
    return this.version;
  }

  add(rt: ResourceType) {
    this.types.set(ResourceRegistry.key(rt.group, rt.version, rt.plural), rt);
    this.version++;
  }

  remove(group: string, version: string, plural: string) {
    if (this.types.delete(ResourceRegistry.key(group, version, plural))) this.version++;
  }

  find(group: string, version: string, plural: string): ResourceType | undefined {
    return this.types.get(ResourceRegistry.key(group, version, plural));
  }

  /** A built-in kind the caller relies on; its absence is a bug, not a user error. */
  require(group: string, version: string, plural: string): ResourceType {
    const rt = this.find(group, version, plural);
    if (!rt) throw new Error(`registry: no ${group}/${version}/${plural}`);
    return rt;
  }

  /** The type of an object by its apiVersion and kind (for owner references, admission). */
  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.all().find((rt) => groupVersion(rt) === apiVersion && rt.kind === kind);
  }

  all(): ResourceType[] {
    return [...this.types.values()];
  }

  /** Group → versions served, core group first. */
  groups(): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const rt of this.types.values()) {
      const versions = groups.get(rt.group) ?? [];
      if (!versions.includes(rt.version)) versions.push(rt.version);
      groups.set(rt.group, versions);
    }
    return groups;
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.all().filter((rt) => rt.group === group && rt.version === version);
  }
}
