// ResourceLists (`{ "requests.storage": 10Gi, pods: 3 }`) and the operations quota applies to
// them, after apimachinery's pkg/quota/v1 helpers.
import { addQuantities, formatQuantity, parseQuantity, type Quantity, ZERO } from './quantity';

export type ResourceList = Record<string, Quantity>;

/** Parses a JSON resource list; values that are not quantities are left out. */
export const parseResourceList = (value: unknown): ResourceList => {
  const list: ResourceList = {};
  if (!value || typeof value !== 'object') return list;
  for (const [key, raw] of Object.entries(value)) {
    const quantity = parseQuantity(raw);
    if (quantity) list[key] = quantity;
  }
  return list;
};

/** The list as JSON, every value in canonical form. */
export const formatResourceList = (list: ResourceList): Record<string, string> =>
  Object.fromEntries(
    Object.keys(list)
      .sort()
      .map((key) => [key, formatQuantity(list[key] ?? ZERO)]),
  );

export const addLists = (a: ResourceList, b: ResourceList): ResourceList => {
  const sum: ResourceList = { ...a };
  for (const [key, value] of Object.entries(b)) sum[key] = addQuantities(sum[key] ?? ZERO, value);
  return sum;
};

/** The larger of each value (an init container's needs against the app containers' sum). */
export const maxLists = (a: ResourceList, b: ResourceList): ResourceList => {
  const max: ResourceList = { ...a };
  for (const [key, value] of Object.entries(b))
    if (!max[key] || value.nano > max[key].nano) max[key] = value;
  return max;
};

/** a - b, negative results dropped (an update is charged only for what it adds). */
export const subtractNonNegative = (a: ResourceList, b: ResourceList): ResourceList => {
  const rest: ResourceList = {};
  for (const [key, value] of Object.entries(a)) {
    const nano = value.nano - (b[key]?.nano ?? 0n);
    if (nano > 0n) rest[key] = { nano, format: value.format };
  }
  return rest;
};

/** Only the given keys. */
export const mask = (list: ResourceList, keys: readonly string[]): ResourceList =>
  Object.fromEntries(keys.filter((key) => list[key]).map((key) => [key, list[key] as Quantity]));

/** `a=1,b=2Gi`, keys sorted: how quota admission prints lists in its messages. */
export const prettyPrint = (list: ResourceList): string =>
  Object.keys(list)
    .sort()
    .map((key) => `${key}=${formatQuantity(list[key] ?? ZERO)}`)
    .join(',');
