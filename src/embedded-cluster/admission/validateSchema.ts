// Validation and pruning of an object against a CRD-style structural schema, worded like
// apiextensions-apiserver (kube-openapi's validator plus its field.Error conversion), so that
// kubectl shows the messages a real cluster would. Field paths are Kubernetes style:
// `spec.template.spec.domain.devices.disks[0].name`.
import type { JSONSchemaProps, StatusCause } from '../types';
import {
  childPath,
  goNumber,
  goQuote,
  indexPath,
  invalid,
  notSupported,
  required,
  tooLong,
  tooMany,
  typeInvalid,
} from './fieldErrors';
import { checkListType } from './listTypes';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface SchemaValidationOptions {
  fieldValidation: FieldValidation;
  /** Fill in `default`s of missing properties, as CRD decoding does. Off unless asked. */
  applyDefaults?: boolean;
}

export interface SchemaValidationResult {
  /** Schema violations: the API layer answers 422 Invalid with them. */
  causes: StatusCause[];
  /** Paths of fields the schema does not know, whatever the directive ('spec.foo'). */
  unknownFields: string[];
  /** Warn: one `unknown field "spec.foo"` per unknown field, for Warning headers. */
  warnings: string[];
  /** A copy without unknown fields and without nulls of non-nullable fields (CRD pruning). */
  pruned: unknown;
}

export function unknownFieldMessage(path: string): string {
  return `unknown field ${goQuote(path)}`;
}

/** The message of kube-apiserver's 400 BadRequest for fieldValidation=Strict. */
export function strictDecodingErrorMessage(unknownFields: string[]): string {
  return `strict decoding error: ${unknownFields.map(unknownFieldMessage).join(', ')}`;
}

/** ObjectMeta's JSON fields: anything else under metadata is unknown. */
const OBJECT_META_FIELDS = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

interface Walk {
  causes: StatusCause[];
  unknown: string[];
  applyDefaults: boolean;
}

type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

function jsonType(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'object';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return jsonType(value) === 'object';
}

/** JSON-equality for enum membership: key order does not matter. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const patterns = new Map<string, RegExp | null>();

/** Patterns are Go RE2 in kube-apiserver; ECMAScript agrees on the subset CRDs use. */
function compiled(pattern: string): RegExp | null {
  if (!patterns.has(pattern)) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null; // a pattern we cannot compile checks nothing rather than rejecting everything
    }
    patterns.set(pattern, re);
  }
  return patterns.get(pattern) ?? null;
}

function typeError(path: string, expected: string, actual: JsonType): StatusCause {
  return typeInvalid(
    path,
    actual,
    `${path} in body must be of type ${expected}: ${goQuote(actual)}`,
  );
}

function checkString(value: string, schema: JSONSchemaProps, path: string, w: Walk): void {
  // kube-openapi counts runes, not UTF-16 units.
  const length = [...value].length;
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    w.causes.push(tooLong(path, schema.maxLength));
  }
  if (schema.minLength !== undefined && length < schema.minLength) {
    w.causes.push(
      invalid(path, value, `${path} in body should be at least ${schema.minLength} chars long`),
    );
  }
  const re = schema.pattern === undefined ? null : compiled(schema.pattern);
  if (re && !re.test(value)) {
    w.causes.push(invalid(path, value, `${path} in body should match '${schema.pattern}'`));
  }
}

function checkNumber(value: number, schema: JSONSchemaProps, path: string, w: Walk): void {
  // Go compares integer data against int64(limit), and prints the limit the same way.
  const limit = (n: number) => (Number.isInteger(value) ? String(Math.trunc(n)) : goNumber(n));
  if (schema.maximum !== undefined && value > schema.maximum) {
    const detail = `${path} in body should be less than or equal to ${limit(schema.maximum)}`;
    w.causes.push(invalid(path, value, detail));
  }
  if (schema.minimum !== undefined && value < schema.minimum) {
    const detail = `${path} in body should be greater than or equal to ${limit(schema.minimum)}`;
    w.causes.push(invalid(path, value, detail));
  }
}

function checkEnum(value: unknown, schema: JSONSchemaProps, path: string, w: Walk): void {
  if (!schema.enum || schema.enum.length === 0) return;
  const wanted = canonical(value);
  if (schema.enum.some((allowed) => canonical(allowed) === wanted)) return;
  const shown = schema.enum.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  w.causes.push(notSupported(path, value, shown));
}

function walkArray(value: unknown[], schema: JSONSchemaProps, path: string, w: Walk): unknown[] {
  // Without an items schema (not structural) the elements are kept as they are.
  const items = schema.items;
  const out = items ? value.map((item, i) => walk(item, items, indexPath(path, i), w)) : [...value];
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    const detail = `${path} in body should have at least ${schema.minItems} items`;
    w.causes.push(invalid(path, value.length, detail));
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    w.causes.push(tooMany(path, value.length, schema.maxItems));
  }
  w.causes.push(...checkListType(out, schema, path));
  return out;
}

/** metadata keeps ObjectMeta's fields; validateObjectMeta checks their values. */
function walkMetadata(value: unknown, path: string, w: Walk): unknown {
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (OBJECT_META_FIELDS.has(key)) out[key] = child;
    else w.unknown.push(childPath(path, key));
  }
  return out;
}

function propertySchema(schema: JSONSchemaProps, key: string): JSONSchemaProps | undefined {
  if (schema.properties && Object.hasOwn(schema.properties, key)) return schema.properties[key];
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

function walkObject(
  value: Record<string, unknown>,
  schema: JSONSchemaProps,
  path: string,
  w: Walk,
  resourceRoot: boolean,
): Record<string, unknown> {
  // The root and embedded resources always keep apiVersion, kind and metadata.
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  const typeMeta = resourceRoot || embedded;
  const keepUnknown =
    schema['x-kubernetes-preserve-unknown-fields'] === true || schema.additionalProperties === true;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const fieldPath = childPath(path, key);
    const propSchema = propertySchema(schema, key);
    if (typeMeta && key === 'metadata') out[key] = walkMetadata(child, fieldPath, w);
    else if (propSchema) {
      // Nulls of non-nullable fields are dropped, as if absent (then defaulted if asked).
      if (child === null && !propSchema.nullable) continue;
      out[key] = walk(child, propSchema, fieldPath, w);
    } else if (keepUnknown || (typeMeta && (key === 'apiVersion' || key === 'kind'))) {
      out[key] = child;
    } else w.unknown.push(fieldPath);
  }
  if (w.applyDefaults) {
    for (const [key, propSchema] of Object.entries(schema.properties ?? {})) {
      if (out[key] === undefined && propSchema.default !== undefined) {
        out[key] = walk(structuredClone(propSchema.default), propSchema, childPath(path, key), w);
      }
    }
  }
  for (const key of schema.required ?? []) {
    if (out[key] === undefined) w.causes.push(required(childPath(path, key)));
  }
  if (embedded && !resourceRoot) {
    for (const key of ['apiVersion', 'kind']) {
      if (value[key] === undefined)
        w.causes.push(required(childPath(path, key), 'must not be empty'));
    }
  }
  return out;
}

function walk(
  value: unknown,
  schema: JSONSchemaProps,
  path: string,
  w: Walk,
  resourceRoot = false,
): unknown {
  const actual = jsonType(value);
  if (actual === 'null') {
    if (schema.type && !schema.nullable) w.causes.push(typeError(path, schema.type, actual));
    return value;
  }
  if (schema['x-kubernetes-int-or-string']) {
    if (actual !== 'integer' && actual !== 'string') {
      w.causes.push(typeError(path, 'integer,string', actual));
      return value;
    }
  } else if (schema.type) {
    const matches = schema.type === actual || (schema.type === 'number' && actual === 'integer');
    if (!matches) {
      w.causes.push(typeError(path, schema.type, actual));
      return value;
    }
  }
  let out = value;
  if (typeof value === 'string') checkString(value, schema, path, w);
  else if (typeof value === 'number') checkNumber(value, schema, path, w);
  else if (Array.isArray(value)) out = walkArray(value, schema, path, w);
  else if (isRecord(value)) out = walkObject(value, schema, path, w, resourceRoot);
  checkEnum(value, schema, path, w);
  return out;
}

/**
 * Validates `obj` against `schema` and prunes what the schema does not know. Unknown fields
 * never become causes: with Strict the API layer answers 400 with
 * strictDecodingErrorMessage(unknownFields); with Warn it sends `warnings`; both store `pruned`.
 */
export function validateAgainstSchema(
  obj: unknown,
  schema: JSONSchemaProps,
  options: SchemaValidationOptions,
): SchemaValidationResult {
  const w: Walk = { causes: [], unknown: [], applyDefaults: options.applyDefaults === true };
  const pruned = walk(obj, schema, '', w, true);
  const warnings = options.fieldValidation === 'Warn' ? w.unknown.map(unknownFieldMessage) : [];
  return { causes: w.causes, unknownFields: w.unknown, warnings, pruned };
}
