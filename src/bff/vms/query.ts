import {
  SORT_KEYS,
  type SortKey,
  type VmPage,
  type VmQuery,
  type VmSummary,
} from '../../common/vms';

export { SORT_KEYS, type SortKey, type VmPage, type VmQuery };

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** A question the index cannot answer as asked (400). */
export class VmQueryError extends Error {}

/**
 * A row as the index keeps it: the summary, and flat copies of what filters and sorts read (one
 * hidden class, no pointer chasing: a page scans 100k of these).
 */
export class Row {
  readonly namespace: string;
  readonly name: string;
  readonly status: string;
  readonly node: string;
  readonly created: string;
  readonly os: string;
  readonly ips: string[];
  readonly labels: Record<string, string>;
  /** Lower-case name and label `key=value`s, for the `text` filter. */
  readonly search: string;

  constructor(
    readonly key: string,
    readonly summary: VmSummary,
  ) {
    this.namespace = summary.namespace;
    this.name = summary.name;
    this.status = summary.status;
    this.node = summary.node ?? '';
    this.created = summary.created ?? '';
    this.os = (summary.os ?? '').toLowerCase();
    this.ips = summary.ips;
    this.labels = summary.labels;
    let search = summary.name;
    for (const key in summary.labels) search += `\n${key}=${summary.labels[key]}`;
    this.search = search.toLowerCase();
  }
}

type LabelTest = (labels: Record<string, string>) => boolean;

const parseLabelSelector = (selector: string): LabelTest[] =>
  selector
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part): LabelTest => {
      const match = /^(!?)([\w./-]+)\s*(?:(==|=|!=)\s*([\w.-]*))?$/.exec(part);
      if (!match)
        throw new VmQueryError(
          `Unsupported label selector "${part}": use key=value, key!=value, key or !key.`,
        );
      const [, not, key = '', op, value = ''] = match;
      if (not && op) throw new VmQueryError(`Unsupported label selector "${part}".`);
      if (not) return (labels) => !(key in labels);
      if (!op) return (labels) => key in labels;
      if (op === '!=') return (labels) => labels[key] !== value;
      return (labels) => labels[key] === value;
    });

/** The filter of a query, visibility included, as one predicate over rows. */
export const rowFilter = (
  query: VmQuery,
  namespaces: ReadonlySet<string> | undefined,
): ((row: Row) => boolean) | undefined => {
  const statuses = query.status?.length ? new Set(query.status) : undefined;
  const nodes = query.node?.length ? new Set(query.node) : undefined;
  const ip = query.ip || undefined;
  const os = query.os?.toLowerCase() || undefined;
  const text = query.text?.toLowerCase() || undefined;
  const labels = query.label ? parseLabelSelector(query.label) : undefined;
  if (!namespaces && !statuses && !nodes && !ip && !os && !text && !labels) return undefined;
  return (row) =>
    (!namespaces || namespaces.has(row.namespace)) &&
    (!statuses || statuses.has(row.status)) &&
    (!nodes || nodes.has(row.node)) &&
    (!ip || row.ips.some((address) => address.startsWith(ip))) &&
    (!os || row.os.includes(os)) &&
    (!text || row.search.includes(text)) &&
    (!labels || labels.every((test) => test(row.labels)));
};

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const byName = (a: Row, b: Row) =>
  compareStrings(a.name, b.name) || compareStrings(a.namespace, b.namespace);
const byNamespace = (a: Row, b: Row) =>
  compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name);

/** A total order per key: the key, then namespace and name (unique per row). */
export const COMPARATORS: Record<SortKey, (a: Row, b: Row) => number> = {
  name: byName,
  namespace: byNamespace,
  status: (a, b) => compareStrings(a.status, b.status) || byNamespace(a, b),
  created: (a, b) => compareStrings(a.created, b.created) || byNamespace(a, b),
  node: (a, b) => compareStrings(a.node, b.node) || byNamespace(a, b),
};

// ---- continue tokens: where the next page starts, for which question, at which version -------

/** A short fingerprint of what a page depends on besides its offset (FNV-1a). */
const fingerprint = (query: VmQuery) => {
  const text = JSON.stringify([
    query.text ?? '',
    [...(query.namespace ?? [])].sort(),
    [...(query.status ?? [])].sort(),
    query.os ?? '',
    [...(query.node ?? [])].sort(),
    query.ip ?? '',
    query.label ?? '',
    query.sort ?? 'name',
    query.order ?? 'asc',
  ]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
};

export const encodeContinue = (offset: number, version: number, query: VmQuery) =>
  Buffer.from(JSON.stringify({ o: offset, v: version, q: fingerprint(query) })).toString(
    'base64url',
  );

/**
 * The offset a token points at. A token from an older version still pages on from its offset
 * (the index moves while a user pages; the page's `resourceVersion` tells them it moved).
 */
export const decodeContinue = (token: string, query: VmQuery): number => {
  let parsed: { o?: unknown; v?: unknown; q?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw new VmQueryError('The continue token could not be decoded: start again without it.');
  }
  if (typeof parsed.o !== 'number' || !Number.isInteger(parsed.o) || parsed.o < 0)
    throw new VmQueryError('The continue token could not be decoded: start again without it.');
  if (parsed.q !== fingerprint(query))
    throw new VmQueryError(
      'The continue token belongs to other filters or another order: start again without it.',
    );
  return parsed.o;
};
