import type { TimeRange } from '../../../../api/prometheus/timeRange';

/** What every chart of the tab shares: whose series, over which range, how often, and why empty. */
export interface ChartContext {
  /** The VM's namespace, always passed: the BFF confines callers who may not see the cluster. */
  namespace: string;
  range: TimeRange;
  refreshSeconds: number;
  /** Observe links name the project for whoever may not view cluster monitoring. */
  mayViewCluster: boolean;
  /** What every empty chart says while the VM has only just started; undefined otherwise. */
  startingText?: string;
  /** Stable (a callback), so the charts do not redraw for it. */
  onZoom: (start: number, end: number) => void;
}
