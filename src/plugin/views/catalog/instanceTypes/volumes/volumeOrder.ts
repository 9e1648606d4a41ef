// Search and order of step 1's table: favourites first, then the chosen column.
import type { BootableVolume } from '../flow';

export type SortDirection = 'asc' | 'desc';
export type SortValue = string | number | undefined;

/**
 * Whether every word of `query` is in the volume's name, display name, OS, OS label or
 * preference (case-insensitive). An empty query matches all.
 */
export const matchesSearch = (volume: BootableVolume, query: string, osLabel = ''): boolean => {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = [volume.source.name, volume.displayName, volume.os, osLabel, volume.preference]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return words.every((word) => text.includes(word));
};

export const searchVolumes = <T extends BootableVolume>(
  volumes: readonly T[],
  query: string,
  osLabelOf: (volume: T) => string = () => '',
): T[] => volumes.filter((volume) => matchesSearch(volume, query, osLabelOf(volume)));

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Compares two sort values; an unknown one (undefined or '') goes last either way. */
const compareValues = (a: SortValue, b: SortValue, direction: SortDirection): number => {
  const aMissing = a === undefined || a === '';
  const bMissing = b === undefined || b === '';
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  const order =
    typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
  return direction === 'asc' ? order : -order;
};

/**
 * Favourites first, each group ordered by `value` in `direction`; ties by display name, then
 * by name, so the order never depends on the order the lists arrived in.
 */
export const orderVolumes = <T extends BootableVolume>(
  volumes: readonly T[],
  {
    value,
    direction,
    isFavorite,
  }: {
    value(volume: T): SortValue;
    direction: SortDirection;
    isFavorite(volume: T): boolean;
  },
): T[] =>
  volumes
    .map((volume) => ({ volume, favorite: isFavorite(volume), value: value(volume) }))
    .sort(
      (a, b) =>
        Number(b.favorite) - Number(a.favorite) ||
        compareValues(a.value, b.value, direction) ||
        collator.compare(a.volume.displayName, b.volume.displayName) ||
        collator.compare(a.volume.source.name, b.volume.source.name) ||
        collator.compare(a.volume.source.namespace, b.volume.source.namespace),
    )
    .map(({ volume }) => volume);
