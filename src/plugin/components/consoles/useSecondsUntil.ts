import { useEffect, useState } from 'react';

/** Whole seconds left until `at` (ms since the epoch), ticking each second; undefined without `at`. */
export const useSecondsUntil = (at: number | undefined): number | undefined => {
  const [clock, setClock] = useState<{ at?: number; now: number }>({ now: 0 });
  useEffect(() => {
    if (at === undefined) return;
    const tick = () => setClock({ at, now: Date.now() });
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [at]);
  if (at === undefined) return undefined;
  // Until the first tick for this deadline, show the whole wait rather than a stale clock's.
  if (clock.at !== at) return undefined;
  return Math.max(0, Math.ceil((at - clock.now) / 1000));
};
