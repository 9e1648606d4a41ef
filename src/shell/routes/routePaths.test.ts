import { describe, expect, it } from 'vitest';
import { routePatterns } from './routePaths';

describe('routePatterns', () => {
  it('turns console prefix routes into react-router splats', () => {
    expect(
      routePatterns([
        '/k8s/ns/:ns/virtualization-overview',
        '/k8s/all-namespaces/virtualization-overview/',
      ]),
    ).toEqual([
      '/k8s/ns/:ns/virtualization-overview/*',
      '/k8s/all-namespaces/virtualization-overview/*',
    ]);
  });

  it('keeps exact routes exact', () => {
    expect(routePatterns('/settings', true)).toEqual(['/settings']);
  });
});
