import { validateLabelValue, validateMetadataKey } from '../../../actions/metadataValidation';
import type { Translate } from '../../../actions/vmActionModel';
import { cleanValues, type AffinityExpression, type AffinityRule } from './affinityRules';

export interface ExpressionErrors {
  key?: string;
  operator?: string;
  values?: string;
}

export interface RuleErrors {
  weight?: string;
  topologyKey?: string;
  /** The rule as a whole (no expression). */
  rule?: string;
  expressions: ExpressionErrors[];
}

const validateExpression = (
  expression: AffinityExpression,
  type: AffinityRule['type'],
  t: Translate,
): ExpressionErrors => {
  const key = validateMetadataKey(expression.key.trim(), t);
  const values = cleanValues(expression.values);
  switch (expression.operator) {
    case 'In':
    case 'NotIn':
      return {
        key,
        values: !values.length
          ? t('Enter at least one value, separated by commas.')
          : values.map((v) => validateLabelValue(v, t)).find(Boolean),
      };
    case 'Exists':
    case 'DoesNotExist':
      return { key, values: values.length ? t('This operator takes no values.') : undefined };
    case 'Gt':
    case 'Lt':
      if (type !== 'node') return { key, operator: t('Gt and Lt apply to node labels only.') };
      return {
        key,
        values:
          values.length === 1 && /^-?\d+$/.test(values[0] ?? '')
            ? undefined
            : t('Enter one whole number.'),
      };
    default:
      return { key, operator: t('Choose an operator.') };
  }
};

/** Each rule's problems; a rule with none has only empty entries. */
export const validateAffinityRules = (rules: AffinityRule[], t: Translate): RuleErrors[] =>
  rules.map((rule) => ({
    weight:
      rule.condition === 'preferred' &&
      !(Number.isInteger(rule.weight) && rule.weight >= 1 && rule.weight <= 100)
        ? t('Enter a weight from 1 to 100.')
        : undefined,
    topologyKey: rule.type === 'node' ? undefined : validateMetadataKey(rule.topologyKey.trim(), t),
    rule: rule.expressions.length ? undefined : t('Add at least one expression.'),
    expressions: rule.expressions.map((e) => validateExpression(e, rule.type, t)),
  }));

export const hasRuleErrors = (errors: RuleErrors[]): boolean =>
  errors.some(
    (e) =>
      e.weight ||
      e.topologyKey ||
      e.rule ||
      e.expressions.some((x) => x.key || x.operator || x.values),
  );
