// x-kubernetes-list-type checks (apiextensions' structurallisttype): `set` items and the
// keys of `map` items must be unique. Duplicates are reported at the later index, with the
// value (for maps: the key fields) rendered as Go does.
import type { JSONSchemaProps, StatusCause } from '../types';
import { duplicate, indexPath, invalid } from './fieldErrors';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkSet(items: unknown[], path: string): StatusCause[] {
  const seen = new Set<string>();
  const causes: StatusCause[] = [];
  items.forEach((item, i) => {
    const key = JSON.stringify(item) ?? 'null';
    if (seen.has(key)) causes.push(duplicate(indexPath(path, i), item));
    seen.add(key);
  });
  return causes;
}

function checkMap(items: unknown[], keys: string[], path: string): StatusCause[] {
  const notObject = items.findIndex((item) => item !== null && !isRecord(item));
  if (notObject >= 0) {
    const item = items[notObject];
    return [
      invalid(indexPath(path, notObject), item, 'must be an object for an array of list-type map'),
    ];
  }
  const seen = new Set<string>();
  const causes: StatusCause[] = [];
  items.forEach((item, i) => {
    const record = isRecord(item) ? item : {};
    const keyFields: Record<string, unknown> = {};
    for (const key of keys) if (record[key] !== undefined) keyFields[key] = record[key];
    const key = JSON.stringify(keys.map((k) => record[k] ?? null));
    if (seen.has(key)) causes.push(duplicate(indexPath(path, i), keyFields));
    seen.add(key);
  });
  return causes;
}

export function checkListType(
  items: unknown[],
  schema: JSONSchemaProps,
  path: string,
): StatusCause[] {
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'set') return checkSet(items, path);
  if (listType === 'map') return checkMap(items, schema['x-kubernetes-list-map-keys'] ?? [], path);
  return [];
}
