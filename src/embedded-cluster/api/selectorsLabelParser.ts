// The label selector string syntax, parsed the way k8s.io/apimachinery/pkg/labels does it
// (lexer, then recursive descent), so kubectl -l gives the same results and the same errors.
import { SelectorError } from './selectorsError';
import {
  matcherFor,
  newRequirement,
  type LabelMatcher,
  type LabelOperator,
  type LabelRequirement,
} from './selectorsLabel';

type Kind = 'id' | 'in' | 'notin' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '>' | '<' | 'end';
interface Token {
  kind: Kind;
  text: string;
}

const SPECIAL = '=!(),<>';
const SYMBOLS: ReadonlySet<string> = new Set(['(', ')', ',', '!', '=', '==', '!=', '>', '<']);
const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const at = (j: number) => text.charAt(j);
  while (i < text.length) {
    if (isSpace(at(i))) {
      i++;
    } else if (SPECIAL.includes(at(i))) {
      // Longest symbol wins, so "!=" is one token and "!a" is "!" then "a".
      let symbol = at(i++);
      while (i < text.length && SYMBOLS.has(symbol + at(i))) symbol += at(i++);
      tokens.push({ kind: symbol as Kind, text: symbol });
    } else {
      const start = i;
      while (i < text.length && !isSpace(at(i)) && !SPECIAL.includes(at(i))) i++;
      const word = text.slice(start, i);
      tokens.push({ kind: word === 'in' || word === 'notin' ? word : 'id', text: word });
    }
  }
  tokens.push({ kind: 'end', text: '' });
  return tokens;
}

/**
 * Where a token is read matters, as upstream: reading values ("Values" context) "in" and
 * "notin" are plain identifiers (`env in (in)`); only after a key are they operators.
 */
class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(asValue = true): Token {
    const token = this.tokens[this.position] ?? { kind: 'end', text: '' };
    return asValue && (token.kind === 'in' || token.kind === 'notin')
      ? { ...token, kind: 'id' }
      : token;
  }

  next(asValue = true): Token {
    const token = this.peek(asValue);
    if (token.kind !== 'end') this.position++;
    return token;
  }
}

/** Parses `a=b,c!=d,e in (f,g),!h` into requirements; an empty string means no requirement. */
export function parseLabelRequirements(text: string): LabelRequirement[] {
  const p = new Parser(lex(text));
  const requirements: LabelRequirement[] = [];
  for (;;) {
    const { kind, text: lit } = p.peek();
    if (kind === 'end') return requirements;
    if (kind !== 'id' && kind !== '!') {
      throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
    }
    try {
      requirements.push(parseRequirement(p));
    } catch (err) {
      if (err instanceof SelectorError) {
        throw new SelectorError(`unable to parse requirement: ${err.message}`);
      }
      throw err;
    }
    const after = p.next();
    if (after.kind === 'end') return requirements;
    if (after.kind !== ',') {
      throw new SelectorError(`found '${after.text}', expected: ',' or 'end of string'`);
    }
    const following = p.peek();
    if (following.kind !== 'id' && following.kind !== '!') {
      throw new SelectorError(`found '${following.text}', expected: identifier after ','`);
    }
  }
}

export const parseLabelSelector = (text: string): LabelMatcher =>
  matcherFor(parseLabelRequirements(text));

const BINARY: Partial<Record<Kind, LabelOperator>> = {
  in: 'in',
  notin: 'notin',
  '=': '=',
  '==': '==',
  '!=': '!=',
  '>': 'gt',
  '<': 'lt',
};

function parseRequirement(p: Parser): LabelRequirement {
  let token = p.next();
  const negated = token.kind === '!';
  if (negated) token = p.next();
  if (token.kind !== 'id') throw new SelectorError(`found '${token.text}', expected: identifier`);
  const key = token.text;
  const lookahead = p.peek().kind;
  if (negated) return newRequirement(key, '!', []);
  if (lookahead === 'end' || lookahead === ',') return newRequirement(key, 'exists', []);

  const opToken = p.next(false);
  const operator = BINARY[opToken.kind];
  if (operator === undefined) {
    throw new SelectorError(`found '${opToken.text}', expected: in, notin, =, ==, !=, gt, lt`);
  }
  const values = operator === 'in' || operator === 'notin' ? parseValueSet(p) : parseExactValue(p);
  return newRequirement(key, operator, values);
}

/** `=` takes one identifier, or nothing (`a=` selects an empty value). */
function parseExactValue(p: Parser): string[] {
  const next = p.peek().kind;
  if (next === 'end' || next === ',') return [''];
  const token = p.next();
  if (token.kind !== 'id') throw new SelectorError(`found '${token.text}', expected: identifier`);
  return [token.text];
}

/** `(a, b)`; empty members are empty values, as upstream: `()` and `(a,)` hold "". */
function parseValueSet(p: Parser): string[] {
  const open = p.next();
  if (open.kind !== '(') throw new SelectorError(`found '${open.text}', expected: '('`);
  const values = new Set<string>();
  let expectValue = true;
  for (;;) {
    const token = p.next();
    if (token.kind === ')') {
      if (expectValue) values.add('');
      return [...values];
    }
    if (token.kind === ',') {
      if (expectValue) values.add('');
      expectValue = true;
    } else if (token.kind === 'id' && expectValue) {
      values.add(token.text);
      expectValue = false;
    } else {
      throw new SelectorError(
        `found '${token.text}', expected: ${expectValue ? "',', ')' or identifier" : "',' or ')'"}`,
      );
    }
  }
}
