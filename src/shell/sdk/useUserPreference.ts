import {
  useCallback,
  useMemo,
  useSyncExternalStore,
  type Dispatch,
  type SetStateAction,
} from 'react';

// The console keeps each user's preferences in a ConfigMap of its own; the standalone shell keeps
// them in this browser's storage, one entry per signed-in user, so two users of one browser do
// not share favourites.

const STORAGE_PREFIX = 'virtualization-shell.user-preferences/';
let currentUser = '';
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

/**
 * Whose preferences the hooks read and write: set by the shell as a session starts (also while
 * rendering, so the pages' first render reads the right user; hooks already mounted hear of it
 * after the render).
 */
export const setPreferenceUser = (username: string) => {
  if (username === currentUser) return;
  currentUser = username;
  queueMicrotask(notify);
};

const storageKey = () => `${STORAGE_PREFIX}${currentUser}`;

const readAll = (text: string | null): Record<string, unknown> => {
  try {
    const parsed: unknown = JSON.parse(text ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
};

const snapshot = () => window.localStorage.getItem(storageKey()) ?? '{}';

const subscribe = (sync: boolean) => (listener: () => void) => {
  listeners.add(listener);
  // `sync`: follow changes made in the user's other tabs too.
  const onStorage = (event: StorageEvent) => {
    if (event.key === storageKey()) listener();
  };
  if (sync) window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
};

/**
 * The SDK's `useUserPreference`: `[value, setValue, loaded]` of one of the signed-in user's
 * preferences, `defaultValue` until it is first set. Values must be JSON.
 */
export const useUserPreference = <T>(
  key: string,
  defaultValue?: T,
  sync = false,
): [T, Dispatch<SetStateAction<T>>, boolean] => {
  const subscribeFor = useMemo(() => subscribe(sync), [sync]);
  const text = useSyncExternalStore(subscribeFor, snapshot);
  const all = readAll(text);
  const value = (key in all ? all[key] : defaultValue) as T;
  const setValue = useCallback<Dispatch<SetStateAction<T>>>(
    (next) => {
      const current = readAll(snapshot());
      const previous = (key in current ? current[key] : defaultValue) as T;
      current[key] = typeof next === 'function' ? (next as (value: T) => T)(previous) : (next as T);
      window.localStorage.setItem(storageKey(), JSON.stringify(current));
      notify();
    },
    [key, defaultValue],
  );
  return [value, setValue, true];
};

/** The deprecated name the SDK keeps for it. */
export const useUserSettings = useUserPreference;
