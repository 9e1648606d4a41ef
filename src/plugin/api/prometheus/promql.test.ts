import { describe, expect, it } from 'vitest';
import { labelMatchers, promString, vmiSelector } from './promql';

describe('promString', () => {
  it('escapes quotes, backslashes and newlines', () => {
    expect(promString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
  });
});

describe('labelMatchers', () => {
  it('joins equality matchers and leaves undefined labels out', () => {
    expect(labelMatchers({ namespace: 'ns', name: undefined, node: 'n"1' })).toBe(
      '{namespace="ns",node="n\\"1"}',
    );
  });

  it('matches a list of values exactly, regex characters escaped', () => {
    expect(labelMatchers({ name: ['vm.a', 'vm-b'] })).toBe('{name=~"vm\\\\.a|vm-b"}');
  });

  it('matches nothing for an empty list and gives nothing for no labels', () => {
    expect(labelMatchers({ name: [] })).toBe('{name=~"^$"}');
    expect(labelMatchers({})).toBe('');
  });
});

describe('vmiSelector', () => {
  it('names one VMI by namespace and name', () => {
    expect(vmiSelector('dev', 'vm-1')).toBe('{namespace="dev",name="vm-1"}');
  });
});
