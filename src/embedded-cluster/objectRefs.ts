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
