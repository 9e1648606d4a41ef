import type { KubeObject } from './types';

/** The name of a stored object: every stored object has one (admission guarantees it). */
export const nameOf = (object: KubeObject): string => {
  const { name } = object.metadata;
  if (!name) throw new Error(`${object.kind} without metadata.name`);
  return name;
};

/** A value the surrounding code has already made certain of; fails loudly if it is not. */
export const must = <T>(value: T | undefined | null, what: string): T => {
  if (value === undefined || value === null) throw new Error(`missing ${what}`);
  return value;
};

/** A controller's queue key for an object: `namespace/name` (`/name` when cluster-scoped). */
export const keyOf = (object: KubeObject): string =>
  `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;

/** The namespace and name of a {@link keyOf} key. */
export const splitKey = (key: string): { namespace: string; name: string } => {
  const at = key.indexOf('/');
  return { namespace: key.slice(0, at), name: key.slice(at + 1) };
};

/** A time as Kubernetes writes timestamps (RFC 3339, whole seconds, UTC). */
export const timestampOf = (date: Date): string => date.toISOString().replace(/\.\d+Z$/, 'Z');

/** Now, as a Kubernetes timestamp. */
export const now = (): string => timestampOf(new Date());
