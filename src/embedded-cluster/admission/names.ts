// Name, label and annotation rules of k8s.io/apimachinery/pkg/util/validation, with the same
// messages word for word: users and scripts grep for them, and kubectl prints them as is.
import type { StatusCause } from '../types';
import { forbidden, invalid, required, tooLong } from './fieldErrors';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;

const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);

const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
const QUALIFIED_NAME_MAX_LENGTH = 63;
const LABEL_VALUE_MAX_LENGTH = 63;
/** metadata.annotations: keys plus values, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** Go's len() counts bytes, and the limits are in bytes. */
function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** validation.RegexError, including its odd "',  or '" join of several examples. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  const shown = examples.map((example, i) => `${i > 0 ? ' or ' : ''}'${example}', `).join('');
  return `${msg} (e.g. ${shown}regex used for validation is '${fmt}')`;
}

export function validateDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH)
    errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1123_LABEL_RE.test(value)) {
    errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

export function validateDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  }
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  }
  return errs;
}

/** RBAC and a few other kinds only forbid what would break the URL path. */
export function validatePathSegmentName(value: string): string[] {
  if (value === '.' || value === '..') return [`may not be '${value}'`];
  const errs: string[] = [];
  for (const illegal of ['/', '%']) {
    if (value.includes(illegal)) errs.push(`may not contain '${illegal}'`);
  }
  return errs;
}

/** IsQualifiedName: `[prefix/]name`, the shape of label keys, annotation keys and finalizers. */
export function validateQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  const example = regexError(
    QUALIFIED_NAME_MSG,
    QUALIFIED_NAME_FMT,
    'MyName',
    'my.name',
    '123-abc',
  );
  if (parts.length > 2) {
    return [
      `a qualified name ${example} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts.length === 2 ? (parts[1] ?? '') : value;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...validateDNS1123Subdomain(prefix).map((msg) => `prefix part ${msg}`));
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > QUALIFIED_NAME_MAX_LENGTH) {
    errs.push(`name part ${maxLenError(QUALIFIED_NAME_MAX_LENGTH)}`);
  }
  if (!QUALIFIED_NAME_RE.test(name)) errs.push(`name part ${example}`);
  return errs;
}

export function validateLabelKey(key: string): string[] {
  return validateQualifiedName(key);
}

export function validateLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

export function annotationsSize(annotations: Record<string, string>): number {
  let total = 0;
  for (const [key, value] of Object.entries(annotations))
    total += byteLength(key) + byteLength(value);
  return total;
}

/** Key problems (case-insensitive qualified names) and the 256 KiB total. */
export function validateAnnotations(annotations: Record<string, string>): string[] {
  const errs: string[] = [];
  for (const key of Object.keys(annotations)) {
    errs.push(...validateQualifiedName(key.toLowerCase()));
  }
  if (annotationsSize(annotations) > TOTAL_ANNOTATION_SIZE_LIMIT) {
    errs.push(`may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes`);
  }
  return errs;
}

export type NameRule = 'subdomain' | 'label' | 'path-segment';

/**
 * The name check of a kind. For generateName kube-apiserver checks the prefix as if a suffix
 * followed it, so a trailing '-' is masked (with its odd `len-2` slice, kept for parity).
 */
export function validateName(rule: NameRule, name: string, prefix = false): string[] {
  const value =
    prefix && rule !== 'path-segment' && name.length > 1 && name.endsWith('-')
      ? `${name.slice(0, -2)}a`
      : name;
  if (rule === 'label') return validateDNS1123Label(value);
  if (rule === 'path-segment') return validatePathSegmentName(value);
  return validateDNS1123Subdomain(value);
}

export interface ObjectMetaOptions {
  namespaced: boolean;
  nameRule: NameRule;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function validateStringMap(
  value: unknown,
  field: string,
  check: (key: string, val: string) => StatusCause[],
): StatusCause[] {
  if (value === undefined || value === null) return [];
  const map = asRecord(value);
  if (!map) return [invalid(field, value, 'must be a map of string keys to string values')];
  return Object.entries(map).flatMap(([key, val]) =>
    typeof val === 'string'
      ? check(key, val)
      : [invalid(field, val, `value of ${JSON.stringify(key)} must be a string`)],
  );
}

function validateLabels(labels: unknown, field: string): StatusCause[] {
  return validateStringMap(labels, field, (key, val) => [
    ...validateLabelKey(key).map((msg) => invalid(field, key, msg)),
    ...validateLabelValue(val).map((msg) => invalid(field, val, msg)),
  ]);
}

function validateAnnotationCauses(annotations: unknown, field: string): StatusCause[] {
  const causes = validateStringMap(annotations, field, (key) =>
    validateQualifiedName(key.toLowerCase()).map((msg) => invalid(field, key, msg)),
  );
  const map = asRecord(annotations);
  const strings = Object.entries(map ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  if (annotationsSize(Object.fromEntries(strings)) > TOTAL_ANNOTATION_SIZE_LIMIT) {
    causes.push(tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT));
  }
  return causes;
}

/** ValidateOwnerReferences words its paths without the index, as kube-apiserver does. */
function validateOwnerReferences(refs: unknown, field: string): StatusCause[] {
  if (refs === undefined || refs === null) return [];
  if (!Array.isArray(refs)) return [invalid(field, refs, 'must be a list')];
  const causes: StatusCause[] = [];
  let controllers = 0;
  for (const item of refs) {
    const ref = asRecord(item) ?? {};
    const checks: [string, string][] = [
      ['apiVersion', 'version must not be empty'],
      ['kind', 'kind must not be empty'],
      ['name', 'name must not be empty'],
      ['uid', 'uid must not be empty'],
    ];
    for (const [key, message] of checks) {
      if (asString(ref[key]) === '')
        causes.push(invalid(`${field}.${key}`, asString(ref[key]), message));
    }
    if (ref.controller === true) controllers++;
  }
  if (controllers > 1) {
    causes.push(invalid(field, refs, 'Only one reference can have Controller set to true'));
  }
  return causes;
}

function validateFinalizers(finalizers: unknown, field: string): StatusCause[] {
  if (finalizers === undefined || finalizers === null) return [];
  if (!Array.isArray(finalizers)) return [invalid(field, finalizers, 'must be a list of strings')];
  return finalizers.flatMap((name) =>
    typeof name === 'string'
      ? validateQualifiedName(name).map((msg) => invalid(field, name, msg))
      : [invalid(field, name, 'must be a string')],
  );
}

/**
 * ValidateObjectMeta of kube-apiserver, for create and update alike. Callers that follow
 * kube-apiserver exactly clear metadata.namespace of cluster-scoped objects before calling
 * (its BeforeCreate does), so the "not allowed on this type" cause is a safety net.
 */
export function validateObjectMeta(obj: unknown, options: ObjectMetaOptions): StatusCause[] {
  const meta = asRecord(asRecord(obj)?.metadata);
  if (!meta) return [required('metadata')];
  const causes: StatusCause[] = [];
  const name = asString(meta.name);
  const generateName = asString(meta.generateName);
  if (generateName) {
    for (const msg of validateName(options.nameRule, generateName, true)) {
      causes.push(invalid('metadata.generateName', generateName, msg));
    }
  }
  if (name) {
    for (const msg of validateName(options.nameRule, name)) {
      causes.push(invalid('metadata.name', name, msg));
    }
  } else if (!generateName) {
    causes.push(required('metadata.name', 'name or generateName is required'));
  }
  const namespace = asString(meta.namespace);
  if (options.namespaced) {
    if (!namespace) causes.push(required('metadata.namespace'));
    for (const msg of namespace ? validateDNS1123Label(namespace) : []) {
      causes.push(invalid('metadata.namespace', namespace, msg));
    }
  } else if (namespace) {
    causes.push(forbidden('metadata.namespace', 'not allowed on this type'));
  }
  if (typeof meta.generation === 'number' && meta.generation < 0) {
    causes.push(
      invalid('metadata.generation', meta.generation, 'must be greater than or equal to 0'),
    );
  }
  causes.push(...validateLabels(meta.labels, 'metadata.labels'));
  causes.push(...validateAnnotationCauses(meta.annotations, 'metadata.annotations'));
  causes.push(...validateOwnerReferences(meta.ownerReferences, 'metadata.ownerReferences'));
  causes.push(...validateFinalizers(meta.finalizers, 'metadata.finalizers'));
  return causes;
}
