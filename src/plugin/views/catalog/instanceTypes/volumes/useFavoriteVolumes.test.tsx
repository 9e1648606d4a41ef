// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { BootableVolume } from '../flow';
import { FAVORITE_VOLUMES_KEY, useFavoriteVolumes } from './useFavoriteVolumes';

const asked: unknown[][] = [];
vi.mock('@openshift-console/dynamic-plugin-sdk', async (importOriginal) => {
  const { useState } = await import('react');
  return {
    ...(await importOriginal<object>()),
    useUserPreference: <T,>(...args: [string, T, boolean]) => {
      asked.push(args);
      const [value, setValue] = useState(args[1]);
      return [value, setValue, true];
    },
  };
});

const volume = (name: string): BootableVolume => ({
  source: { kind: 'DataSource', namespace: 'openshift-virtualization-os-images', name },
  displayName: name,
  ready: true,
});

describe('useFavoriteVolumes', () => {
  it('keeps kind/namespace/name under its user preference, synced across tabs, and toggles', () => {
    const { result } = renderHook(() => useFavoriteVolumes());
    expect(asked[0]).toEqual([FAVORITE_VOLUMES_KEY, [], true]);
    expect(result.current.isFavorite(volume('rhel9'))).toBe(false);

    act(() => result.current.toggleFavorite(volume('rhel9')));
    act(() => result.current.toggleFavorite(volume('fedora')));
    expect(result.current.favorites).toEqual([
      'DataSource/openshift-virtualization-os-images/rhel9',
      'DataSource/openshift-virtualization-os-images/fedora',
    ]);
    expect(result.current.isFavorite(volume('rhel9'))).toBe(true);

    act(() => result.current.toggleFavorite(volume('rhel9')));
    expect(result.current.favorites).toEqual([
      'DataSource/openshift-virtualization-os-images/fedora',
    ]);
  });
});
