import { skipToken, useQueries, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ListWatchState } from '../../../api/listWatch';
import type { ResourceModel } from '../../../api/models';
import type { K8sObject } from '../../../api/types';
import { acquireWatch, watchQueryKey, type WatchListOptions } from '../../../api/watch';

export interface WatchListsResult<T> {
  data: T[];
  /** Every collection answered (with items or an error). */
  loaded: boolean;
  /** The collections that failed, with the server's Status. */
  errors: unknown[];
  /** Every collection failed: nothing could be read. */
  allFailed: boolean;
}

const EMPTY: never[] = [];

/**
 * Several live lists of one kind as one (a kind in each project the user can see, when they may
 * not list it across the cluster). Each is the data layer's shared watch (`acquireWatch`), so a
 * collection another hook watches too is listed once. `null` watches nothing.
 */
export const useWatchLists = <T extends K8sObject>(
  model: ResourceModel,
  optionsList: readonly WatchListOptions[] | null,
): WatchListsResult<T> => {
  const queryClient = useQueryClient();
  const keys = (optionsList ?? EMPTY).map((opts) => watchQueryKey(model, opts));
  const id = JSON.stringify(keys);
  useEffect(() => {
    if (!optionsList) return undefined;
    const releases = optionsList.map((opts) => acquireWatch(queryClient, model, opts));
    return () => releases.forEach((release) => release());
    // `id` names the model and every collection; the arrays may be new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryClient, id]);
  return useQueries({
    queries: keys.map((queryKey) => ({
      queryKey,
      queryFn: skipToken,
      structuralSharing: false,
    })),
    combine: (results) => {
      const states = results.map((r) => r.data as ListWatchState<T> | undefined);
      const errors = states.flatMap((s) => (s?.error ? [s.error] : EMPTY));
      return {
        data: states.flatMap((s) => s?.items ?? EMPTY),
        loaded: optionsList !== null && states.every((s) => s?.loaded),
        errors,
        allFailed: states.length > 0 && errors.length === states.length,
      };
    },
  });
};
