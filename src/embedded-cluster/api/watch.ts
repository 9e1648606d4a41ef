import type { ObjectStore, StoreEvent } from '../store/objectStore';
import type { KubeObject } from '../types';
import { gone } from './errors';

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: unknown;
}

export interface WatchOptions {
  resource: string;
  namespace?: string;
  name?: string;
  /** Selector match for objects (labels, fields). */
  matches: (object: KubeObject) => boolean;
  /** undefined or "0": start with the current objects as ADDED; else resume after this version. */
  resourceVersion?: string;
  sendInitialEvents?: boolean;
  allowBookmarks: boolean;
  bookmarkMs?: number;
  /** Adds apiVersion/kind (and Table conversion) to what is sent. */
  present: (object: KubeObject) => unknown;
  bookmarkObject: (rv: number, initialEventsEnd?: boolean) => unknown;
  send: (event: WatchEvent) => void;
}

const inScope = (options: WatchOptions, object: KubeObject) =>
  (options.namespace === undefined || object.metadata.namespace === options.namespace) &&
  (options.name === undefined || object.metadata.name === options.name);

/**
 * A watch over the store: replays what the client missed (or the current state), then streams
 * the changes that match. Throws 410 Gone when `resourceVersion` is older than the history kept.
 */
export const startWatch = (store: ObjectStore, options: WatchOptions): (() => void) => {
  const fromRV =
    options.resourceVersion && options.resourceVersion !== '0'
      ? Number(options.resourceVersion)
      : undefined;
  if (fromRV !== undefined && !Number.isInteger(fromRV)) {
    throw gone(`Timeout: Too large resource version: ${options.resourceVersion}`);
  }
  const replay = fromRV === undefined ? undefined : store.eventsSince(options.resource, fromRV);
  if (replay === 'expired')
    throw gone(`too old resource version: ${fromRV} (${store.oldestResumableRV})`);

  let lastSent = fromRV ?? store.lastRV;
  const deliver = (event: StoreEvent) => {
    if (event.rv <= lastSent || !inScope(options, event.object)) return;
    lastSent = event.rv;
    if (options.matches(event.object))
      options.send({ type: event.type, object: options.present(event.object) });
  };

  const unsubscribe = store.subscribe(options.resource, deliver);
  if (replay) {
    for (const event of replay) deliver(event);
  } else if (fromRV === undefined || options.sendInitialEvents) {
    for (const object of store.list(options.resource, options.namespace)) {
      if (inScope(options, object) && options.matches(object)) {
        options.send({ type: 'ADDED', object: options.present(object) });
      }
    }
    if (options.sendInitialEvents && options.allowBookmarks) {
      options.send({ type: 'BOOKMARK', object: options.bookmarkObject(lastSent, true) });
    }
  }
  const timer = options.allowBookmarks
    ? // A bookmark never claims more than was sent: resuming from it must miss nothing.
      setInterval(
        () => options.send({ type: 'BOOKMARK', object: options.bookmarkObject(lastSent) }),
        options.bookmarkMs ?? 30_000,
      )
    : undefined;
  return () => {
    unsubscribe();
    if (timer) clearInterval(timer);
  };
};
