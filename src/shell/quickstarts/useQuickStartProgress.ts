import type { AllQuickStartStates } from '@patternfly/quickstarts';
import { useCallback, useMemo, type Dispatch, type SetStateAction } from 'react';
import { useSearchParams } from 'react-router';
import { useUserPreference } from '../sdk/useUserPreference';
import { QUICK_START_PARAM } from './quickStartPaths';

// The signed-in user's quick-start progress, in this browser's storage (one entry per user, as
// the console keeps it in each user's settings): which tour is open, and how far each one got.
export const ACTIVE_QUICK_START_KEY = 'console.quickstarts.active';
export const QUICK_START_STATES_KEY = 'console.quickstarts.states';
const NO_STATES: AllQuickStartStates = {};

/**
 * What `@patternfly/quickstarts` needs to keep its state: the open tour and every tour's
 * progress. Opening or closing a tour also names it in the URL (`?quickstart=NAME`), through the
 * router, so a link to the page opens the same tour.
 */
export const useQuickStartProgress = () => {
  const [active, storeActive] = useUserPreference<string>(ACTIVE_QUICK_START_KEY, '');
  const [storedStates, setStates] = useUserPreference<AllQuickStartStates>(
    QUICK_START_STATES_KEY,
    NO_STATES,
  );
  // The preference is parsed afresh on every render; the library's effects depend on the object,
  // so it keeps one identity until its content changes.
  const statesText = JSON.stringify(storedStates);
  const states = useMemo(() => JSON.parse(statesText) as AllQuickStartStates, [statesText]);
  const [searchParams, setSearchParams] = useSearchParams();
  const named = searchParams.get(QUICK_START_PARAM) ?? '';

  const setActive = useCallback<Dispatch<SetStateAction<string>>>(
    (action) => {
      // Resolved against the rendered value: the library's open/close toggles stay single when
      // it asks twice before a render (StrictMode runs effects twice).
      const next = typeof action === 'function' ? action(active) : action;
      storeActive(next);
      if (next === named) return;
      setSearchParams(
        (params) => {
          const updated = new URLSearchParams(params);
          if (next) updated.set(QUICK_START_PARAM, next);
          else updated.delete(QUICK_START_PARAM);
          return updated;
        },
        { replace: true },
      );
    },
    [active, named, storeActive, setSearchParams],
  );

  return {
    activeQuickStartID: active,
    setActiveQuickStartID: setActive,
    allQuickStartStates: states,
    setAllQuickStartStates: setStates,
  };
};
