import { useUserPreference } from '@openshift-console/dynamic-plugin-sdk';
import { useCallback, useMemo } from 'react';
import type { BootableVolume } from '../flow';
import { volumeKey } from './bootableVolumes';

/** The user preference holding the starred volumes, as `kind/namespace/name`. */
export const FAVORITE_VOLUMES_KEY = 'virtualization-plugin.catalog.favoriteVolumes';

const NONE: string[] = [];

/** The user's favourite volumes (remembered per user, followed across tabs) and their toggle. */
export const useFavoriteVolumes = () => {
  const [stored, setStored, loaded] = useUserPreference<string[]>(FAVORITE_VOLUMES_KEY, NONE, true);
  // A preference written by something else may not be a list: it is then no favourites.
  const favorites = Array.isArray(stored) ? stored : NONE;
  const keys = useMemo(() => new Set(favorites), [favorites]);
  const isFavorite = useCallback(
    (volume: BootableVolume) => keys.has(volumeKey(volume.source)),
    [keys],
  );
  const toggleFavorite = useCallback(
    (volume: BootableVolume) =>
      setStored((current) => {
        const list = Array.isArray(current) ? current : NONE;
        const key = volumeKey(volume.source);
        return list.includes(key) ? list.filter((k) => k !== key) : [...list, key];
      }),
    [setStored],
  );
  return { favorites, isFavorite, toggleFavorite, loaded };
};
