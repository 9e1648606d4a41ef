import type { ResourceType } from '../types';
import type { ResourceRegistry } from './resourceRegistry';

/** Extra group versions served by routes rather than stored kinds (e.g. subresources.kubevirt.io). */
export interface VirtualGroupVersion {
  group: string;
  version: string;
  resources: { name: string; kind: string; namespaced: boolean; verbs: string[] }[];
}

const resourceEntries = (rt: ResourceType) => {
  const base = {
    name: rt.plural,
    singularName: rt.singular,
    namespaced: rt.namespaced,
    kind: rt.kind,
    verbs: rt.verbs,
    ...(rt.shortNames?.length ? { shortNames: rt.shortNames } : {}),
    ...(rt.categories?.length ? { categories: rt.categories } : {}),
  };
  const entries: object[] = [base];
  if (rt.subresources?.status) {
    entries.push({
      name: `${rt.plural}/status`,
      singularName: '',
      namespaced: rt.namespaced,
      kind: rt.kind,
      verbs: ['get', 'patch', 'update'],
    });
  }
  if (rt.subresources?.scale) {
    entries.push({
      name: `${rt.plural}/scale`,
      singularName: '',
      namespaced: rt.namespaced,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    });
  }
  return entries;
};

/** Discovery documents, built from what the registry serves now (and the virtual groups). */
export class Discovery {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly virtual: VirtualGroupVersion[],
  ) {}

  coreVersions() {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '' }],
    };
  }

  private groupEntry(group: string, versions: string[]) {
    const list = versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
    return { name: group, versions: list, preferredVersion: list[0] };
  }

  groupList() {
    const groups = this.registry.groups();
    for (const v of this.virtual)
      groups.set(v.group, [...new Set([...(groups.get(v.group) ?? []), v.version])]);
    groups.delete('');
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([group, versions]) => this.groupEntry(group, versions)),
    };
  }

  group(name: string) {
    const list = this.groupList().groups.find((g) => g.name === name);
    return list ? { kind: 'APIGroup', apiVersion: 'v1', ...list } : undefined;
  }

  resourceList(group: string, version: string) {
    const types = this.registry.inGroupVersion(group, version);
    const virtual = this.virtual.filter((v) => v.group === group && v.version === version);
    if (!types.length && !virtual.length) return undefined;
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: group ? `${group}/${version}` : version,
      resources: [
        ...types.sort((a, b) => a.plural.localeCompare(b.plural)).flatMap(resourceEntries),
        ...virtual.flatMap((v) => v.resources.map((r) => ({ singularName: '', ...r }))),
      ],
    };
  }
}
