// virt-controller's migration series: how many VirtualMachineInstanceMigrations are in each
// phase, which succeeded or failed, and when each VMI's last migration started and ended.
import { MIGRATIONS } from '../controllers/migrationController';
import { VMIS } from '../controllers/vmiController';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { family, type Sample } from './exposition';

/** The phases KubeVirt counts as running (the target is being prepared or the data moves). */
const RUNNING = ['Running', 'Scheduled', 'PreparingTarget', 'TargetReady'];

interface MigrationState {
  migrationUid?: string;
  startTimestamp?: string;
  endTimestamp?: string;
  completed?: boolean;
  failed?: boolean;
}

const phaseOf = (migration: KubeObject) =>
  (migration.status as { phase?: string } | undefined)?.phase ?? '';

const seconds = (timestamp: string | undefined) => {
  const ms = timestamp ? Date.parse(timestamp) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
};

/** `succeeded`, `failed`, or empty while the migration has not completed (as KubeVirt says it). */
const outcome = (state: MigrationState) => {
  if (!state.completed && !state.failed) return '';
  return state.failed ? 'failed' : 'succeeded';
};

export const migrationMetrics = (store: ObjectStore): string[] => {
  const migrations = store.list(MIGRATIONS);
  const count = (matches: (phase: string) => boolean): Sample[] => [
    { labels: {}, value: migrations.filter((m) => matches(phaseOf(m))).length },
  ];
  const ended = (phase: string): Sample[] =>
    migrations
      .filter((m) => phaseOf(m) === phase)
      .map((m) => ({
        labels: {
          vmi: (m.spec as { vmiName?: string } | undefined)?.vmiName ?? '',
          vmim: m.metadata.name ?? '',
          namespace: m.metadata.namespace ?? '',
        },
        value: 1,
      }));

  const starts: Sample[] = [];
  const ends: Sample[] = [];
  for (const vmi of store.list(VMIS)) {
    const status = vmi.status as { nodeName?: string; migrationState?: MigrationState } | undefined;
    const state = status?.migrationState;
    if (!state) continue;
    const migration = migrations.find(
      (m) =>
        m.metadata.namespace === vmi.metadata.namespace && m.metadata.uid === state.migrationUid,
    );
    const labels = {
      node: status?.nodeName ?? '',
      namespace: vmi.metadata.namespace ?? '',
      name: vmi.metadata.name ?? '',
      migration_name: migration?.metadata.name ?? '<none>',
    };
    const start = seconds(state.startTimestamp);
    if (start !== undefined) starts.push({ labels, value: start });
    const end = seconds(state.endTimestamp);
    if (end !== undefined) ends.push({ labels: { ...labels, status: outcome(state) }, value: end });
  }

  return [
    ...family(
      'kubevirt_vmi_migrations_in_pending_phase',
      'gauge',
      'Number of current pending migrations.',
      count((phase) => phase === 'Pending'),
    ),
    ...family(
      'kubevirt_vmi_migrations_in_scheduling_phase',
      'gauge',
      'Number of current scheduling migrations.',
      count((phase) => phase === 'Scheduling'),
    ),
    ...family(
      'kubevirt_vmi_migrations_in_running_phase',
      'gauge',
      'Number of current running migrations.',
      count((phase) => RUNNING.includes(phase)),
    ),
    ...family(
      'kubevirt_vmi_migrations_in_unset_phase',
      'gauge',
      "Number of current unset migrations. These are pending items the virt-controller hasn't processed yet from the queue.",
      count((phase) => phase === ''),
    ),
    ...family(
      'kubevirt_vmi_migration_succeeded',
      'gauge',
      'Indicates if the VMI migration succeeded.',
      ended('Succeeded'),
    ),
    ...family(
      'kubevirt_vmi_migration_failed',
      'gauge',
      'Indicates if the VMI migration failed.',
      ended('Failed'),
    ),
    ...family(
      'kubevirt_vmi_migration_start_time_seconds',
      'gauge',
      'The time at which the migration started.',
      starts,
    ),
    ...family(
      'kubevirt_vmi_migration_end_time_seconds',
      'gauge',
      'The time at which the migration ended.',
      ends,
    ),
  ];
};
