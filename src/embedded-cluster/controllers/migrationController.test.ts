import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import {
  MIGRATIONS,
  MigrationController,
  type MigratingRuntime,
  type MigrationOptions,
} from './migrationController';
import { SimulatedRuntime } from './vmRuntime';
import { NODES, VMIS } from './vmiController';

const memoryStore = () =>
  new ObjectStore({ append: async () => undefined }, { objects: new Map(), lastRV: 0 });

/** A runtime whose migrations run until they are cancelled, so the cancel can be observed. */
class SlowMigrations extends SimulatedRuntime implements MigratingRuntime {
  cancelled: string[] = [];
  private rejecters = new Map<string, (error: Error) => void>();
  private onStart: () => void = () => undefined;
  // Declared after onStart: field initializers run in order.
  started = new Promise<void>((resolve) => (this.onStart = resolve));

  migrate(key: string) {
    this.onStart();
    return new Promise<{ dataProcessedBytes?: number }>((_resolve, reject) =>
      this.rejecters.set(key, reject),
    );
  }

  async cancelMigration(key: string) {
    this.cancelled.push(key);
    this.rejecters.get(key)?.(new Error('migration cancelled'));
  }
}

const seed = async (store: ObjectStore, names = ['worker-0', 'worker-1']) => {
  for (const name of names) {
    await store.put(NODES, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name } },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
  await store.put(VMIS, {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: { name: 'vm', namespace: 'ns', uid: 'vmi-uid' },
    status: {
      phase: 'Running',
      nodeName: 'worker-0',
      conditions: [{ type: 'LiveMigratable', status: 'True' }],
    },
  });
};

const migration = (name: string, addedNodeSelector?: Record<string, string>): KubeObject => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstanceMigration',
  metadata: { name, namespace: 'ns', uid: `${name}-uid` },
  spec: { vmiName: 'vm', ...(addedNodeSelector ? { addedNodeSelector } : {}) },
});

/** Runs the controller until the migration has ended; its phase and the guest's node. */
const settle = async (store: ObjectStore, controller: MigrationController, name: string) => {
  for (let i = 0; i < 5; i++) {
    await store.settled();
    await controller.queue.idle();
  }
  controller.stop();
  return {
    migration: store.get(MIGRATIONS, 'ns', name)!.status as { phase: string; reason?: string },
    node: (store.get(VMIS, 'ns', 'vm')!.status as { nodeName: string }).nodeName,
  };
};

/** A runtime that moves a guest at once and remembers how it was asked to. */
class RecordingMigrations extends SimulatedRuntime implements MigratingRuntime {
  asked: (MigrationOptions | undefined)[] = [];
  async migrate(_key: string, options?: MigrationOptions) {
    this.asked.push(options);
    return { dataProcessedBytes: 1 };
  }
}

describe('MigrationController', () => {
  it("passes the HyperConverged's bandwidthPerMigration to the runtime, in bytes a second", async () => {
    const store = memoryStore();
    await seed(store);
    await store.put('hco.kubevirt.io/hyperconvergeds', {
      apiVersion: 'hco.kubevirt.io/v1beta1',
      kind: 'HyperConverged',
      metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
      spec: { liveMigrationConfig: { bandwidthPerMigration: '8Mi' } },
    });
    const runtime = new RecordingMigrations();
    const controller = new MigrationController(store, runtime);
    await store.put(MIGRATIONS, migration('slow'));
    const { migration: status } = await settle(store, controller, 'slow');
    expect(status.phase).toBe('Succeeded');
    expect(runtime.asked).toEqual([{ bandwidthBytesPerSecond: 8 * 2 ** 20 }]);
  });

  it('leaves the bandwidth unlimited when the HyperConverged names none', async () => {
    const store = memoryStore();
    await seed(store);
    const runtime = new RecordingMigrations();
    const controller = new MigrationController(store, runtime);
    await store.put(MIGRATIONS, migration('fast'));
    await settle(store, controller, 'fast');
    expect(runtime.asked).toEqual([{}]);
  });

  it('cancels a migration in flight when it is deleted, leaving the guest where it was', async () => {
    const store = memoryStore();
    await seed(store);
    const runtime = new SlowMigrations();
    const controller = new MigrationController(store, runtime);
    const created = await store.put(MIGRATIONS, migration('move'));
    await runtime.started;
    await store.remove(MIGRATIONS, store.get(MIGRATIONS, 'ns', 'move') ?? created);
    await controller.queue.idle();
    await store.settled();
    controller.stop();

    expect(runtime.cancelled).toEqual(['ns/vm']);
    const vmi = store.get(VMIS, 'ns', 'vm')!.status as {
      nodeName: string;
      migrationState: Record<string, unknown>;
    };
    expect(vmi.nodeName).toBe('worker-0');
    expect(vmi.migrationState).toMatchObject({
      failed: true,
      abortRequested: true,
      abortStatus: 'Succeeded',
    });
    // The deleted migration is not brought back by a late status write.
    expect(store.get(MIGRATIONS, 'ns', 'move')).toBeUndefined();
  });

  it('moves the guest to another node and reports the phases', async () => {
    const store = memoryStore();
    await seed(store);
    const controller = new MigrationController(store, new SimulatedRuntime());
    await store.put(MIGRATIONS, migration('move'));
    for (let i = 0; i < 5; i++) {
      await store.settled();
      await controller.queue.idle();
    }
    controller.stop();
    expect((store.get(MIGRATIONS, 'ns', 'move')!.status as { phase: string }).phase).toBe(
      'Succeeded',
    );
    expect((store.get(VMIS, 'ns', 'vm')!.status as { nodeName: string }).nodeName).toBe('worker-1');
  });

  it('moves the guest to the node the added node selector names', async () => {
    const store = memoryStore();
    await seed(store, ['worker-0', 'worker-1', 'worker-2']);
    const controller = new MigrationController(store, new SimulatedRuntime());
    await store.put(MIGRATIONS, migration('pick', { 'kubernetes.io/hostname': 'worker-2' }));
    const { migration: status, node } = await settle(store, controller, 'pick');
    expect(status.phase).toBe('Succeeded');
    expect(node).toBe('worker-2');
  });

  it('fails, naming the selector, when no other node matches it', async () => {
    const store = memoryStore();
    await seed(store);
    const controller = new MigrationController(store, new SimulatedRuntime());
    await store.put(MIGRATIONS, migration('nowhere', { 'kubernetes.io/hostname': 'worker-0' }));
    const { migration: status, node } = await settle(store, controller, 'nowhere');
    expect(status.phase).toBe('Failed');
    expect(node).toBe('worker-0');
  });
});
