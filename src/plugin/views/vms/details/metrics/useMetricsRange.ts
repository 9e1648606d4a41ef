import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { TimeRange } from '../../../../api/prometheus/timeRange';
import { paramsWithRange, rangeFromParams, zoomRange } from './metricsRange';

/**
 * The Metrics tab's time range, kept in the URL so a view can be bookmarked and shared. A zoom
 * is a custom range too; the range before the first zoom is remembered for "Reset zoom".
 */
export const useMetricsRange = () => {
  const [params, setParams] = useSearchParams();
  const range = useMemo(() => rangeFromParams(params), [params]);
  const [beforeZoom, setBeforeZoom] = useState<TimeRange | null>(null);

  const write = useCallback(
    (next: TimeRange) => setParams((existing) => paramsWithRange(existing, next)),
    [setParams],
  );
  const setRange = useCallback(
    (next: TimeRange) => {
      setBeforeZoom(null);
      write(next);
    },
    [write],
  );
  const zoom = useCallback(
    (start: number, end: number) => {
      setBeforeZoom((before) => before ?? range);
      write(zoomRange(start, end));
    },
    [range, write],
  );
  const resetZoom = useCallback(() => {
    if (beforeZoom) write(beforeZoom);
    setBeforeZoom(null);
  }, [beforeZoom, write]);

  return { range, setRange, zoom, zoomed: beforeZoom !== null, resetZoom };
};
