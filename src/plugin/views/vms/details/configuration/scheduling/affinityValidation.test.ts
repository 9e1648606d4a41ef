import { describe, expect, it } from 'vitest';
import { newRule, type AffinityRule } from './affinityRules';
import { hasRuleErrors, validateAffinityRules } from './affinityValidation';

const t = (key: string) => key;
const rule = (change: Partial<AffinityRule>): AffinityRule => ({ ...newRule(), ...change });

describe('validateAffinityRules', () => {
  it('accepts a complete rule', () => {
    const errors = validateAffinityRules(
      [rule({ expressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] })],
      t,
    );
    expect(hasRuleErrors(errors)).toBe(false);
  });

  it('needs keys, values for In/NotIn, none for Exists, one number for Gt/Lt', () => {
    const [errors] = validateAffinityRules(
      [
        rule({
          expressions: [
            { key: '', operator: 'In', values: ['a'] },
            { key: 'zone', operator: 'NotIn', values: [' '] },
            { key: 'gpu', operator: 'Exists', values: ['x'] },
            { key: 'cores', operator: 'Gt', values: ['eight'] },
            { key: 'zone', operator: 'In', values: ['not valid!'] },
          ],
        }),
      ],
      t,
    );
    expect(errors?.expressions.map((e) => e.key ?? e.values)).toEqual([
      'Enter a key.',
      'Enter at least one value, separated by commas.',
      'This operator takes no values.',
      'Enter one whole number.',
      expect.stringMatching(/label value must begin and end/),
    ]);
  });

  it('checks weight of preferred rules, topology key and Gt of pod rules, and empty rules', () => {
    const errors = validateAffinityRules(
      [
        rule({
          condition: 'preferred',
          weight: 0,
          expressions: [{ key: 'a', operator: 'Exists', values: [] }],
        }),
        rule({
          type: 'pod',
          topologyKey: '',
          expressions: [{ key: 'cores', operator: 'Gt', values: ['1'] }],
        }),
        rule({ expressions: [] }),
      ],
      t,
    );
    expect(errors[0]?.weight).toBe('Enter a weight from 1 to 100.');
    expect(errors[1]?.topologyKey).toBe('Enter a key.');
    expect(errors[1]?.expressions[0]?.operator).toBe('Gt and Lt apply to node labels only.');
    expect(errors[2]?.rule).toBe('Add at least one expression.');
    expect(hasRuleErrors(errors)).toBe(true);
  });
});
