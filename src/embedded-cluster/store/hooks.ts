/** The durable steps of a compaction, in order; a crash between any two must leave a loadable state. */
export type CompactionStep =
  'rotated' | 'snapshot-written' | 'snapshot-renamed' | 'snapshot-dir-synced' | 'old-logs-removed';

/**
 * Seams for tests: count fsyncs, make one fail, or copy the directory at a compaction step as a
 * crash would leave it. Production code passes none.
 */
export interface JournalHooks {
  /** Before every fsync (log, snapshot, directory); throwing stands for a failed fsync. */
  beforeSync?(path: string): void | Promise<void>;
  afterCompactionStep?(step: CompactionStep): void | Promise<void>;
}
