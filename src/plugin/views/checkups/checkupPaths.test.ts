import { describe, expect, it } from 'vitest';
import { checkupDetailsPath, checkupsPath, checkupsRouteFromPath } from './checkupPaths';

describe('checkup paths', () => {
  it('puts the tab and the checkup in the path, in a project or all projects', () => {
    expect(checkupsPath('dev')).toBe('/k8s/ns/dev/checkups/network');
    expect(checkupsPath('dev', 'storage')).toBe('/k8s/ns/dev/checkups/storage');
    expect(checkupsPath(undefined, 'storage')).toBe('/k8s/all-namespaces/checkups/storage');
    expect(checkupsPath('#ALL_NS#')).toBe('/k8s/all-namespaces/checkups/network');
    expect(checkupDetailsPath('dev', 'network', 'lat-1')).toBe(
      '/k8s/ns/dev/checkups/network/lat-1',
    );
  });

  it('reads the project, the tab (network by default) and the name back', () => {
    expect(checkupsRouteFromPath('/k8s/ns/dev/checkups')).toEqual({
      namespace: 'dev',
      kind: 'network',
    });
    expect(checkupsRouteFromPath('/k8s/all-namespaces/checkups/storage/')).toEqual({
      namespace: undefined,
      kind: 'storage',
    });
    expect(checkupsRouteFromPath('/k8s/ns/dev/checkups/storage/st-1')).toEqual({
      namespace: 'dev',
      kind: 'storage',
      name: 'st-1',
    });
  });

  it('refuses paths that are not the Checkups page', () => {
    expect(checkupsRouteFromPath('/k8s/ns/dev/checkups/dpdk')).toBeUndefined();
    expect(checkupsRouteFromPath('/k8s/ns/dev/catalog')).toBeUndefined();
    expect(checkupsRouteFromPath('/k8s/ns/dev/checkups/network/a/b')).toBeUndefined();
  });
});
