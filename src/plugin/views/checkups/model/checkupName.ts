// A checkup's name is its ConfigMap's, and also a label value on its Jobs: a DNS-1123 label.
import type { CheckupDefinition } from '../checkupKinds';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_LENGTH = 63;
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `kubevirt-vm-latency-checkup-x7k2p`: the checkup's prefix and five random characters. */
export const generatedCheckupName = (
  checkup: CheckupDefinition,
  random: () => number = Math.random,
): string => {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return `${checkup.namePrefix}-${suffix}`;
};

/** Why `name` cannot name a new checkup, or undefined when it can. */
export const checkupNameError = (
  name: string,
  t: Translate,
  taken: readonly string[] = [],
): string | undefined => {
  if (!name) return t('Enter a name.');
  if (name.length > MAX_LENGTH)
    return t('A name must be at most {{max}} characters.', { max: MAX_LENGTH });
  if (!DNS_1123_LABEL.test(name))
    return t(
      'Use lowercase letters, digits and "-" only, starting and ending with a letter or digit.',
    );
  if (taken.includes(name)) return t('A checkup named {{name}} already exists.', { name });
  return undefined;
};
