import type { Translate } from './vmActionModel';

/** Kubernetes' rules for label and annotation keys and values, with messages that say the fix. */

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `prefix/name` or `name` (labels and annotations share it). */
export const validateMetadataKey = (key: string, t: Translate): string | undefined => {
  if (!key) return t('Enter a key.');
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    if (!prefix || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
      return t(
        'The prefix before "/" must be a DNS subdomain of at most 253 characters, such as example.com.',
      );
  }
  if (!name) return t('Enter a name after the "/".');
  if (name.length > 63) return t('The name part must be at most 63 characters.');
  if (!NAME.test(name))
    return t(
      'The name part must begin and end with a letter or digit and contain only letters, digits, "-", "_" and ".".',
    );
  return undefined;
};

export const validateLabelValue = (value: string, t: Translate): string | undefined => {
  if (!value) return undefined;
  if (value.length > 63) return t('A label value must be at most 63 characters.');
  if (!NAME.test(value))
    return t(
      'A label value must begin and end with a letter or digit and contain only letters, digits, "-", "_" and ".".',
    );
  return undefined;
};

/** The whole annotation map may hold 256 KiB; a single value is checked against that. */
export const validateAnnotationValue = (value: string, t: Translate): string | undefined =>
  new TextEncoder().encode(value).length > 256 * 1024
    ? t('Annotations may hold at most 256 KiB in total.')
    : undefined;

export interface MetadataRow {
  key: string;
  value: string;
}

export interface RowErrors {
  key?: string;
  value?: string;
}

/** Errors per row (duplicate keys included); an empty row (both fields blank) is ignored. */
export const validateMetadataRows = (
  rows: MetadataRow[],
  field: 'labels' | 'annotations',
  t: Translate,
): RowErrors[] => {
  const seen = new Map<string, number>();
  return rows.map((row, at) => {
    if (!row.key && !row.value) return {};
    const key =
      validateMetadataKey(row.key, t) ??
      (seen.has(row.key) ? t('This key is already used above.') : undefined);
    if (!seen.has(row.key)) seen.set(row.key, at);
    const value =
      field === 'labels' ? validateLabelValue(row.value, t) : validateAnnotationValue(row.value, t);
    return { key, value };
  });
};

export const rowsOf = (map: Record<string, string> | undefined): MetadataRow[] =>
  Object.entries(map ?? {}).map(([key, value]) => ({ key, value }));

export const mapOf = (rows: MetadataRow[]): Record<string, string> =>
  Object.fromEntries(rows.filter((row) => row.key || row.value).map((row) => [row.key, row.value]));
