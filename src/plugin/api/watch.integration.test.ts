// The watch core against the real BFF in cluster mode (the console sends each user's bearer
// token) in front of the embedded cluster: a VM created in the cluster shows up in the watched
// list and leaves it when deleted; a user refused the namespace sees the server's Status.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// The test stands the real BFF up; the plugin code under test imports none of it.
// eslint-disable-next-line no-restricted-imports
import { startClusterForBff } from '../../bff/kube/testKit';
// eslint-disable-next-line no-restricted-imports
import { createServer } from '../../bff/server';
import { BFF_PATH } from '../../common/paths';
import { errorMessage } from './bff';
import { k8sCreate, k8sDelete, k8sList } from './k8s';
import { ListWatch, type ListWatchState } from './listWatch';
import { apiPath, VirtualMachineModel } from './models';
import type { K8sObject, VirtualMachine } from './types';
import { WatchConnection, type WebSocketLike } from './watchConnection';

let dir: string;
let stopCluster: () => Promise<void>;
let app: FastifyInstance;
let base: string;
let bearer: Record<'admin' | 'developer', string>;
let user: 'admin' | 'developer' = 'admin';
const realFetch = globalThis.fetch;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'plugin-watch-'));
  const { cluster, connection, admin, developer } = await startClusterForBff(
    path.join(dir, 'cluster'),
  );
  stopCluster = () => cluster.stop();
  bearer = { admin, developer };
  app = await createServer(
    {
      host: '127.0.0.1',
      port: 0,
      pluginDir: path.join(dir, 'plugin'),
      logLevel: 'silent',
      inCluster: false,
    },
    false,
    { connection },
  );
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  // The data layer's calls go to relative BFF URLs with the page's cookies; here the console's
  // part is played by prefixing the server and adding the user's token.
  vi.stubGlobal('document', { cookie: '' });
  vi.stubGlobal('fetch', (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', bearer[user]);
    return realFetch(`${base}${url}`, { ...init, headers });
  });
}, 60_000);

afterAll(async () => {
  vi.unstubAllGlobals();
  await app?.close();
  await stopCluster?.();
  await rm(dir, { recursive: true, force: true });
});

const connectionAs = (who: 'admin' | 'developer') =>
  new WatchConnection({
    url: () => `${base.replace(/^http/, 'ws')}${BFF_PATH}k8s-watch`,
    createSocket: (url) =>
      new WebSocket(url, {
        headers: { authorization: bearer[who], origin: base },
      }) as unknown as WebSocketLike,
    backoff: { initialMs: 100, maxMs: 1000 },
  });

/** A list-and-watch of VMs in `namespace`, and a way to wait for a state. */
const watchVMs = (connection: WatchConnection, namespace: string) => {
  let latest: ListWatchState<K8sObject> = { items: [], loaded: false };
  const waiters = new Set<() => void>();
  const counts = { lists: 0 };
  const listWatch = new ListWatch<K8sObject>({
    list: () => {
      counts.lists += 1;
      return k8sList(VirtualMachineModel, { namespace });
    },
    watch: { path: apiPath(VirtualMachineModel, { namespace }) },
    connection,
    onChange: (state) => {
      latest = state;
      for (const waiter of waiters) waiter();
    },
  });
  listWatch.start();
  const until = (check: (state: ListWatchState<K8sObject>) => boolean, what: string) =>
    new Promise<ListWatchState<K8sObject>>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(test);
        reject(new Error(`Timed out waiting for ${what}; last state ${JSON.stringify(latest)}`));
      }, 15_000);
      function test() {
        if (!check(latest)) return;
        clearTimeout(timer);
        waiters.delete(test);
        resolve(latest);
      }
      waiters.add(test);
      test();
    });
  return { listWatch, until, counts };
};

const names = (state: ListWatchState<K8sObject>) => state.items.map((i) => i.metadata?.name);

const vm = (name: string): VirtualMachine => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name, namespace: 'default' },
  spec: {
    runStrategy: 'Halted',
    template: { spec: { domain: { devices: {}, resources: { requests: { memory: '64Mi' } } } } },
  },
});

describe('list and watch through the BFF', () => {
  it('shows a VM created in the cluster and drops it when deleted', async () => {
    user = 'admin';
    const connection = connectionAs('admin');
    const { listWatch, until, counts } = watchVMs(connection, 'default');
    try {
      await until((s) => s.loaded, 'the first list');
      expect(names(await until((s) => s.loaded, 'the list'))).not.toContain('watched');
      // Whether or not the watch already runs upstream, it starts from the list's version:
      // nothing created after the list can be missed.
      expect(connection.size).toBe(1);

      await k8sCreate(VirtualMachineModel, vm('watched'));
      const added = await until((s) => names(s).includes('watched'), 'the new VM');
      expect(added.error).toBeUndefined();

      await k8sDelete(VirtualMachineModel, { namespace: 'default', name: 'watched' });
      await until((s) => !names(s).includes('watched'), 'the VM to leave the list');
      // Both came as watch events, not from listing again.
      expect(counts.lists).toBe(1);
    } finally {
      listWatch.stop();
      connection.dispose();
    }
  }, 30_000);

  it("shows the developer the server's refusal outside their namespace", async () => {
    user = 'developer';
    const connection = connectionAs('developer');
    const { listWatch, until } = watchVMs(connection, 'default');
    try {
      const refused = await until((s) => s.loaded, 'the answer');
      expect((refused.error as { code?: number }).code).toBe(403);
      expect(errorMessage(refused.error)).toContain('developer');
    } finally {
      listWatch.stop();
      connection.dispose();
      user = 'admin';
    }
  }, 30_000);
});
