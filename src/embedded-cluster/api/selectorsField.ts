// Field selectors (k8s.io/apimachinery/pkg/fields): comma-separated `field=value`,
// `field==value`, `field!=value` terms, ANDed. Values escape `\`, `,` and `=` with a backslash.
import type { KubeObject } from '../types';
import { SelectorError } from './selectorsError';

export type FieldMatcher = (obj: KubeObject) => boolean;

export interface FieldRequirement {
  field: string;
  operator: '=' | '==' | '!=';
  value: string;
}

/** Tried in this order at each position, so `a!=b` is not read as `a!` `=` `b`. */
const OPERATORS = ['!=', '==', '='] as const;

/**
 * Parses a field selector. With supportedFields, any other field is refused the way
 * kube-apiserver refuses it for that kind ("field label not supported: ...").
 */
export function parseFieldRequirements(
  text: string,
  supportedFields?: readonly string[],
): FieldRequirement[] {
  return splitTerms(text)
    .filter((term) => term !== '')
    .map((term) => {
      const requirement = splitTerm(term);
      if (requirement === undefined) {
        throw new SelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
      }
      if (supportedFields && !supportedFields.includes(requirement.field)) {
        throw new SelectorError(`field label not supported: ${requirement.field}`);
      }
      return requirement;
    });
}

export function parseFieldSelector(
  text: string,
  supportedFields?: readonly string[],
): FieldMatcher {
  const requirements = parseFieldRequirements(text, supportedFields);
  return (obj) =>
    requirements.every((r) => (fieldValue(obj, r.field) === r.value) === (r.operator !== '!='));
}

/** The field as a selector sees it: scalars as text, anything missing (or not scalar) as "". */
export function fieldValue(obj: KubeObject, path: string): string {
  let current: unknown = obj;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) return '';
    current = (current as Record<string, unknown>)[part];
  }
  return typeof current === 'string' || typeof current === 'number' || typeof current === 'boolean'
    ? String(current)
    : '';
}

/** Splits on commas that are not escaped; escapes stay in place for unescape() to check. */
function splitTerms(text: string): string[] {
  if (text === '') return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (escaped) escaped = false;
    else if (ch === '\\') escaped = true;
    else if (ch === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

function splitTerm(term: string): FieldRequirement | undefined {
  for (let i = 0; i < term.length; i++) {
    const operator = OPERATORS.find((op) => term.startsWith(op, i));
    if (operator === undefined) continue;
    const field = term.slice(0, i);
    if (field === '') return undefined;
    return { field, operator, value: unescape(term.slice(i + operator.length)) };
  }
  return undefined;
}

function unescape(value: string): string {
  let out = '';
  let escaped = false;
  for (const ch of value) {
    if (escaped) {
      if (ch !== '\\' && ch !== ',' && ch !== '=') {
        throw new SelectorError(`invalid field selector: invalid escape sequence: \\${ch}`);
      }
      out += ch;
      escaped = false;
    } else if (ch === '\\') {
      escaped = true;
    } else if (ch === ',' || ch === '=') {
      throw new SelectorError(`invalid field selector: unescaped character in value: ${ch}`);
    } else {
      out += ch;
    }
  }
  if (escaped) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}
