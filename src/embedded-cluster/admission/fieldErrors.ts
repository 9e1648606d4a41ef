// StatusCause builders that word their messages exactly like apimachinery's field.Error, so
// kubectl and client-node users see the text kube-apiserver would have sent. The cause
// message is what ErrorBody() renders: "<type text>[: <bad value>][: <detail>]".
import type { StatusCause } from '../types';

export type CauseType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueTypeInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany';

/** Go's %q: JSON quoting is the same except for the escapes of control characters. */
export function goQuote(value: string): string {
  return JSON.stringify(value).replace(/\\u00([0-9a-f]{2})/g, (_match, hex: string) => {
    if (hex === '07') return '\\a';
    if (hex === '0b') return '\\v';
    return `\\x${hex}`;
  });
}

/**
 * Go's %v of a float64 (strconv 'g', shortest): exponent form below 1e-4 and from 1e6 up.
 * JSON integers decode to int64 in Go and print plainly, so callers use this for fractions.
 */
export function goFloat(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return '0';
  const [mantissa = '', exponent = '0'] = n.toExponential().split('e');
  const exp = Number(exponent);
  if (exp >= -4 && exp < 6) return String(n);
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** A JSON number as Go prints the decoded value: int64 plainly, float64 with %v. */
export function goNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? String(n) : goFloat(n);
}

/** Go's %#v of a decoded JSON value (map[string]interface {}, []interface {} …). */
export function goSyntax(value: unknown): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSyntax).join(', ')}}`;
  if (typeof value === 'object') {
    // Go prints map keys sorted.
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `map[string]interface {}{${entries.map(([k, v]) => `${goQuote(k)}:${goSyntax(v)}`).join(', ')}}`;
  }
  return String(value);
}

/** How ErrorBody prints a bad value: %v for scalars, %q for strings, %#v for the rest. */
export function formatBadValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  return goSyntax(value);
}

function cause(type: CauseType, field: string, body: string, detail: string): StatusCause {
  return { type, field, message: detail ? `${body}: ${detail}` : body };
}

export function required(field: string, detail = ''): StatusCause {
  return cause('FieldValueRequired', field, 'Required value', detail);
}

export function forbidden(field: string, detail: string): StatusCause {
  return cause('FieldValueForbidden', field, 'Forbidden', detail);
}

export function invalid(field: string, value: unknown, detail: string): StatusCause {
  return cause('FieldValueInvalid', field, `Invalid value: ${formatBadValue(value)}`, detail);
}

/** Schema type mismatches: a distinct type, but worded like Invalid. */
export function typeInvalid(field: string, value: unknown, detail: string): StatusCause {
  return cause('FieldValueTypeInvalid', field, `Invalid value: ${formatBadValue(value)}`, detail);
}

export function notSupported(field: string, value: unknown, supported: string[]): StatusCause {
  const detail =
    supported.length > 0 ? `supported values: ${supported.map(goQuote).join(', ')}` : '';
  return cause(
    'FieldValueNotSupported',
    field,
    `Unsupported value: ${formatBadValue(value)}`,
    detail,
  );
}

export function duplicate(field: string, value: unknown): StatusCause {
  return cause('FieldValueDuplicate', field, `Duplicate value: ${formatBadValue(value)}`, '');
}

/** TooLong never echoes the value (it may be huge). */
export function tooLong(field: string, maxLength: number): StatusCause {
  const unit = maxLength === 1 ? 'byte' : 'bytes';
  return cause('FieldValueTooLong', field, 'Too long', `may not be more than ${maxLength} ${unit}`);
}

export function tooMany(field: string, actual: number, max: number): StatusCause {
  return cause('FieldValueTooMany', field, `Too many: ${actual}`, `must have at most ${max} items`);
}

/** field.Path.Child: the root has no name, so its children have no leading dot. */
export function childPath(parent: string, name: string): string {
  return parent ? `${parent}.${name}` : name;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}
