import type {
  Affinity,
  ExpressionOperator,
  LabelSelector,
  NodeSelectorTerm,
  PodAffinity,
  PodAffinityTerm,
  Requirement,
} from './schedulingTypes';

export type AffinityRuleType = 'node' | 'pod' | 'podAnti';
export type AffinityCondition = 'required' | 'preferred';

export const DEFAULT_TOPOLOGY_KEY = 'kubernetes.io/hostname';
export const DEFAULT_WEIGHT = 50;

export const NODE_OPERATORS: ExpressionOperator[] = [
  'In',
  'NotIn',
  'Exists',
  'DoesNotExist',
  'Gt',
  'Lt',
];
/** Label selectors of pods know no Gt/Lt. */
export const POD_OPERATORS: ExpressionOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export interface AffinityExpression {
  key: string;
  operator: ExpressionOperator | string;
  /** As typed, split at commas; trimmed and emptied out when the rule is written. */
  values: string[];
}

/** One row of the affinity form: a node selector term, or a pod (anti-)affinity term. */
export interface AffinityRule {
  type: AffinityRuleType;
  condition: AffinityCondition;
  /** 1–100, for preferred rules. */
  weight: number;
  /** For pod rules. */
  topologyKey: string;
  expressions: AffinityExpression[];
  /** What the form does not edit, kept as it was: node `matchFields`, pod `namespaces`… */
  kept?: Record<string, unknown>;
}

export const newExpression = (): AffinityExpression => ({ key: '', operator: 'In', values: [] });

export const newRule = (): AffinityRule => ({
  type: 'node',
  condition: 'required',
  weight: DEFAULT_WEIGHT,
  topologyKey: DEFAULT_TOPOLOGY_KEY,
  expressions: [newExpression()],
});

export const cleanValues = (values: string[]): string[] =>
  values.map((value) => value.trim()).filter(Boolean);

export const takesValues = (operator: string) =>
  operator !== 'Exists' && operator !== 'DoesNotExist';

const expressionsOf = (requirements: Requirement[] = []): AffinityExpression[] =>
  requirements.map((r) => ({ key: r.key, operator: r.operator, values: [...(r.values ?? [])] }));

const requirementsOf = (expressions: AffinityExpression[]): Requirement[] =>
  expressions.map(({ key, operator, values }) =>
    takesValues(operator)
      ? { key: key.trim(), operator, values: cleanValues(values) }
      : { key: key.trim(), operator },
  );

const nodeRule = (
  term: NodeSelectorTerm,
  condition: AffinityCondition,
  weight = DEFAULT_WEIGHT,
): AffinityRule => {
  const { matchExpressions, ...kept } = term;
  return {
    type: 'node',
    condition,
    weight,
    topologyKey: DEFAULT_TOPOLOGY_KEY,
    expressions: expressionsOf(matchExpressions),
    ...(Object.keys(kept).length ? { kept } : {}),
  };
};

/** `matchLabels` read as `In` expressions of one value: the form edits one list. */
const selectorExpressions = (selector?: LabelSelector): AffinityExpression[] => [
  ...Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => ({
    key,
    operator: 'In',
    values: [value],
  })),
  ...expressionsOf(selector?.matchExpressions),
];

const podRule = (
  type: AffinityRuleType,
  term: PodAffinityTerm,
  condition: AffinityCondition,
  weight = DEFAULT_WEIGHT,
): AffinityRule => {
  const { labelSelector, topologyKey, ...kept } = term;
  return {
    type,
    condition,
    weight,
    topologyKey,
    expressions: selectorExpressions(labelSelector),
    ...(Object.keys(kept).length ? { kept } : {}),
  };
};

const podRules = (type: AffinityRuleType, affinity?: PodAffinity): AffinityRule[] => [
  ...(affinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((term) =>
    podRule(type, term, 'required'),
  ),
  ...(affinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((p) =>
    podRule(type, p.podAffinityTerm, 'preferred', p.weight),
  ),
];

/** The rows of a Kubernetes affinity, in the order: node, pod, anti-pod; required first. */
export const rulesFromAffinity = (affinity?: Affinity): AffinityRule[] => [
  ...(
    affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []
  ).map((term) => nodeRule(term, 'required')),
  ...(affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((p) =>
    nodeRule(p.preference, 'preferred', p.weight),
  ),
  ...podRules('pod', affinity?.podAffinity),
  ...podRules('podAnti', affinity?.podAntiAffinity),
];

const nodeTerm = (rule: AffinityRule): NodeSelectorTerm => ({
  ...rule.kept,
  matchExpressions: requirementsOf(rule.expressions),
});

const podTerm = (rule: AffinityRule): PodAffinityTerm => ({
  ...rule.kept,
  labelSelector: { matchExpressions: requirementsOf(rule.expressions) },
  topologyKey: rule.topologyKey.trim(),
});

const podAffinityOf = (rules: AffinityRule[]): PodAffinity | undefined => {
  const required = rules.filter((r) => r.condition === 'required').map(podTerm);
  const preferred = rules
    .filter((r) => r.condition === 'preferred')
    .map((r) => ({ weight: r.weight, podAffinityTerm: podTerm(r) }));
  if (!required.length && !preferred.length) return undefined;
  return {
    ...(required.length ? { requiredDuringSchedulingIgnoredDuringExecution: required } : {}),
    ...(preferred.length ? { preferredDuringSchedulingIgnoredDuringExecution: preferred } : {}),
  };
};

/** The Kubernetes affinity of the rows; undefined when there is none. */
export const affinityFromRules = (rules: AffinityRule[]): Affinity | undefined => {
  const node = rules.filter((r) => r.type === 'node');
  const required = node.filter((r) => r.condition === 'required').map(nodeTerm);
  const preferred = node
    .filter((r) => r.condition === 'preferred')
    .map((r) => ({ weight: r.weight, preference: nodeTerm(r) }));
  const podAffinity = podAffinityOf(rules.filter((r) => r.type === 'pod'));
  const podAntiAffinity = podAffinityOf(rules.filter((r) => r.type === 'podAnti'));
  const affinity: Affinity = {
    ...(required.length || preferred.length
      ? {
          nodeAffinity: {
            ...(required.length
              ? { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: required } }
              : {}),
            ...(preferred.length
              ? { preferredDuringSchedulingIgnoredDuringExecution: preferred }
              : {}),
          },
        }
      : {}),
    ...(podAffinity ? { podAffinity } : {}),
    ...(podAntiAffinity ? { podAntiAffinity } : {}),
  };
  return Object.keys(affinity).length ? affinity : undefined;
};

/** `zone In (a, b)`, `gpu Exists`: how a rule's expressions read in the row. */
export const expressionText = (expression: AffinityExpression): string => {
  const values = cleanValues(expression.values);
  return takesValues(expression.operator)
    ? `${expression.key} ${expression.operator} (${values.join(', ')})`
    : `${expression.key} ${expression.operator}`;
};
