// Confining PromQL to one namespace, as prom-label-proxy does: every series selector gets
// `namespace="NS"` (any namespace matcher the caller wrote is dropped). The query is parsed with
// Prometheus's own Lezer grammar and rebuilt: selectors and string literals are written anew,
// comments dropped, and everything between the remaining tokens must be plain punctuation, so
// Prometheus's parser cannot read a selector into the result that ours did not see.
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode, Tree } from '@lezer/common';

/** The query does not parse; `position` is the character offset where it stops making sense. */
export class PromQLError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const NAMESPACE = 'namespace';

/** Between tokens only whitespace and brackets, commas and colons (nothing that opens a string). */
const GAP = /^[\s()[\],:]*$/;
/** Tokens written as they came: names, keywords, numbers, durations, operators, `()`. */
const PLAIN_TOKEN = /^[\w\s.:+\-*/%^=!<>~@()[\],]*$/;

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
  "'": 39,
  '"': 34,
};

/** The bytes a PromQL string literal stands for (Go's escapes; backquoted strings are raw). */
export const decodeString = (literal: string, at = 0): Buffer => {
  const quote = literal[0] ?? '';
  if (literal.length < 2 || !`"'\``.includes(quote) || !literal.endsWith(quote))
    throw new PromQLError(`unterminated quoted string ${literal}`, at);
  const body = literal.slice(1, -1);
  if (quote === '`') return Buffer.from(body, 'utf8');
  const chars = [...body]; // code points, so characters beyond the BMP stay whole
  const bytes: number[] = [];
  const fail = (message: string): never => {
    throw new PromQLError(message, at);
  };
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    if (char === quote) fail(`unescaped ${quote} inside a string`);
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = chars[i + 1] ?? '';
    const simple = SIMPLE_ESCAPES[next];
    // Go allows \' only in '…' and \" only in "…".
    if (simple !== undefined && (next === quote || !`'"`.includes(next))) {
      bytes.push(simple);
      i += 1;
      continue;
    }
    const digits = (count: number, pattern: RegExp, from: number) => {
      const text = chars.slice(from, from + count).join('');
      if (text.length !== count || !pattern.test(text))
        fail(`invalid escape sequence \\${next}${text} in a string`);
      return text;
    };
    if (next === 'x') {
      bytes.push(parseInt(digits(2, /^[0-9a-fA-F]+$/, i + 2), 16));
      i += 3;
    } else if (next === 'u' || next === 'U') {
      const count = next === 'u' ? 4 : 8;
      const codePoint = parseInt(digits(count, /^[0-9a-fA-F]+$/, i + 2), 16);
      if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
        fail('invalid Unicode code point in a string');
      bytes.push(...Buffer.from(String.fromCodePoint(codePoint), 'utf8'));
      i += 1 + count;
    } else if (/^[0-7]$/.test(next)) {
      const value = parseInt(digits(3, /^[0-7]+$/, i + 1), 8);
      if (value > 255) fail('octal escape above \\377 in a string');
      bytes.push(value);
      i += 3;
    } else fail(`invalid escape sequence \\${next} in a string`);
  }
  return Buffer.from(bytes);
};

/** A double-quoted literal Go reads back as exactly `bytes`: printable ASCII as is, else \xHH. */
export const quoteString = (value: Buffer | string): string => {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  let out = '"';
  for (const byte of bytes) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
};

const textOf = (query: string, node: SyntaxNode) => query.slice(node.from, node.to);

const children = (node: SyntaxNode): SyntaxNode[] => {
  const list: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) list.push(child);
  return list;
};

/** The first syntax error in the tree, as Prometheus would say it. */
const firstError = (query: string, tree: Tree): PromQLError | undefined => {
  let error: PromQLError | undefined;
  tree.iterate({
    enter(node) {
      if (error) return false;
      if (!node.type.isError) return undefined;
      const near = query.slice(node.from, node.from + 20).trim();
      error = new PromQLError(near ? `unexpected "${near}"` : 'unexpected end of input', node.from);
      return false;
    },
  });
  return error;
};

const parse = (query: string): Tree => {
  if (!query.trim()) throw new PromQLError('no expression found in input', 0);
  const tree = parser.parse(query);
  const error = firstError(query, tree);
  if (error) throw error;
  return tree;
};

/** One selector rebuilt: its name, its matchers but any on `namespace`, then ours. */
const confineSelector = (query: string, selector: SyntaxNode, namespace: string): string => {
  let name = '';
  const matchers: string[] = [];
  for (const child of children(selector)) {
    if (child.name === 'Identifier') name = textOf(query, child);
    else if (child.name === 'LabelMatchers') {
      for (const matcher of children(child)) {
        if (matcher.name === 'LineComment') continue;
        if (matcher.name === 'QuotedLabelName') {
          // A quoted metric name: {"my.metric"} (Prometheus 3).
          const literal = matcher.firstChild;
          if (!literal) throw new PromQLError('empty metric name', matcher.from);
          matchers.push(quoteString(decodeString(textOf(query, literal), literal.from)));
          continue;
        }
        const [label, op, value] = children(matcher).filter((n) => n.name !== 'LineComment');
        if (!label || !op || !value)
          throw new PromQLError(`incomplete label matcher`, matcher.from);
        let labelText: string;
        let labelName: string;
        if (label.name === 'LabelName') {
          labelText = labelName = textOf(query, label);
        } else {
          const literal = label.firstChild;
          if (!literal) throw new PromQLError('empty label name', label.from);
          const bytes = decodeString(textOf(query, literal), literal.from);
          labelName = bytes.toString('utf8');
          labelText = quoteString(bytes);
        }
        if (labelName === NAMESPACE) continue;
        const opText = textOf(query, op);
        if (!['=', '!=', '=~', '!~'].includes(opText))
          throw new PromQLError(`unknown match operator ${opText}`, op.from);
        matchers.push(
          `${labelText}${opText}${quoteString(decodeString(textOf(query, value), value.from))}`,
        );
      }
    } else if (child.name !== 'LineComment')
      throw new PromQLError(`unexpected ${child.name} in a selector`, child.from);
  }
  matchers.push(`${NAMESPACE}=${quoteString(namespace)}`);
  return `${name}{${matchers.join(', ')}}`;
};

/** The tree written back with every selector confined to `namespace`. */
const rebuild = (query: string, node: SyntaxNode, namespace: string): string => {
  if (node.name === 'VectorSelector') return confineSelector(query, node, namespace);
  if (node.name === 'StringLiteral')
    return quoteString(decodeString(textOf(query, node), node.from));
  if (node.name === 'LineComment') return ' ';
  const parts = children(node);
  if (parts.length === 0) {
    const text = textOf(query, node);
    if (!PLAIN_TOKEN.test(text))
      throw new PromQLError(`cannot read ${JSON.stringify(text)} as one token`, node.from);
    return text;
  }
  let out = '';
  let at = node.from;
  for (const part of parts) {
    const gap = query.slice(at, part.from);
    if (!GAP.test(gap)) throw new PromQLError(`cannot read ${JSON.stringify(gap.trim())} here`, at);
    out += gap + rebuild(query, part, namespace);
    at = part.to;
  }
  const tail = query.slice(at, node.to);
  if (!GAP.test(tail)) throw new PromQLError(`cannot read ${JSON.stringify(tail.trim())}`, at);
  return out + tail;
};

/**
 * Checks what we send: it parses, every selector carries exactly our namespace matcher, and
 * every metric name sits in a selector (none read as something else).
 */
const verify = (confined: string, namespace: string) => {
  const tree = parse(confined);
  const expected = `${NAMESPACE}=${quoteString(namespace)}`;
  let problem: string | undefined;
  tree.iterate({
    enter(node) {
      if (node.name === 'Identifier' && node.node.parent?.name !== 'VectorSelector')
        problem = `a name outside a selector at ${node.from}`;
      if (node.name === 'VectorSelector') {
        const matchers = node.node.getChild('LabelMatchers');
        const onNamespace = matchers
          ? children(matchers).filter((matcher) => {
              const label = matcher.firstChild;
              if (label?.name === 'LabelName') return textOf(confined, label) === NAMESPACE;
              const literal = label?.name === 'QuotedLabelName' ? label.firstChild : null;
              return (
                matcher.name === 'QuotedLabelMatcher' &&
                !!literal &&
                decodeString(textOf(confined, literal)).toString('utf8') === NAMESPACE
              );
            })
          : [];
        if (onNamespace.length !== 1 || textOf(confined, onNamespace[0] as SyntaxNode) !== expected)
          problem = `a selector without the namespace matcher at ${node.from}`;
      }
      return undefined;
    },
  });
  if (problem) throw new PromQLError(`the query cannot be confined to a namespace: ${problem}`, 0);
};

/** `query` with every series selector limited to `namespace` (throws PromQLError). */
export const confineQuery = (query: string, namespace: string): string => {
  const tree = parse(query);
  const confined = rebuild(query, tree.topNode, namespace).trim();
  verify(confined, namespace);
  return confined;
};

/** A `match[]` series selector limited to `namespace`; anything but one selector is refused. */
export const confineMatcher = (selector: string, namespace: string): string => {
  const tree = parse(selector);
  const top = tree.topNode.firstChild;
  const extra = tree.topNode.lastChild;
  if (
    !top ||
    top.name !== 'VectorSelector' ||
    (extra && extra.from !== top.from && extra.name !== 'LineComment')
  )
    throw new PromQLError(
      `match[] must be one series selector such as up{job="x"}, not ${JSON.stringify(selector)}`,
      0,
    );
  return confineQuery(selector, namespace);
};
