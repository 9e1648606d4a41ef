import { describe, expect, it } from 'vitest';
import {
  affinityFromRules,
  expressionText,
  newRule,
  rulesFromAffinity,
  type AffinityRule,
} from './affinityRules';
import type { Affinity } from './schedulingTypes';

const AFFINITY: Affinity = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] },
        {
          matchExpressions: [{ key: 'gpu', operator: 'Exists' }],
          matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }],
        },
      ],
    },
    preferredDuringSchedulingIgnoredDuringExecution: [
      {
        weight: 20,
        preference: { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['8'] }] },
      },
    ],
  },
  podAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: [
      {
        labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }] },
        topologyKey: 'topology.kubernetes.io/zone',
        namespaces: ['data'],
      },
    ],
  },
  podAntiAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: [
      {
        weight: 100,
        podAffinityTerm: {
          labelSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
          topologyKey: 'kubernetes.io/hostname',
        },
      },
    ],
  },
};

describe('affinity rules', () => {
  it('reads each term as a rule', () => {
    const rules = rulesFromAffinity(AFFINITY);
    expect(rules.map((r) => [r.type, r.condition, r.weight, r.topologyKey])).toEqual([
      ['node', 'required', 50, 'kubernetes.io/hostname'],
      ['node', 'required', 50, 'kubernetes.io/hostname'],
      ['node', 'preferred', 20, 'kubernetes.io/hostname'],
      ['pod', 'required', 50, 'topology.kubernetes.io/zone'],
      ['podAnti', 'preferred', 100, 'kubernetes.io/hostname'],
    ]);
    expect(rules[0]?.expressions).toEqual([{ key: 'zone', operator: 'In', values: ['a', 'b'] }]);
    expect(rules[1]?.kept).toEqual({
      matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }],
    });
    expect(rules[3]?.kept).toEqual({ namespaces: ['data'] });
  });

  it('gives back the same affinity from its rules', () => {
    expect(affinityFromRules(rulesFromAffinity(AFFINITY))).toEqual(AFFINITY);
  });

  it('gives back the same rules from their affinity', () => {
    const rules: AffinityRule[] = [
      { ...newRule(), expressions: [{ key: 'zone', operator: 'NotIn', values: ['c'] }] },
      {
        type: 'podAnti',
        condition: 'required',
        weight: 50,
        topologyKey: 'kubernetes.io/hostname',
        expressions: [{ key: 'app', operator: 'Exists', values: [] }],
      },
      {
        type: 'pod',
        condition: 'preferred',
        weight: 7,
        topologyKey: 'kubernetes.io/hostname',
        expressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }],
      },
    ];
    expect(rulesFromAffinity(affinityFromRules(rules))).toEqual([rules[0], rules[2], rules[1]]);
  });

  it('reads matchLabels as In expressions', () => {
    const rules = rulesFromAffinity({
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' },
        ],
      },
    });
    expect(rules[0]?.expressions).toEqual([{ key: 'app', operator: 'In', values: ['db'] }]);
  });

  it('trims typed values, drops values of Exists, and gives undefined for no rules', () => {
    const affinity = affinityFromRules([
      {
        ...newRule(),
        expressions: [
          { key: ' zone ', operator: 'In', values: ['a', ' b', ''] },
          { key: 'gpu', operator: 'Exists', values: ['x'] },
        ],
      },
    ]);
    expect(affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: 'zone', operator: 'In', values: ['a', 'b'] },
                { key: 'gpu', operator: 'Exists' },
              ],
            },
          ],
        },
      },
    });
    expect(affinityFromRules([])).toBeUndefined();
    expect(rulesFromAffinity(undefined)).toEqual([]);
  });

  it('writes expressions as they read', () => {
    expect(expressionText({ key: 'zone', operator: 'In', values: ['a', ' b'] })).toBe(
      'zone In (a, b)',
    );
    expect(expressionText({ key: 'gpu', operator: 'DoesNotExist', values: [] })).toBe(
      'gpu DoesNotExist',
    );
  });
});
