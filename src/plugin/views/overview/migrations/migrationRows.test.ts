import { describe, expect, it } from 'vitest';
import type { VirtualMachineInstanceMigration } from '../../../api/types';
import {
  bucketSeconds,
  durationOf,
  migrationCounts,
  migrationRow,
  periodStart,
  rowsInPeriod,
  type MigrationRow,
} from './migrationRows';

const T0 = Date.parse('2026-01-02T10:00:00Z') / 1000;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

const migration = (
  name: string,
  phase: string,
  extra: Partial<NonNullable<VirtualMachineInstanceMigration['status']>> = {},
  created = T0,
): VirtualMachineInstanceMigration => ({
  metadata: { name, namespace: 'dev', creationTimestamp: iso(created) },
  spec: { vmiName: `vm-${name}` },
  status: { phase, ...extra },
});

describe('migrationRow', () => {
  it('takes nodes and times from migrationState', () => {
    const row = migrationRow(
      migration('a', 'Succeeded', {
        migrationState: {
          sourceNode: 'node-1',
          targetNode: 'node-2',
          startTimestamp: iso(T0 + 5),
          endTimestamp: iso(T0 + 65),
        },
      }),
    );
    expect(row).toMatchObject({
      key: 'dev/a',
      vmName: 'vm-a',
      outcome: 'succeeded',
      sourceNode: 'node-1',
      targetNode: 'node-2',
      start: T0 + 5,
      end: T0 + 65,
    });
    expect(durationOf(row, T0 + 1000)).toBe(60);
  });

  it('falls back to creation and the final phase transition, and says why it failed', () => {
    const row = migrationRow(
      migration('b', 'Failed', {
        phaseTransitionTimestamps: [
          { phase: 'Pending', phaseTransitionTimestamp: iso(T0) },
          { phase: 'Failed', phaseTransitionTimestamp: iso(T0 + 3) },
        ],
        migrationState: { failureReason: 'no other node can take the VM' },
      }),
    );
    expect(row).toMatchObject({
      outcome: 'failed',
      start: T0,
      end: T0 + 3,
      failureReason: 'no other node can take the VM',
    });
  });

  it('keeps a running migration open: its duration grows with now', () => {
    const row = migrationRow(migration('c', 'Running'));
    expect(row.outcome).toBe('running');
    expect(row.end).toBeUndefined();
    expect(durationOf(row, T0 + 30)).toBe(30);
  });

  it('reads a migration without status as pending', () => {
    expect(migrationRow({ metadata: { name: 'd', namespace: 'dev' }, spec: {} })).toMatchObject({
      phase: 'Pending',
      outcome: 'running',
    });
  });
});

describe('rowsInPeriod', () => {
  const row = (key: string, start: number, outcome: MigrationRow['outcome'] = 'succeeded') =>
    ({
      key,
      namespace: 'dev',
      name: key,
      vmName: key,
      phase: '',
      outcome,
      start,
      end: start + 10,
    }) as MigrationRow;

  it('keeps what started in the period and what still runs, newest first', () => {
    const now = T0 + 7200;
    const rows = [
      row('old', T0 - 86400),
      row('recent', T0 + 5000),
      row('busy', T0 - 86400, 'running'),
    ];
    expect(rowsInPeriod(rows, periodStart('1h', now)).map((r) => r.key)).toEqual([
      'recent',
      'busy',
    ]);
    expect(rowsInPeriod(rows, periodStart('all', now)).map((r) => r.key)).toEqual([
      'recent',
      'busy',
      'old',
    ]);
  });
});

describe('migrationCounts', () => {
  it('counts per bucket by outcome, every bucket present', () => {
    const rows = [
      migrationRow(migration('a', 'Succeeded', {}, T0 + 10)),
      migrationRow(migration('b', 'Succeeded', {}, T0 + 20)),
      migrationRow(migration('c', 'Failed', {}, T0 + 400)),
    ];
    const series = migrationCounts(rows, { start: T0, end: T0 + 900 }, 300);
    expect(series.map((s) => s.id)).toEqual(['succeeded', 'failed', 'running']);
    expect(series[0]?.points).toEqual([
      [T0, 2],
      [T0 + 300, 0],
      [T0 + 600, 0],
      [T0 + 900, 0],
    ]);
    expect(series[1]?.points[1]).toEqual([T0 + 300, 1]);
  });
});

describe('bucketSeconds', () => {
  it('keeps a window within about 48 bars', () => {
    expect(bucketSeconds(3600)).toBe(300);
    expect(bucketSeconds(86400)).toBe(3600);
    expect(bucketSeconds(7 * 86400)).toBe(6 * 3600);
    expect(bucketSeconds(365 * 86400)).toBe(7 * 86400);
  });
});
