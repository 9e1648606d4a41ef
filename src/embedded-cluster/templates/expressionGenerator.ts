// The "expression" parameter generator of openshift/library-go (pkg/template/generator): every
// `[ranges]{n}` in the pattern becomes n random characters drawn from the ranges; the rest of
// the pattern is kept as written ("test[0-9]{1}x" gives "test7x").
//
// Two deliberate differences from library-go: ranges include their upper bound (library-go's
// [a-z] can never yield "z", an off-by-one nobody relies on), and a lone character in brackets
// stands for itself instead of being an error.
import { randomInt as cryptoRandomInt } from 'node:crypto';

/** An integer in [0, max); injectable so tests are deterministic. */
export type RandomInt = (max: number) => number;

export const defaultRandomInt: RandomInt = (max) => cryptoRandomInt(max);

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NUMERALS = '0123456789';
const SYMBOLS = '~!@#$%^&*()-_+={}[]\\|<,>.?/"\';:`';
/** Ranges run in this order, not code-point order: library-go's, so [a-Z] is all letters. */
const ASCII = ALPHABET + NUMERALS + SYMBOLS;

const CLASSES: Record<string, string> = {
  w: ALPHABET + NUMERALS + '_',
  d: NUMERALS,
  a: ALPHABET + NUMERALS,
  A: SYMBOLS,
};

const GENERATOR = /\[([a-zA-Z0-9\-\\]+)\]\{([0-9]+)\}/g;
const MAX_LENGTH = 255;

/** Throws an Error saying what is wrong with the pattern; the caller names the parameter. */
export function generateFromExpression(pattern: string, randomInt: RandomInt = defaultRandomInt) {
  return pattern.replace(GENERATOR, (_, ranges: string, count: string) => {
    const length = Number(count);
    if (length < 1 || length > MAX_LENGTH) {
      throw new Error(`range must be within [1-${MAX_LENGTH}] characters (${length})`);
    }
    const alphabet = charactersOf(ranges);
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)] ?? '';
    return out;
  });
}

/** Every character the bracket contents allow, each once so no character is favoured. */
function charactersOf(ranges: string): string {
  const chars = new Set<string>();
  const add = (text: string) => {
    for (const ch of text) chars.add(ch);
  };
  for (let i = 0; i < ranges.length; i++) {
    const ch = ranges.charAt(i);
    if (ch === '\\') {
      const cls = ranges.charAt(++i);
      const set = Object.hasOwn(CLASSES, cls) ? CLASSES[cls] : undefined;
      if (set === undefined) throw new Error(`unknown character class "\\${cls}" in [${ranges}]`);
      add(set);
    } else if (ranges.charAt(i + 1) === '-' && /[a-zA-Z0-9]/.test(ranges.charAt(i + 2))) {
      const to = ranges.charAt(i + 2);
      const left = ASCII.indexOf(ch);
      const right = ASCII.lastIndexOf(to);
      if (left > right) throw new Error(`invalid range specified: ${ch}-${to}`);
      add(ASCII.slice(left, right + 1));
      i += 2;
    } else {
      add(ch);
    }
  }
  return [...chars].join('');
}
