import { generatedName } from '../../../vms/details/configuration/editor/randomText';
import type { BootableVolume } from '../flow';

const ADJECTIVES = [
  'amber',
  'azure',
  'brave',
  'bright',
  'calm',
  'clever',
  'coral',
  'crimson',
  'eager',
  'gentle',
  'golden',
  'happy',
  'indigo',
  'jolly',
  'kind',
  'lively',
  'lucky',
  'mellow',
  'nimble',
  'olive',
  'quiet',
  'rapid',
  'scarlet',
  'silver',
  'steady',
  'sunny',
  'swift',
  'tidy',
  'violet',
  'witty',
] as const;

const ANIMALS = [
  'badger',
  'beaver',
  'bison',
  'crane',
  'dolphin',
  'eagle',
  'falcon',
  'ferret',
  'gecko',
  'heron',
  'ibex',
  'jaguar',
  'koala',
  'lemur',
  'lynx',
  'marmot',
  'narwhal',
  'otter',
  'panda',
  'puffin',
  'quokka',
  'raven',
  'salmon',
  'seal',
  'tapir',
  'toucan',
  'walrus',
  'wombat',
  'yak',
  'zebra',
] as const;

/** A random index below `n`, from the browser's CSPRNG. */
const randomIndex = (n: number): number => {
  const value = new Uint32Array(1);
  globalThis.crypto.getRandomValues(value);
  return (value[0] ?? 0) % n;
};

/** `rhel.9` → `rhel-9`: lowercase alphanumerics and single dashes, none at either end. */
const labelPart = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** What the name starts with: the volume's preference, else its OS, else its name; `vm` without. */
export const vmNameBase = (volume?: BootableVolume): string =>
  labelPart(volume?.preference ?? '') ||
  labelPart(volume?.os ?? '') ||
  labelPart(volume?.displayName ?? '') ||
  'vm';

/**
 * A default VM name as the incumbent gives one: `<os>-<adjective>-<animal>`
 * (`fedora-amber-otter`), a DNS-1123 label of at most 63 characters.
 */
export const generateVmName = (volume?: BootableVolume, pick = randomIndex): string =>
  generatedName(
    vmNameBase(volume),
    ADJECTIVES[pick(ADJECTIVES.length)] ?? ADJECTIVES[0],
    ANIMALS[pick(ANIMALS.length)] ?? ANIMALS[0],
  );
