// @vitest-environment jsdom
import { act, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_NAMESPACES_KEY } from './namespacePath';
import { lastNamespace, useActiveNamespace } from './useActiveNamespace';

const LAST_NAMESPACE_KEY = 'virtualization-shell.last-namespace';

/** Shows where the router is, so a test can see where the setter navigated. */
const CurrentLocation = () => {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
};

const renderAt = (entry: string) =>
  renderHook(() => useActiveNamespace(), {
    wrapper: ({ children }: { children: ReactNode }) => (
      <MemoryRouter initialEntries={[entry]}>
        {children}
        <CurrentLocation />
      </MemoryRouter>
    ),
  });

const currentLocation = () => screen.getByTestId('location').textContent;

beforeEach(() => {
  window.localStorage.clear();
});

afterEach(() => {
  window.localStorage.clear();
});

describe('lastNamespace', () => {
  it('is all namespaces when nothing was stored', () => {
    expect(lastNamespace()).toBe(ALL_NAMESPACES_KEY);
  });

  it('is the stored namespace', () => {
    window.localStorage.setItem(LAST_NAMESPACE_KEY, 'team-a');
    expect(lastNamespace()).toBe('team-a');
  });
});

describe('useActiveNamespace', () => {
  it('reads the namespace from a namespaced URL', () => {
    const { result } = renderAt('/k8s/ns/team-a/virtualization-overview');
    expect(result.current[0]).toBe('team-a');
  });

  it('prefers the URL namespace over the stored one', () => {
    window.localStorage.setItem(LAST_NAMESPACE_KEY, 'team-b');
    const { result } = renderAt('/k8s/ns/team-a/virtualization-overview');
    expect(result.current[0]).toBe('team-a');
  });

  it('decodes an encoded namespace in the URL', () => {
    const { result } = renderAt('/k8s/ns/team%20a/virtualization-overview');
    expect(result.current[0]).toBe('team a');
  });

  it('reads all namespaces from an all-namespaces URL, even with a stored namespace', () => {
    window.localStorage.setItem(LAST_NAMESPACE_KEY, 'team-b');
    const { result } = renderAt('/k8s/all-namespaces/virtualization-overview');
    expect(result.current[0]).toBe(ALL_NAMESPACES_KEY);
  });

  it('falls back to the stored namespace on a page outside any namespace', () => {
    window.localStorage.setItem(LAST_NAMESPACE_KEY, 'team-b');
    const { result } = renderAt('/settings');
    expect(result.current[0]).toBe('team-b');
  });

  it('falls back to all namespaces when nothing is stored and the URL has none', () => {
    const { result } = renderAt('/settings');
    expect(result.current[0]).toBe(ALL_NAMESPACES_KEY);
  });

  it('stores the chosen namespace and moves the current page to it', () => {
    const { result } = renderAt('/k8s/ns/team-a/virtualization-overview');
    act(() => result.current[1]('team-b'));
    expect(window.localStorage.getItem(LAST_NAMESPACE_KEY)).toBe('team-b');
    expect(currentLocation()).toBe('/k8s/ns/team-b/virtualization-overview');
    expect(result.current[0]).toBe('team-b');
  });

  it('keeps the query string when moving to another namespace', () => {
    const { result } = renderAt('/k8s/ns/team-a/virtualization-overview?tab=vms&sort=name');
    act(() => result.current[1]('team-b'));
    expect(currentLocation()).toBe('/k8s/ns/team-b/virtualization-overview?tab=vms&sort=name');
  });

  it('moves the current page to all namespaces', () => {
    const { result } = renderAt('/k8s/ns/team-a/virtualization-overview');
    act(() => result.current[1](ALL_NAMESPACES_KEY));
    expect(window.localStorage.getItem(LAST_NAMESPACE_KEY)).toBe(ALL_NAMESPACES_KEY);
    expect(currentLocation()).toBe('/k8s/all-namespaces/virtualization-overview');
    expect(result.current[0]).toBe(ALL_NAMESPACES_KEY);
  });

  it('moves an all-namespaces page into a namespace', () => {
    const { result } = renderAt('/k8s/all-namespaces/virtualization-overview');
    act(() => result.current[1]('team-c'));
    expect(currentLocation()).toBe('/k8s/ns/team-c/virtualization-overview');
    expect(result.current[0]).toBe('team-c');
  });

  it('encodes the namespace in the URL it navigates to', () => {
    const { result } = renderAt('/k8s/ns/team-a/virtualization-overview');
    act(() => result.current[1]('team c'));
    expect(currentLocation()).toBe('/k8s/ns/team%20c/virtualization-overview');
    expect(result.current[0]).toBe('team c');
  });

  it('stores the namespace but stays put on a page outside any namespace', () => {
    const { result } = renderAt('/settings?x=1');
    act(() => result.current[1]('team-b'));
    expect(window.localStorage.getItem(LAST_NAMESPACE_KEY)).toBe('team-b');
    expect(currentLocation()).toBe('/settings?x=1');
    // The stored namespace is read on the next render.
    const again = renderAt('/settings');
    expect(again.result.current[0]).toBe('team-b');
  });
});
