import { describe, expect, it } from 'vitest';
import { catalogPath, catalogRefFromPath } from './catalogPaths';

describe('catalogPath', () => {
  it('builds the URL of each tab, in a project or in all projects', () => {
    expect(catalogPath('dev vms')).toBe('/k8s/ns/dev%20vms/catalog');
    expect(catalogPath('dev', 'templates')).toBe('/k8s/ns/dev/catalog/template');
    expect(catalogPath(undefined)).toBe('/k8s/all-namespaces/catalog');
  });

  it('reads the project and tab back, and nothing from other pages', () => {
    expect(catalogRefFromPath('/k8s/ns/dev%20vms/catalog')).toEqual({
      namespace: 'dev vms',
      tab: 'instancetypes',
    });
    expect(catalogRefFromPath('/k8s/all-namespaces/catalog/template/')).toEqual({
      namespace: undefined,
      tab: 'templates',
    });
    expect(catalogRefFromPath('/k8s/ns/dev/catalogue')).toBeUndefined();
  });
});
