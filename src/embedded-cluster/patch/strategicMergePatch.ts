// Kubernetes strategic merge patch (`application/strategic-merge-patch+json`), as
// k8s.io/apimachinery/pkg/util/strategicpatch applies it. It is a JSON merge patch that also
// knows, from the schema's x-kubernetes-patch-strategy / x-kubernetes-patch-merge-key hints,
// which lists to merge item by item instead of replacing, plus the `$`-directives kubectl sends.
import type { JSONSchemaProps } from '../types';
import { PatchError } from '../../common/patch/errors';
import {
  cloneJson,
  deleteOwn,
  getOwn,
  hasOwn,
  isObject,
  jsonEqual,
  setOwn,
  type JsonObject,
} from '../../common/patch/json';

export { coreMergeHints } from './coreMergeHints';
export { PatchError } from '../../common/patch/errors';

const PATCH = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';
// Only orders the merged list; Kubernetes keeps the server's order for unlisted items, and an
// order is not something clients of this server rely on, so it is dropped.
const SET_ELEMENT_ORDER = '$setElementOrder/';

/**
 * Returns doc with patch applied; neither argument is modified. Lists are merged by key only
 * where the schema says so; without a schema every list is replaced, as in a JSON merge patch.
 */
export function applyStrategicMergePatch(
  doc: unknown,
  patch: unknown,
  schema?: JSONSchemaProps,
): unknown {
  if (!isObject(patch)) {
    throw new PatchError('a strategic merge patch must be a JSON object', 400);
  }
  const original = isObject(doc) ? cloneJson(doc) : {};
  return mergeMap(original, patch, schema, '') ?? {};
}

/**
 * Merges patch into original (a private copy, changed in place). Returns undefined when the
 * patch says `$patch: delete`, meaning the map itself goes away.
 */
function mergeMap(
  original: JsonObject,
  patch: JsonObject,
  schema: JSONSchemaProps | undefined,
  path: string,
): JsonObject | undefined {
  const directive = getOwn(patch, PATCH);
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return mergeMap({}, withoutKey(patch, PATCH), schema, path);
  if (directive !== undefined && directive !== 'merge') throw badDirective(directive, path);

  const retained = getOwn(patch, RETAIN_KEYS);
  if (retained !== undefined) retainKeys(original, patch, retained, path);

  // Deletions first, so a value both deleted and re-added by one patch ends up present.
  for (const [key, value] of Object.entries(patch)) {
    if (!key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) continue;
    const field = key.slice(DELETE_FROM_PRIMITIVE_LIST.length);
    deleteFromPrimitiveList(original, field, value, join(path, field));
  }

  for (const [key, value] of Object.entries(patch)) {
    if (key === PATCH || key === RETAIN_KEYS) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (value === null) {
      deleteOwn(original, key);
      continue;
    }
    const merged = mergeValue(
      getOwn(original, key),
      value,
      childSchema(schema, key),
      join(path, key),
    );
    if (merged === undefined) deleteOwn(original, key);
    else setOwn(original, key, merged);
  }
  return original;
}

function mergeValue(
  original: unknown,
  patch: unknown,
  schema: JSONSchemaProps | undefined,
  path: string,
): unknown {
  if (Array.isArray(patch)) return mergeList(original, patch, schema, path);
  if (isObject(patch)) return mergeMap(isObject(original) ? original : {}, patch, schema, path);
  return patch;
}

function mergeList(
  original: unknown,
  patch: unknown[],
  schema: JSONSchemaProps | undefined,
  path: string,
): unknown[] {
  const items = schema?.items;
  const replace = patch.some((item) => isObject(item) && getOwn(item, PATCH) === 'replace');
  const merge = strategies(schema).includes('merge');
  if (replace || !merge) {
    // `{"$patch": "replace"}` inside a list replaces it whatever its strategy; the directive
    // elements themselves are not items.
    const kept = replace ? patch.filter((item) => !(isObject(item) && hasOwn(item, PATCH))) : patch;
    return fresh(kept, items, path);
  }

  const result = Array.isArray(original) ? original : [];
  const mergeKey = schema?.['x-kubernetes-patch-merge-key'];
  if (mergeKey === undefined || patch.every((item) => !isObject(item))) {
    // A list of scalars (finalizers): the union, in original order, then new values.
    for (const item of patch) {
      if (!result.some((existing) => jsonEqual(existing, item))) result.push(cloneJson(item));
    }
    return result;
  }

  patch.forEach((item, i) => {
    const itemPath = `${path}[${i}]`;
    if (!isObject(item)) {
      throw new PatchError(
        `${itemPath}: a list merged by "${mergeKey}" can only hold objects`,
        400,
      );
    }
    if (!hasOwn(item, mergeKey)) {
      throw new PatchError(
        `${itemPath}: map ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`,
        422,
      );
    }
    const key = item[mergeKey];
    const at = result.findIndex((e) => isObject(e) && jsonEqual(getOwn(e, mergeKey), key));
    const directive = getOwn(item, PATCH);
    if (directive === 'delete') {
      removeWhere(result, (e) => isObject(e) && jsonEqual(getOwn(e, mergeKey), key));
      return;
    }
    const existing = result[at];
    const merged = mergeMap(isObject(existing) ? existing : {}, item, items, itemPath);
    if (at < 0) {
      if (merged !== undefined) result.push(merged);
    } else if (merged === undefined) {
      result.splice(at, 1);
    } else {
      result[at] = merged;
    }
  });
  return result;
}

/** A list that replaces what was there, with directives and nulls in its maps processed. */
function fresh(list: unknown[], items: JSONSchemaProps | undefined, path: string): unknown[] {
  return list.flatMap((item, i) => {
    if (Array.isArray(item)) return [fresh(item, items?.items, `${path}[${i}]`)];
    if (!isObject(item)) return [cloneJson(item)];
    const merged = mergeMap({}, item, items, `${path}[${i}]`);
    return merged === undefined ? [] : [merged];
  });
}

/** `$retainKeys`: fields of the original not listed are cleared before merging. */
function retainKeys(original: JsonObject, patch: JsonObject, retained: unknown, path: string) {
  if (!Array.isArray(retained) || !retained.every((k) => typeof k === 'string')) {
    throw new PatchError(`${path || '<root>'}: ${RETAIN_KEYS} must be a list of strings`, 400);
  }
  const stray = Object.keys(patch).find((k) => !k.startsWith('$') && !retained.includes(k));
  if (stray !== undefined) {
    throw new PatchError(
      `${path || '<root>'}: the patch sets "${stray}", which is not in ${RETAIN_KEYS} ${JSON.stringify(retained)}`,
      422,
    );
  }
  for (const key of Object.keys(original)) if (!retained.includes(key)) deleteOwn(original, key);
}

function deleteFromPrimitiveList(
  original: JsonObject,
  field: string,
  values: unknown,
  path: string,
) {
  if (!Array.isArray(values)) {
    throw new PatchError(`${path}: ${DELETE_FROM_PRIMITIVE_LIST}${field} must be a list`, 400);
  }
  const list = getOwn(original, field);
  if (!Array.isArray(list)) return;
  removeWhere(list, (e) => values.some((v) => jsonEqual(v, e)));
  // Go types drop an empty list (omitempty), so the stored object would not show one either.
  if (list.length === 0) deleteOwn(original, field);
}

function childSchema(schema: JSONSchemaProps | undefined, key: string) {
  const properties = schema?.properties;
  if (properties && hasOwn(properties, key)) return properties[key];
  const additional = schema?.additionalProperties;
  return typeof additional === 'object' ? additional : undefined;
}

/** "merge,retainKeys" lists several strategies; retainKeys only matters to the client. */
const strategies = (schema: JSONSchemaProps | undefined): string[] =>
  (schema?.['x-kubernetes-patch-strategy'] ?? '').split(',').map((s) => s.trim());

function removeWhere(list: unknown[], match: (item: unknown) => boolean): void {
  for (let i = list.length - 1; i >= 0; i--) if (match(list[i])) list.splice(i, 1);
}

/** A field path as Kubernetes writes them in errors: spec.containers[0].env. */
const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

const withoutKey = (obj: JsonObject, key: string): JsonObject =>
  Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key));

const badDirective = (value: unknown, path: string) =>
  new PatchError(
    `${path || '<root>'}: unknown patch type ${JSON.stringify(value)}: ${PATCH} must be merge, replace or delete`,
    400,
  );
