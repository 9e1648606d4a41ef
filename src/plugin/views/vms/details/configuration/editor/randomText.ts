const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters drawn from `alphabet` with the browser's CSPRNG. */
export const randomText = (length: number, alphabet = ALPHANUMERIC): string => {
  const values = new Uint32Array(length);
  globalThis.crypto.getRandomValues(values);
  return Array.from(values, (value) => alphabet[value % alphabet.length]).join('');
};

/** A disk serial for a ConfigMap, Secret or ServiceAccount disk: 6 of `[A-Za-z0-9]`. */
export const randomSerial = (): string => randomText(6);

/** A suffix for generated object names (`-ssh-key-x7k2p`): 5 of `[a-z0-9]`. */
export const randomNameSuffix = (): string => randomText(5, LOWER_ALPHANUMERIC);

/**
 * `base-infix-suffix` cut so the whole stays a DNS-1123 label (63 characters): the base is
 * shortened, never the parts that make the name recognisable and unique.
 */
export const generatedName = (base: string, infix: string, suffix = randomNameSuffix()): string => {
  const tail = `-${infix}-${suffix}`;
  const head = base.slice(0, 63 - tail.length).replace(/-+$/, '');
  return `${head || 'vm'}${tail}`;
};
