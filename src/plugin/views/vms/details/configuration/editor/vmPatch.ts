import type { JsonPatchOp } from '../../../../../api/types';

export type Path = readonly (string | number)[];

/** RFC 6901: `~` and `/` inside a token are escaped. */
export const pointer = (path: Path): string =>
  path.map((token) => '/' + String(token).replace(/~/g, '~0').replace(/\//g, '~1')).join('');

/** Where a VM keeps its guest's settings. */
export const TEMPLATE_SPEC = ['spec', 'template', 'spec'] as const;
export const DOMAIN = [...TEMPLATE_SPEC, 'domain'] as const;
export const DEVICES = [...DOMAIN, 'devices'] as const;

const child = (value: unknown, token: string | number): unknown =>
  value !== null && typeof value === 'object'
    ? (value as Record<string, unknown>)[String(token)]
    : undefined;

/** The value at `path`, or undefined. */
export const valueAt = (object: unknown, path: Path): unknown =>
  path.reduce<unknown>((value, token) => child(value, token), object);

/**
 * The JSON patch that sets `path` to `value` (removes it when `value` is undefined), creating
 * missing parents. An existing value is tested first, so a change someone made meanwhile is
 * refused by the server (422) instead of silently overwritten.
 */
export const setAt = (object: unknown, path: Path, value: unknown): JsonPatchOp[] => {
  let parent: unknown = object;
  for (let depth = 0; depth < path.length; depth++) {
    const token = path[depth] as string | number;
    const next = child(parent, token);
    if (next === undefined) {
      if (value === undefined) return [];
      // The first missing step: add it whole, with the rest of the path inside.
      const nested = path
        .slice(depth + 1)
        .reduceRight<unknown>((inner, key) => ({ [String(key)]: inner }), value);
      return [{ op: 'add', path: pointer(path.slice(0, depth + 1)), value: nested }];
    }
    parent = next;
  }
  const at = pointer(path);
  if (value === undefined)
    return [
      { op: 'test', path: at, value: parent },
      { op: 'remove', path: at },
    ];
  if (JSON.stringify(parent) === JSON.stringify(value)) return [];
  return [
    { op: 'test', path: at, value: parent },
    { op: 'replace', path: at, value },
  ];
};

/** Several `setAt`s on the same object, in order. */
export const setManyAt = (object: unknown, changes: [Path, unknown][]): JsonPatchOp[] =>
  changes.flatMap(([path, value]) => setAt(object, path, value));
