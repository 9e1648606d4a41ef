// Label requirements and their matching (k8s.io/apimachinery/pkg/labels), shared by the
// string syntax (?labelSelector=) and the LabelSelector objects stored in specs.
import { SelectorError } from './selectorsError';
import { labelKeyProblem, labelValueProblem } from './selectorsValidation';

export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

export type LabelMatcher = (labels: Record<string, string> | undefined) => boolean;

/** metav1.LabelSelector: matchLabels and matchExpressions are ANDed. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

const invalid = (field: string, value: unknown, detail: string) =>
  new SelectorError(`${field}: Invalid value: ${JSON.stringify(value)}: ${detail}`);

/** A validated requirement; throws SelectorError with the API server's wording otherwise. */
export function newRequirement(
  key: string,
  operator: LabelOperator,
  values: string[],
): LabelRequirement {
  const keyProblem = labelKeyProblem(key);
  if (keyProblem) throw invalid('key', key, keyProblem);
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) {
        throw invalid('values', values, "for 'in', 'notin' operators, values set can't be empty");
      }
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) {
        throw invalid('values', values, 'exact-match compatibility requires one single value');
      }
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) {
        throw invalid('values', values, 'values set must be empty for exists and does not exist');
      }
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) {
        throw invalid('values', values, "for 'Gt', 'Lt' operators, exactly one value is required");
      }
      values.forEach((v, i) => {
        if (parseInteger(v) === undefined) {
          throw invalid(
            `values[${i}]`,
            v,
            "for 'Gt', 'Lt' operators, the value must be an integer",
          );
        }
      });
      break;
  }
  values.forEach((v, i) => {
    const problem = labelValueProblem(v);
    if (problem) throw invalid(`values[${i}]`, v, problem);
  });
  return { key, operator, values };
}

export function requirementMatches(
  r: LabelRequirement,
  labels: Record<string, string> | undefined,
): boolean {
  const has = labels !== undefined && Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && r.values.includes(value);
    case 'notin':
    case '!=':
      // Kubernetes semantics: an object without the label does not have the excluded value.
      return value === undefined || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      const actual = value === undefined ? undefined : parseInteger(value);
      const bound = parseInteger(r.values[0] ?? '');
      if (actual === undefined || bound === undefined) return false;
      return r.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

export const matcherFor =
  (requirements: readonly LabelRequirement[]): LabelMatcher =>
  (labels) =>
    requirements.every((r) => requirementMatches(r, labels));

/** Go's strconv.ParseInt(s, 10, 64); BigInt so large values compare exactly. */
function parseInteger(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const n = BigInt(text);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

const OBJECT_OPERATORS: Record<string, LabelOperator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * The matcher for a LabelSelector object (metav1.LabelSelectorAsSelector): an empty selector
 * matches everything, an absent one (null) matches nothing.
 */
export function labelSelectorFromObject(selector: LabelSelector | null | undefined): LabelMatcher {
  if (selector === null || selector === undefined) return () => false;
  const requirements: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push(newRequirement(key, '=', [String(value)]));
  }
  for (const expression of selector.matchExpressions ?? []) {
    const operator = Object.hasOwn(OBJECT_OPERATORS, expression.operator)
      ? OBJECT_OPERATORS[expression.operator]
      : undefined;
    if (operator === undefined) {
      throw new SelectorError(
        `${JSON.stringify(expression.operator)} is not a valid label selector operator`,
      );
    }
    const values = expression.values ?? [];
    if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) {
      throw new SelectorError(
        `values of ${JSON.stringify(expression.key)} must be a list of strings`,
      );
    }
    requirements.push(newRequirement(String(expression.key), operator, values));
  }
  return matcherFor(requirements);
}
