/** A PromQL string literal: quotes, backslashes and newlines escaped, never interpolated raw. */
export const promString = (value: string): string =>
  `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/**
 * `{a="x",b=~"y|z"}` from label → value (equality) or label → values (an exact alternative, each
 * value regex-escaped). Undefined values are left out; an empty set gives `""`.
 */
export const labelMatchers = (labels: Record<string, string | string[] | undefined>): string => {
  const parts = Object.entries(labels).flatMap(([label, value]) => {
    if (value === undefined) return [];
    if (Array.isArray(value))
      return [`${label}=~${promString(value.map(regexLiteral).join('|') || '^$')}`];
    return [`${label}=${promString(value)}`];
  });
  return parts.length ? `{${parts.join(',')}}` : '';
};

const regexLiteral = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `{namespace="NS",name="NAME"}`: the series of one VMI (KubeVirt labels them `name`). */
export const vmiSelector = (namespace: string, name: string): string =>
  labelMatchers({ namespace, name });

/** What a chart or a figure measures: the unit its values are in. */
export type MetricUnit =
  | 'cores'
  | 'bytes'
  | 'bytesPerSecond'
  | 'operationsPerSecond'
  | 'seconds'
  | 'secondsPerSecond'
  | 'count'
  | 'ratio';
