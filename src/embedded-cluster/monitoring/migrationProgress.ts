// A live migration in flight, as KubeVirt's migration gauges: from QMP `query-migrate` on the
// source (libvirt's domain job info, which KubeVirt reads, comes from the same place).

export interface MigrationProgress {
  processedBytes: number;
  remainingBytes: number;
  totalBytes?: number;
  bytesPerSecond: number;
  dirtyBytesPerSecond?: number;
}

interface QueryMigrate {
  status?: string;
  ram?: {
    transferred: number;
    remaining: number;
    total: number;
    /** Throughput in megabits per second. */
    mbps?: number;
    'dirty-pages-rate'?: number;
    'page-size'?: number;
  };
}

/** The figures of an active migration; undefined before it is active and once it is over. */
export const migrationProgress = (
  info: QueryMigrate | undefined,
): MigrationProgress | undefined => {
  const ram = info?.ram;
  if (info?.status !== 'active' || !ram) return undefined;
  return {
    processedBytes: ram.transferred,
    remainingBytes: ram.remaining,
    totalBytes: ram.total,
    bytesPerSecond: ((ram.mbps ?? 0) * 1e6) / 8,
    dirtyBytesPerSecond: (ram['dirty-pages-rate'] ?? 0) * (ram['page-size'] ?? 4096),
  };
};
