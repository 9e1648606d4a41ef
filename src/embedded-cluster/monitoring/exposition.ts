// The Prometheus text exposition format (version 0.0.4), as /metrics writes it.

export type MetricType = 'gauge' | 'counter';

export interface Sample {
  labels: Record<string, string>;
  /** A number, or its text when the format matters (`1700000000.000`). */
  value: number | string;
}

const escapeValue = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** `{a="1",b="2"}`, in the order given; empty for no labels. */
export const labelSet = (pairs: Record<string, string>): string => {
  const entries = Object.entries(pairs);
  if (!entries.length) return '';
  return `{${entries.map(([key, value]) => `${key}="${escapeValue(value)}"`).join(',')}}`;
};

/**
 * One metric family: its HELP and TYPE lines, then a line per sample. A family without samples
 * is left out (as client libraries do for label vectors nobody set), unless `always`.
 */
export const family = (
  name: string,
  type: MetricType,
  help: string,
  samples: Sample[],
  options: { always?: boolean } = {},
): string[] => {
  if (!samples.length && !options.always) return [];
  return [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} ${type}`,
    ...samples.map(({ labels, value }) => `${name}${labelSet(labels)} ${value}`),
  ];
};
