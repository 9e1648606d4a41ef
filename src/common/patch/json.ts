// Plain-JSON helpers shared by the patch formats. Documents and patches arrive as parsed JSON,
// so an "object" is a non-null, non-array object and nothing else (Date, Map) can occur.
//
// Keys come from the request body, so a key may be "__proto__" or "constructor": reads go
// through getOwn and writes through setOwn, so such keys stay ordinary data instead of reaching
// the prototype chain.

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep copy; structuredClone keeps an own "__proto__" key as data. */
export const cloneJson = <T>(value: T): T => structuredClone(value);

export const hasOwn = (obj: object, key: string): boolean => Object.hasOwn(obj, key);

export const getOwn = (obj: JsonObject, key: string): unknown =>
  Object.hasOwn(obj, key) ? obj[key] : undefined;

export const setOwn = (obj: JsonObject, key: string, value: unknown): void => {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
};

/** JSON equality: key order does not matter, array order does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => hasOwn(b, k) && jsonEqual(a[k], b[k]))
    );
  }
  return false;
}

/** How a value is named in an error message: its JSON type, as Go's decoder names them. */
export const jsonTypeName = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/** Removes an own member; keys come from the request, hence not a literal `delete obj.key`. */
export const deleteOwn = (obj: JsonObject, key: string): void => {
  Reflect.deleteProperty(obj, key);
};
