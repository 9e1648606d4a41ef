import { describe, expect, it } from 'vitest';
import { generateFromExpression, type RandomInt } from './expressionGenerator';

/** Always picks the same position, so the alphabet a pattern allows can be read off. */
const pick =
  (position: 'first' | 'last'): RandomInt =>
  (max) =>
    position === 'first' ? 0 : max - 1;

/** Cycles through every position, so one long run shows the whole alphabet in order. */
const sequence = (): RandomInt => {
  let n = 0;
  return (max) => n++ % max;
};

describe('generateFromExpression', () => {
  it('fills [ranges]{n} and keeps the rest of the pattern', () => {
    expect(generateFromExpression('test[0-9]{1}x', pick('last'))).toBe('test9x');
    expect(generateFromExpression('0x[A-F0-9]{4}', pick('first'))).toBe('0xAAAA');
    expect(generateFromExpression('[a-z0-9]{5}-[A-Z]{2}', pick('last'))).toBe('99999-ZZ');
  });

  it('includes both ends of a range', () => {
    expect(generateFromExpression('[a-z]{26}', sequence())).toBe('abcdefghijklmnopqrstuvwxyz');
    expect(generateFromExpression('[A-Z]{8}', pick('last'))).toBe('ZZZZZZZZ');
  });

  it('knows \\w, \\d, \\a and \\A', () => {
    expect(generateFromExpression('[\\d]{10}', sequence())).toBe('0123456789');
    expect(generateFromExpression('[\\w]{10}', pick('last'))).toBe('__________');
    expect(generateFromExpression('[\\a]{3}', pick('last'))).toBe('999');
    expect(generateFromExpression('[\\A]{3}', pick('first'))).toBe('~~~');
  });

  it('draws every character once even when ranges overlap', () => {
    expect(generateFromExpression('[a-ca-c]{6}', sequence())).toBe('abcabc');
  });

  it('uses the crypto random source by default and stays within the alphabet', () => {
    expect(generateFromExpression('[a-z0-9]{40}')).toMatch(/^[a-z0-9]{40}$/);
  });

  it.each([
    ['[a-z]{0}', 'range must be within [1-255] characters (0)'],
    ['[a-z]{256}', 'range must be within [1-255] characters (256)'],
    ['[z-a]{3}', 'invalid range specified: z-a'],
    ['[\\q]{3}', 'unknown character class "\\q"'],
  ])('rejects %s', (pattern, message) => {
    expect(() => generateFromExpression(pattern, pick('first'))).toThrow(message);
  });
});
