import { describe, expect, it } from 'vitest';
import {
  ALL_NAMESPACES_KEY,
  namespacedHref,
  namespaceFromPath,
  pathWithNamespace,
} from './namespacePath';

describe('namespace paths', () => {
  it('reads the project from console URLs', () => {
    expect(namespaceFromPath('/k8s/ns/team-a/virtualization-overview')).toBe('team-a');
    expect(namespaceFromPath('/k8s/ns/team-a')).toBe('team-a');
    expect(namespaceFromPath('/k8s/all-namespaces/virtualization-overview')).toBe(
      ALL_NAMESPACES_KEY,
    );
    expect(namespaceFromPath('/settings')).toBeUndefined();
  });

  it('builds namespaced links', () => {
    expect(namespacedHref('virtualization-overview', 'b')).toBe(
      '/k8s/ns/b/virtualization-overview',
    );
    expect(namespacedHref('/x', ALL_NAMESPACES_KEY)).toBe('/k8s/all-namespaces/x');
  });

  it('moves the current page to another project and leaves other pages alone', () => {
    expect(pathWithNamespace('/k8s/ns/a/virtualization-overview', 'b')).toBe(
      '/k8s/ns/b/virtualization-overview',
    );
    expect(pathWithNamespace('/k8s/ns/a/virtualization-overview', ALL_NAMESPACES_KEY)).toBe(
      '/k8s/all-namespaces/virtualization-overview',
    );
    expect(pathWithNamespace('/k8s/all-namespaces/vms/x', 'c')).toBe('/k8s/ns/c/vms/x');
    expect(pathWithNamespace('/settings', 'c')).toBeUndefined();
  });
});
