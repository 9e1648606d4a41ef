// Fields that may not change after creation (ResourceType.immutableFields), reported like
// kube-apiserver's ValidateImmutableField: FieldValueInvalid "Invalid value: <new>: field is
// immutable" at the Kubernetes-style path of the pointer.
import type { StatusCause } from '../types';
import { invalid } from './fieldErrors';

/** RFC 6901 pointer to its unescaped reference tokens. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`invalid JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `/spec/disks/0/name` → `spec.disks[0].name`. */
export function pointerToFieldPath(pointer: string): string {
  return parsePointer(pointer).reduce(
    (path, token) =>
      /^\d+$/.test(token) ? `${path}[${token}]` : path ? `${path}.${token}` : token,
    '',
  );
}

/** The value at a pointer, or undefined when any step is missing. */
export function getAtPointer(doc: unknown, pointer: string): unknown {
  let current: unknown = doc;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(current) && /^\d+$/.test(token)) current = current[Number(token)];
    else if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
      const record = current as Record<string, unknown>;
      current = Object.hasOwn(record, token) ? record[token] : undefined;
    } else return undefined;
  }
  return current;
}

/** Deep JSON equality; key order does not count, a missing field equals only another. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => jsonEqual(item, b[i]))
    );
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  return (
    keys.length === Object.keys(rb).length &&
    keys.every((key) => Object.hasOwn(rb, key) && jsonEqual(ra[key], rb[key]))
  );
}

export function checkImmutableFields(
  oldObj: unknown,
  newObj: unknown,
  pointers: string[],
): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const pointer of pointers) {
    const before = getAtPointer(oldObj, pointer);
    const after = getAtPointer(newObj, pointer);
    if (!jsonEqual(before, after)) {
      causes.push(invalid(pointerToFieldPath(pointer), after ?? null, 'field is immutable'));
    }
  }
  return causes;
}
