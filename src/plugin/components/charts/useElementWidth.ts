import { useLayoutEffect, useRef, useState } from 'react';

/**
 * The width in whole pixels of the element `ref` is attached to, followed with a
 * ResizeObserver; 0 until it is measured (and where the browser cannot measure, as in tests).
 */
export const useElementWidth = <T extends HTMLElement>() => {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = (next: number) => {
      const rounded = Math.floor(next);
      // Only real changes: a chart that re-renders on every sub-pixel report could loop.
      setWidth((current) => (Math.abs(current - rounded) >= 1 ? rounded : current));
    };
    measure(element.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0];
      if (entry) measure(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
};
