import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster } from '../cluster';
import type { KubeObject } from '../types';
import { SELECTED_NODE } from './scheduler';

// WaitForFirstConsumer with the simulated runtime: a VM that should run picks the node its VMI
// would go to, marks the claim with it, waits (WaitingForVolumeBinding) until storage binds the
// claim there and CDI fills it, and then starts on that node.
const dataDir = mkdtempSync(path.join(tmpdir(), 'volume-scheduling-'));
let cluster: Awaited<ReturnType<typeof startEmbeddedCluster>>;
let token = '';
beforeAll(async () => {
  cluster = await startEmbeddedCluster({ dataDir, runtime: 'simulated', sampleVMs: false });
  token = cluster.users.find((u) => u.username === 'admin')!.token;
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const create = async (apiPath: string, body: object) => {
  const response = await fetch(`${cluster.httpURL}${apiPath}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(201);
};

/** Every printableStatus a VM goes through, from the store's change stream. */
const printableStatuses = (name: string) => {
  const seen: string[] = [];
  const off = cluster.store.subscribe('kubevirt.io/virtualmachines', (event) => {
    if (event.object.metadata.name !== name) return;
    const status = (event.object.status as { printableStatus?: string } | undefined)
      ?.printableStatus;
    if (status && seen.at(-1) !== status) seen.push(status);
  });
  return { seen, off };
};

const vmWithLocalDisk = (name: string, runStrategy: string) => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name },
  spec: {
    runStrategy,
    dataVolumeTemplates: [
      {
        metadata: { name: `${name}-disk` },
        spec: {
          source: { blank: {} },
          storage: {
            storageClassName: 'hostpath-csi',
            resources: { requests: { storage: '64Mi' } },
          },
        },
      },
    ],
    template: {
      spec: {
        domain: {
          memory: { guest: '128Mi' },
          devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] },
        },
        volumes: [{ name: 'root', dataVolume: { name: `${name}-disk` } }],
      },
    },
  },
});

const get = (resource: string, name: string) => cluster.store.get(resource, 'default', name);

describe('VMs on WaitForFirstConsumer storage', () => {
  it('leaves the claim of a stopped VM unbound', async () => {
    await create(
      '/apis/kubevirt.io/v1/namespaces/default/virtualmachines',
      vmWithLocalDisk('idle', 'Halted'),
    );
    await cluster.controllersIdle();
    const claim = get('core/persistentvolumeclaims', 'idle-disk');
    expect(claim?.metadata.annotations?.[SELECTED_NODE]).toBeUndefined();
    expect((claim?.status as { phase?: string } | undefined)?.phase).toBe('Pending');
  }, 30_000);

  it('binds the claim on the node the VM goes to, then starts it there', async () => {
    const watch = printableStatuses('local');
    await create(
      '/apis/kubevirt.io/v1/namespaces/default/virtualmachines',
      vmWithLocalDisk('local', 'Always'),
    );
    await cluster.controllersIdle();
    watch.off();
    expect(watch.seen).toContain('WaitingForVolumeBinding');
    expect(watch.seen.at(-1)).toBe('Running');
    const claim = get('core/persistentvolumeclaims', 'local-disk') as KubeObject;
    const node = claim.metadata.annotations?.[SELECTED_NODE];
    expect(node).toMatch(/^worker-\d$/);
    expect((claim.status as { phase?: string }).phase).toBe('Bound');
    const vmi = get('kubevirt.io/virtualmachineinstances', 'local') as KubeObject;
    expect((vmi.status as { nodeName?: string }).nodeName).toBe(node);
    expect((vmi.status as { volumeStatus?: unknown[] }).volumeStatus).toEqual([
      expect.objectContaining({
        name: 'root',
        target: 'vda',
        persistentVolumeClaimInfo: expect.objectContaining({ claimName: 'local-disk' }),
      }),
    ]);
  }, 30_000);
});
