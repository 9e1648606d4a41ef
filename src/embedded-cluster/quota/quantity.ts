// Kubernetes resource quantities (apimachinery's resource.Quantity) as quota needs them: exact
// sums and comparisons (nano-units as bigints, no floating point), and the canonical form the
// API server prints (`1536Mi`, `1500m`, `2k`), which is what quota messages and status show.

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

export interface Quantity {
  /** The value in nano-units (1 = 1e-9). */
  readonly nano: bigint;
  /** How it prints: the format of the value it was parsed from (or of a sum's first term). */
  readonly format: QuantityFormat;
}

const NANO = 10n ** 9n;
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL_EXPONENTS: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const DECIMAL_SUFFIXES = Object.fromEntries(
  Object.entries(DECIMAL_EXPONENTS).map(([suffix, exponent]) => [exponent, suffix]),
);
const PATTERN = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:([KMGTPE]i)|[eE]([+-]?\d+)|([numkMGTPE]))?$/;

/** a / b rounded up (toward +∞), as Kubernetes rounds values finer than a nano-unit. */
const divideUp = (a: bigint, b: bigint) => {
  const q = a / b;
  return a % b !== 0n && a > 0n === b > 0n ? q + 1n : q;
};

export const ZERO: Quantity = { nano: 0n, format: 'DecimalSI' };

/** A whole number (an object count), as quota counts objects. */
export const countOf = (n: number | bigint): Quantity => ({
  nano: BigInt(n) * NANO,
  format: 'DecimalSI',
});

/** Bytes as a BinarySI quantity. */
export const bytesOf = (n: number | bigint): Quantity => ({
  nano: BigInt(n) * NANO,
  format: 'BinarySI',
});

/** Parses `2Gi`, `500m`, `1.5`, `1e3` or a number; undefined when it is not a quantity. */
export const parseQuantity = (value: unknown): Quantity | undefined => {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const match = PATTERN.exec(String(value).trim());
  if (!match) return undefined;
  const [, sign, number = '', binary, exponent, decimal] = match;
  const [whole = '', fraction = ''] = number.split('.');
  const mantissa = BigInt(`${whole}${fraction}` || '0') * (sign === '-' ? -1n : 1n);
  let nano: bigint;
  let format: QuantityFormat;
  if (binary) {
    format = 'BinarySI';
    const scaled = mantissa * 1024n ** BigInt(BINARY_SUFFIXES.indexOf(binary));
    const shift = 9 - fraction.length;
    nano = shift >= 0 ? scaled * 10n ** BigInt(shift) : divideUp(scaled, 10n ** BigInt(-shift));
  } else {
    format = exponent !== undefined ? 'DecimalExponent' : 'DecimalSI';
    const power =
      (exponent !== undefined ? Number(exponent) : (DECIMAL_EXPONENTS[decimal ?? ''] ?? 0)) +
      9 -
      fraction.length;
    nano = power >= 0 ? mantissa * 10n ** BigInt(power) : divideUp(mantissa, 10n ** BigInt(-power));
  }
  return { nano, format };
};

/** The canonical form, as `Quantity.String()` prints it. */
export const formatQuantity = ({ nano, format }: Quantity): string => {
  if (nano === 0n) return '0';
  const magnitude = nano < 0n ? -nano : nano;
  // Binary suffixes only for whole numbers of at least 1024; the rest print as DecimalSI.
  if (format === 'BinarySI' && magnitude >= 1024n * NANO && nano % NANO === 0n) {
    let value = nano / NANO;
    let index = 0;
    while (value % 1024n === 0n && index < BINARY_SUFFIXES.length - 1) {
      value /= 1024n;
      index++;
    }
    return `${value}${BINARY_SUFFIXES[index]}`;
  }
  // The largest exponent, a multiple of 3, that leaves a whole mantissa.
  for (let exponent = 18; exponent >= -9; exponent -= 3) {
    const unit = 10n ** BigInt(exponent + 9);
    if (nano % unit !== 0n) continue;
    const suffix =
      format === 'DecimalExponent'
        ? exponent === 0
          ? ''
          : `e${exponent}`
        : (DECIMAL_SUFFIXES[exponent] ?? '');
    return `${nano / unit}${suffix}`;
  }
  return `${nano}n`;
};

/** a + b, in a's format unless a is zero (apimachinery's `Quantity.Add`). */
export const addQuantities = (a: Quantity, b: Quantity): Quantity => ({
  nano: a.nano + b.nano,
  format: a.nano === 0n ? b.format : a.format,
});

/** The quantity in whole units, rounded up (a storage request counts whole bytes). */
export const roundUpToUnits = (q: Quantity): Quantity => ({
  nano: divideUp(q.nano, NANO) * NANO,
  format: q.format,
});

/** Whole units, rounded up. */
export const unitsOf = (q: Quantity): bigint => divideUp(q.nano, NANO);
