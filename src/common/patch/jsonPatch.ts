// RFC 6902 JSON patch (`application/json-patch+json`), as kube-apiserver applies it with
// evanphx/json-patch: all operations apply to a copy, in order, and any failure rejects the
// whole patch. Like Kubernetes, negative array indices count from the end.
import { PatchError } from './errors';
import {
  cloneJson,
  deleteOwn,
  getOwn,
  hasOwn,
  isObject,
  jsonEqual,
  jsonTypeName,
  setOwn,
  type JsonObject,
} from './json';
import { formatPointer, parsePointer } from './jsonPointer';

export { PatchError } from './errors';

/** kube-apiserver's limit: larger patches are refused with 413 before any work is done. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

const OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'] as const;
type OpName = (typeof OPS)[number];

interface Operation {
  op: OpName;
  path: string;
  tokens: string[];
  from?: string;
  fromTokens: string[];
  value: unknown;
}

/** Why one operation does not apply; applyJSONPatch adds which operation it was. */
class Failure extends Error {}

/**
 * Applies RFC 6902 operations to a copy of doc and returns the copy; doc and ops are never
 * modified. Throws PatchError: 400 for malformed operations, 413 for too many, 422 when an
 * operation does not apply (missing path, index out of range, failed test).
 */
export function applyJSONPatch(doc: unknown, ops: unknown): unknown {
  const operations = decodeOperations(ops);
  let root = cloneJson(doc);
  operations.forEach((operation, i) => {
    try {
      root = applyOperation(root, operation);
    } catch (err) {
      if (!(err instanceof Failure)) throw err;
      const where = operation.from === undefined ? '' : ` from "${operation.from}"`;
      throw new PatchError(
        `json patch ${operation.op} operation ops[${i}] on path "${operation.path}"${where} does not apply: ${err.message}`,
      );
    }
  });
  return root;
}

function decodeOperations(ops: unknown): Operation[] {
  if (!Array.isArray(ops)) {
    throw new PatchError(
      `a JSON patch must be an array of operations, not ${jsonTypeName(ops)}`,
      400,
    );
  }
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new PatchError(
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`,
      413,
    );
  }
  return ops.map(decodeOperation);
}

function decodeOperation(raw: unknown, i: number): Operation {
  const bad = (why: string) => new PatchError(`json patch ops[${i}] is invalid: ${why}`, 400);
  if (!isObject(raw)) throw bad(`an operation must be an object, not ${jsonTypeName(raw)}`);
  const op = getOwn(raw, 'op');
  if (typeof op !== 'string') throw bad('"op" is missing or not a string');
  if (!(OPS as readonly string[]).includes(op)) {
    throw bad(`unexpected kind "${op}": "op" must be one of ${OPS.join(', ')}`);
  }
  const pointer = (field: 'path' | 'from'): { text: string; tokens: string[] } => {
    const text = getOwn(raw, field);
    if (typeof text !== 'string') throw bad(`"${op}" needs "${field}" as a string`);
    try {
      return { text, tokens: parsePointer(text) };
    } catch (err) {
      throw bad(
        `"${field}" ${JSON.stringify(text)} is not a JSON pointer: ${(err as Error).message}`,
      );
    }
  };
  const path = pointer('path');
  const from = op === 'move' || op === 'copy' ? pointer('from') : undefined;
  const needsValue = op === 'add' || op === 'replace' || op === 'test';
  // "value": null is a value; only a missing member is an error.
  if (needsValue && !hasOwn(raw, 'value')) throw bad(`"${op}" needs "value"`);
  return {
    op: op as OpName,
    path: path.text,
    tokens: path.tokens,
    from: from?.text,
    fromTokens: from?.tokens ?? [],
    value: getOwn(raw, 'value'),
  };
}

function applyOperation(root: unknown, o: Operation): unknown {
  switch (o.op) {
    case 'add':
      // Copied so later operations on the new node cannot write into the caller's ops.
      return add(root, o.tokens, cloneJson(o.value));
    case 'remove':
      return remove(root, o.tokens).root;
    case 'replace':
      return replace(root, o.tokens, cloneJson(o.value));
    case 'move': {
      if (o.from === o.path) {
        lookup(root, o.fromTokens);
        return root;
      }
      if (o.path.startsWith(o.from + '/')) {
        throw new Failure(`a location cannot be moved into one of its own children`);
      }
      const removed = remove(root, o.fromTokens);
      return add(removed.root, o.tokens, removed.value);
    }
    case 'copy':
      return add(root, o.tokens, cloneJson(lookup(root, o.fromTokens)));
    case 'test': {
      const actual = lookup(root, o.tokens);
      if (!jsonEqual(actual, o.value)) {
        throw new Failure(`test failed: the value is ${brief(actual)}, expected ${brief(o.value)}`);
      }
      return root;
    }
  }
}

function add(root: unknown, tokens: string[], value: unknown): unknown {
  if (tokens.length === 0) return value;
  const { container, key } = parentOf(root, tokens);
  if (Array.isArray(container)) {
    container.splice(arrayIndex(key, container.length, true), 0, value);
  } else {
    setOwn(container, key, value);
  }
  return root;
}

function remove(root: unknown, tokens: string[]): { root: unknown; value: unknown } {
  if (tokens.length === 0) throw new Failure('the document root cannot be removed');
  const { container, key } = parentOf(root, tokens);
  if (Array.isArray(container)) {
    const [value] = container.splice(arrayIndex(key, container.length, false), 1);
    return { root, value };
  }
  if (!hasOwn(container, key)) throw new Failure(`"${formatPointer(tokens)}" does not exist`);
  const value = container[key];
  deleteOwn(container, key);
  return { root, value };
}

function replace(root: unknown, tokens: string[], value: unknown): unknown {
  if (tokens.length === 0) return value;
  const { container, key } = parentOf(root, tokens);
  if (Array.isArray(container)) {
    container[arrayIndex(key, container.length, false)] = value;
  } else {
    // Unlike add, replace requires the member to exist already (RFC 6902 section 4.3).
    if (!hasOwn(container, key)) throw new Failure(`"${formatPointer(tokens)}" does not exist`);
    setOwn(container, key, value);
  }
  return root;
}

/** The value at tokens; throws Failure naming the first location that does not exist. */
function lookup(root: unknown, tokens: string[]): unknown {
  let current = root;
  tokens.forEach((token, depth) => {
    if (Array.isArray(current)) {
      current = current[arrayIndex(token, current.length, false)];
    } else if (isObject(current) && hasOwn(current, token)) {
      current = current[token];
    } else {
      throw new Failure(`"${formatPointer(tokens.slice(0, depth + 1))}" does not exist`);
    }
  });
  return current;
}

function parentOf(
  root: unknown,
  tokens: string[],
): { container: unknown[] | JsonObject; key: string } {
  const parentTokens = tokens.slice(0, -1);
  const container = lookup(root, parentTokens);
  const key = tokens[tokens.length - 1] ?? '';
  if (Array.isArray(container) || isObject(container)) return { container, key };
  throw new Failure(
    `"${formatPointer(parentTokens)}" is ${jsonTypeName(container)}, not an object or array`,
  );
}

/**
 * The array position a token names. `-` (one past the end) is only meaningful to add; an index
 * equal to the length is valid only for add, which inserts there.
 */
function arrayIndex(token: string, length: number, forAdd: boolean): number {
  if (token === '-') {
    if (forAdd) return length;
    throw new Failure('"-" names the end of an array and can only be used to add');
  }
  if (!/^-?(0|[1-9][0-9]*)$/.test(token)) throw new Failure(`"${token}" is not an array index`);
  const size = forAdd ? length + 1 : length;
  let index = Number(token);
  if (index < 0) index += size; // evanphx/json-patch, as Kubernetes configures it
  if (index < 0 || index >= size) {
    throw new Failure(`index ${token} is out of range for an array of length ${length}`);
  }
  return index;
}

/** A value for an error message, cut short: a failed test may compare whole objects. */
function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
