import type { VirtualMachineInstanceMigration } from '../../../api/types';

export type MigrationOutcome = 'succeeded' | 'failed' | 'running';

/** What the Migrations table shows of one VirtualMachineInstanceMigration. */
export interface MigrationRow {
  key: string;
  namespace: string;
  /** The migration's own name. */
  name: string;
  /** The VMI (and so the VM) it moves. */
  vmName: string;
  phase: string;
  outcome: MigrationOutcome;
  sourceNode?: string;
  targetNode?: string;
  /** Unix seconds. */
  start?: number;
  end?: number;
  failureReason?: string;
}

const seconds = (timestamp?: string): number | undefined => {
  if (!timestamp) return undefined;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
};

const outcomeOf = (phase: string): MigrationOutcome =>
  phase === 'Succeeded' ? 'succeeded' : phase === 'Failed' ? 'failed' : 'running';

/**
 * A migration as a row: nodes and times from `status.migrationState`, else from its phase
 * transitions and creation time.
 */
export const migrationRow = (migration: VirtualMachineInstanceMigration): MigrationRow => {
  const metadata = migration.metadata ?? {};
  const status = migration.status ?? {};
  const state = status.migrationState ?? {};
  const phase = status.phase ?? 'Pending';
  const outcome = outcomeOf(phase);
  const transition = (wanted: string) =>
    status.phaseTransitionTimestamps?.find((entry) => entry.phase === wanted)
      ?.phaseTransitionTimestamp;
  return {
    key: `${metadata.namespace ?? ''}/${metadata.name ?? ''}`,
    namespace: metadata.namespace ?? '',
    name: metadata.name ?? '',
    vmName: migration.spec?.vmiName ?? '',
    phase,
    outcome,
    sourceNode: state.sourceNode,
    targetNode: state.targetNode,
    start: seconds(state.startTimestamp ?? metadata.creationTimestamp),
    end:
      outcome === 'running'
        ? undefined
        : seconds(state.endTimestamp ?? transition(phase) ?? undefined),
    // KubeVirt reports why on the VMI's migrationState; the embedded cluster also in `reason`.
    failureReason:
      outcome === 'failed'
        ? (state.failureReason ?? (status as { reason?: string }).reason)
        : undefined,
  };
};

/** The time filter: the last hour, day, week, or everything kept. */
export const MIGRATION_PERIODS = [
  { id: '1h', seconds: 3600 },
  { id: '24h', seconds: 24 * 3600 },
  { id: '7d', seconds: 7 * 24 * 3600 },
  { id: 'all', seconds: undefined },
] as const;
export type MigrationPeriod = (typeof MIGRATION_PERIODS)[number]['id'];

export const periodOf = (value: string | null): MigrationPeriod =>
  MIGRATION_PERIODS.find((period) => period.id === value)?.id ?? '24h';

/** Since when a period reaches back; undefined for all. */
export const periodStart = (period: MigrationPeriod, now: number): number | undefined => {
  const span = MIGRATION_PERIODS.find((p) => p.id === period)?.seconds;
  return span === undefined ? undefined : now - span;
};

/** The rows of a period: those that started or ended in it, and every one still running; newest first. */
export const rowsInPeriod = (rows: MigrationRow[], since: number | undefined): MigrationRow[] =>
  rows
    .filter(
      (row) =>
        since === undefined ||
        row.outcome === 'running' ||
        (row.start ?? 0) >= since ||
        (row.end ?? 0) >= since,
    )
    .sort((a, b) => (b.start ?? 0) - (a.start ?? 0) || a.key.localeCompare(b.key));

/** How long it ran (or has run so far), in seconds. */
export const durationOf = (row: MigrationRow, now: number): number | undefined =>
  row.start === undefined ? undefined : Math.max(0, (row.end ?? now) - row.start);

/** Steps a chart of counts reads easily: 5 min up to a week. */
const BUCKETS = [300, 900, 3600, 3 * 3600, 6 * 3600, 86400, 7 * 86400];

/** A bucket size that keeps a window within about 48 bars. */
export const bucketSeconds = (span: number): number =>
  BUCKETS.find((bucket) => span / bucket <= 48) ?? (BUCKETS.at(-1) as number);

export interface CountSeries {
  id: MigrationOutcome;
  points: [number, number][];
}

/**
 * Migrations per bucket of the window, by outcome, each counted in the bucket it started in.
 * Every bucket has a point (0 when none), so the chart draws the quiet times too.
 */
export const migrationCounts = (
  rows: MigrationRow[],
  window: { start: number; end: number },
  bucket: number,
): CountSeries[] => {
  const first = Math.floor(window.start / bucket) * bucket;
  const buckets: number[] = [];
  for (let at = first; at <= window.end; at += bucket) buckets.push(at);
  const outcomes: MigrationOutcome[] = ['succeeded', 'failed', 'running'];
  return outcomes.map((outcome) => {
    const counts = new Map(buckets.map((at) => [at, 0]));
    for (const row of rows) {
      if (row.outcome !== outcome || row.start === undefined) continue;
      const at = Math.floor(row.start / bucket) * bucket;
      if (counts.has(at)) counts.set(at, (counts.get(at) ?? 0) + 1);
    }
    return { id: outcome, points: buckets.map((at) => [at, counts.get(at) ?? 0]) };
  });
};
