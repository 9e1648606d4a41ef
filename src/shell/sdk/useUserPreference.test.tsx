// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setPreferenceUser, useUserPreference } from './useUserPreference';

beforeEach(() => {
  window.localStorage.clear();
  setPreferenceUser('alice');
});

describe('useUserPreference', () => {
  it('gives the default until set, then the value, kept across mounts', () => {
    const first = renderHook(() => useUserPreference<string[]>('favourites', []));
    expect(first.result.current[0]).toEqual([]);
    expect(first.result.current[2]).toBe(true);
    act(() => first.result.current[1]((list) => [...list, 'a']));
    expect(first.result.current[0]).toEqual(['a']);
    first.unmount();
    const again = renderHook(() => useUserPreference<string[]>('favourites', []));
    expect(again.result.current[0]).toEqual(['a']);
  });

  it('keeps each user’s preferences apart', async () => {
    const hook = renderHook(() => useUserPreference('theme', 'light'));
    act(() => hook.result.current[1]('dark'));
    await act(async () => setPreferenceUser('bob'));
    expect(hook.result.current[0]).toBe('light');
    await act(async () => setPreferenceUser('alice'));
    expect(hook.result.current[0]).toBe('dark');
  });

  it('updates every user of the key, and other tabs’ changes with sync', () => {
    const one = renderHook(() => useUserPreference('n', 0, true));
    const two = renderHook(() => useUserPreference('n', 0, true));
    act(() => one.result.current[1](5));
    expect(two.result.current[0]).toBe(5);
    const key = 'virtualization-shell.user-preferences/alice';
    act(() => {
      window.localStorage.setItem(key, JSON.stringify({ n: 9 }));
      window.dispatchEvent(new StorageEvent('storage', { key }));
    });
    expect(one.result.current[0]).toBe(9);
  });

  it('ignores damaged storage', () => {
    window.localStorage.setItem('virtualization-shell.user-preferences/alice', '{not json');
    const hook = renderHook(() => useUserPreference('x', 'fallback'));
    expect(hook.result.current[0]).toBe('fallback');
  });
});
