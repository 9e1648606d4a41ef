import type { ObjectStore } from './objectStore';

/**
 * Resolves with the first value `probe` returns (checked now and after every change in the
 * store); rejects after `limitMs` naming `what`, so a controller that never gets there fails a
 * test instead of hanging it. Tests wait on this, not on sleeps.
 */
export const waitForStore = <T>(
  store: ObjectStore,
  probe: () => T | undefined,
  what: string | (() => string),
  limitMs = 30_000,
): Promise<T> =>
  new Promise((resolve, reject) => {
    const check = () => {
      const value = probe();
      if (value === undefined) return;
      off();
      clearTimeout(timer);
      resolve(value);
    };
    const off = store.subscribe('*', check);
    const timer = setTimeout(() => {
      off();
      reject(
        new Error(
          `timed out after ${limitMs} ms waiting for ${typeof what === 'string' ? what : what()}`,
        ),
      );
    }, limitMs);
    check();
  });
