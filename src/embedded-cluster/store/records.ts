import type { KubeObject } from '../types';

/** One change to the store: `put` replaces the object at `key`, `delete` removes it. */
export interface JournalRecord {
  rv: number;
  op: 'put' | 'delete';
  key: string;
  object?: KubeObject;
}

/** Every object by key, as of resourceVersion `lastRV`. */
export interface JournalState {
  objects: Map<string, KubeObject>;
  lastRV: number;
}

const isPlainObject = (value: unknown): value is KubeObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why `value` is not a storable record, or undefined when it is. */
export const recordProblem = (value: unknown): string | undefined => {
  if (!isPlainObject(value)) return 'not an object';
  const { rv, op, key, object } = value as Record<string, unknown>;
  if (typeof rv !== 'number' || !Number.isSafeInteger(rv) || rv < 1) {
    return `rv ${String(rv)} is not a positive integer`;
  }
  if (op !== 'put' && op !== 'delete') return `op ${String(op)} is neither put nor delete`;
  if (typeof key !== 'string') return 'key is not a string';
  if (op === 'put' && !isPlainObject(object)) return `put of ${key} without an object`;
  return undefined;
};

/** The record as stored: a delete carries no object, whatever the caller attached. */
export const recordJSON = (record: JournalRecord): string =>
  JSON.stringify(
    record.op === 'put'
      ? { rv: record.rv, op: 'put', key: record.key, object: record.object }
      : { rv: record.rv, op: 'delete', key: record.key },
  );

export const applyRecord = (objects: Map<string, KubeObject>, record: JournalRecord): void => {
  if (record.op === 'put' && record.object) objects.set(record.key, record.object);
  else objects.delete(record.key);
};
