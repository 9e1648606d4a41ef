/** Kubernetes quantities, read by the plugin (quota hints) and the embedded cluster (metrics). */
const SUFFIXES: Record<string, number> = {
  m: 1e-3,
  '': 1,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * A Kubernetes quantity as a number in its base unit (cores, bytes, objects): `500m` → 0.5,
 * `4Gi` → 4294967296, `10` → 10. Undefined when it is not a quantity.
 */
export const quantityValue = (quantity: unknown): number | undefined => {
  if (typeof quantity === 'number') return Number.isFinite(quantity) ? quantity : undefined;
  if (typeof quantity !== 'string') return undefined;
  const match = /^([+-]?[0-9]*\.?[0-9]+)(m|k|K|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(
    quantity.trim(),
  );
  if (!match) return undefined;
  return Number(match[1]) * (SUFFIXES[match[2] ?? ''] ?? 1);
};
