import { describe, expect, it } from 'vitest';
import { migrationProgress } from './migrationProgress';

describe('migrationProgress', () => {
  it("reads an active migration's RAM figures as KubeVirt's gauges", () => {
    expect(
      migrationProgress({
        status: 'active',
        ram: {
          transferred: 40 << 20,
          remaining: 88 << 20,
          total: 128 << 20,
          mbps: 800,
          'dirty-pages-rate': 25,
          'page-size': 4096,
        },
      }),
    ).toEqual({
      processedBytes: 40 << 20,
      remainingBytes: 88 << 20,
      totalBytes: 128 << 20,
      bytesPerSecond: 100e6,
      dirtyBytesPerSecond: 102400,
    });
  });

  it('is nothing before the migration is active and once it is over', () => {
    expect(migrationProgress({ status: 'setup' })).toBeUndefined();
    expect(
      migrationProgress({ status: 'completed', ram: { transferred: 1, remaining: 0, total: 1 } }),
    ).toBeUndefined();
    expect(migrationProgress(undefined)).toBeUndefined();
  });
});
