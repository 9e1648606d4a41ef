import { useEffect, useState } from 'react';

/**
 * Whole seconds left until `at` (epoch ms), updated each second and never more than
 * `maxSeconds`; undefined without `at`.
 */
export const useSecondsUntil = (at: number | undefined, maxSeconds: number): number | undefined => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === undefined) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const interval = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(interval);
    };
  }, [at]);
  if (at === undefined) return undefined;
  // `now` may be older than `at`'s arrival until the first tick: the cap keeps the count honest.
  return Math.max(0, Math.min(maxSeconds, Math.ceil((at - now) / 1000)));
};
