const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 1536 → "1.5 KiB". */
export const formatBytes = (bytes: number): string => {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BINARY.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${BINARY[unit]}`;
};

/** A Kubernetes quantity ("2Gi", "512M", "1073741824") in bytes; undefined when it does not parse. */
export const quantityBytes = (quantity?: string): number | undefined => {
  const match = /^([0-9.]+)([KMGTPE]i?)?$/.exec(quantity?.trim() ?? '');
  if (!match) return undefined;
  const [, number = '', suffix = ''] = match;
  const power = suffix ? 'KMGTPE'.indexOf(suffix[0] ?? '') + 1 : 0;
  const base = suffix.endsWith('i') ? 1024 : 1000;
  return Number(number) * base ** power;
};
