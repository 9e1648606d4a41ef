import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { migrationMetrics } from './migrationMetrics';

const memoryStore = () =>
  new ObjectStore({ append: async () => undefined }, { objects: new Map(), lastRV: 0 });

const migration = (name: string, vmi: string, phase?: string): KubeObject => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstanceMigration',
  metadata: { name, namespace: 'team-a', uid: `${name}-uid` },
  spec: { vmiName: vmi },
  ...(phase ? { status: { phase } } : {}),
});

const render = async (objects: [string, KubeObject][]) => {
  const store = memoryStore();
  for (const [resource, object] of objects) await store.put(resource, object);
  return migrationMetrics(store).join('\n');
};
const MIGRATIONS = 'kubevirt.io/virtualmachineinstancemigrations';

describe('the migration series', () => {
  it('counts the migrations per phase, as virt-controller does', async () => {
    const text = await render([
      [MIGRATIONS, migration('a', 'web', 'Pending')],
      [MIGRATIONS, migration('b', 'web', 'Scheduling')],
      [MIGRATIONS, migration('c', 'web', 'Running')],
      [MIGRATIONS, migration('d', 'web', 'PreparingTarget')],
      [MIGRATIONS, migration('e', 'db')],
    ]);
    expect(text).toMatch(/^kubevirt_vmi_migrations_in_pending_phase 1$/m);
    expect(text).toMatch(/^kubevirt_vmi_migrations_in_scheduling_phase 1$/m);
    expect(text).toMatch(/^kubevirt_vmi_migrations_in_running_phase 2$/m);
    expect(text).toMatch(/^kubevirt_vmi_migrations_in_unset_phase 1$/m);
    expect(text).toContain('# TYPE kubevirt_vmi_migrations_in_pending_phase gauge');
    expect(text).not.toContain('kubevirt_vmi_migration_succeeded');
  });

  it('says which migrations succeeded and failed, by VMI and migration', async () => {
    const text = await render([
      [MIGRATIONS, migration('first', 'web', 'Succeeded')],
      [MIGRATIONS, migration('second', 'web', 'Succeeded')],
      [MIGRATIONS, migration('broken', 'db', 'Failed')],
    ]);
    expect(text).toContain(
      'kubevirt_vmi_migration_succeeded{vmi="web",vmim="first",namespace="team-a"} 1',
    );
    expect(text).toContain(
      'kubevirt_vmi_migration_succeeded{vmi="web",vmim="second",namespace="team-a"} 1',
    );
    expect(text).toContain(
      'kubevirt_vmi_migration_failed{vmi="db",vmim="broken",namespace="team-a"} 1',
    );
    expect(text).toMatch(/^kubevirt_vmi_migrations_in_running_phase 0$/m);
  });

  it("gives the start and end time of each VMI's last migration, named", async () => {
    const text = await render([
      [MIGRATIONS, migration('move-it', 'web', 'Succeeded')],
      [
        'kubevirt.io/virtualmachineinstances',
        {
          apiVersion: 'kubevirt.io/v1',
          kind: 'VirtualMachineInstance',
          metadata: { name: 'web', namespace: 'team-a' },
          status: {
            nodeName: 'worker-2',
            migrationState: {
              migrationUid: 'move-it-uid',
              startTimestamp: '2026-01-02T03:04:05Z',
              endTimestamp: '2026-01-02T03:04:09Z',
              completed: true,
              failed: false,
            },
          },
        },
      ],
      [
        'kubevirt.io/virtualmachineinstances',
        {
          apiVersion: 'kubevirt.io/v1',
          kind: 'VirtualMachineInstance',
          metadata: { name: 'db', namespace: 'team-a' },
          status: {
            nodeName: 'worker-0',
            migrationState: { migrationUid: 'gone', startTimestamp: '2026-01-02T03:04:05Z' },
          },
        },
      ],
    ]);
    const start = Date.parse('2026-01-02T03:04:05Z') / 1000;
    expect(text).toContain(
      `kubevirt_vmi_migration_start_time_seconds{node="worker-2",namespace="team-a",name="web",migration_name="move-it"} ${start}`,
    );
    expect(text).toContain(
      `kubevirt_vmi_migration_end_time_seconds{node="worker-2",namespace="team-a",name="web",migration_name="move-it",status="succeeded"} ${start + 4}`,
    );
    // A migration object that is gone is `<none>`; one still running has no end.
    expect(text).toContain(
      `kubevirt_vmi_migration_start_time_seconds{node="worker-0",namespace="team-a",name="db",migration_name="<none>"} ${start}`,
    );
    expect(text).not.toContain('name="db",migration_name="<none>",status=');
  });
});
