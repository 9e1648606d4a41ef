import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { EmbeddedCluster } from '../../embedded-cluster/cluster';
import { waitForStore } from '../../embedded-cluster/store/waitFor';
import { CONSOLE_CLOSE_CODES, consoleCloseKind } from '../../common/consoleSocket';
import type { KubeConnection } from '../kube/connection';
import { call, deadURL, listen, startClusterForBff } from '../kube/testKit';
import { attachConsoleSockets } from './consoleSockets';
import { ConsoleClient, httpRefusal, ORIGIN, PREFIX, serveConsoles } from './testSupport';

let dir: string;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bff-console-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const served = async (...args: Parameters<typeof serveConsoles>) => {
  const bff = await serveConsoles(...args);
  cleanups.push(bff.close);
  return bff.base;
};

const open = (url: string, authorization?: string, protocols: string[] = []) => {
  const client = new ConsoleClient(
    url,
    { origin: ORIGIN, ...(authorization ? { authorization } : {}) },
    protocols,
  );
  cleanups.push(() => client.ws.terminate());
  return client;
};

/** Opens a console and resolves with how it closed, with its kind. */
const closedWith = async (url: string, authorization?: string) => {
  const closed = await open(url, authorization).closed;
  return { ...closed, kind: consoleCloseKind(closed.code) };
};

describe('console sockets against the embedded cluster (simulated guests)', () => {
  let cluster: EmbeddedCluster;
  let connection: KubeConnection;
  let admin: string;
  let developer: string;
  let base: string;

  const vmis = (namespace: string) =>
    `/apis/kubevirt.io/v1/namespaces/${namespace}/virtualmachineinstances`;
  const createVmi = async (namespace: string, name: string, spec: object = {}) => {
    const answer = await call(cluster.httpURL, vmis(namespace), {
      method: 'POST',
      headers: { authorization: admin, 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachineInstance',
        metadata: { name, namespace },
        spec: { domain: { devices: {}, memory: { guest: '128Mi' } }, ...spec },
      }),
    });
    expect(answer.status, answer.text).toBe(201);
  };
  const phase = (namespace: string, name: string) =>
    (
      cluster.store.get('kubevirt.io/virtualmachineinstances', namespace, name)?.status as
        { phase?: string } | undefined
    )?.phase;

  beforeAll(async () => {
    ({ cluster, connection, admin, developer } = await startClusterForBff(
      path.join(dir, 'cluster'),
    ));
    await createVmi('default', 'running');
    // No node carries this label: the VMI stays Scheduling.
    await createVmi('default', 'unplaced', { nodeSelector: { 'example.com/no-such': 'node' } });
    await createVmi('developer-vms', 'mine');
    for (const [namespace, name] of [
      ['default', 'running'],
      ['developer-vms', 'mine'],
    ] as const)
      await waitForStore(
        cluster.store,
        () => phase(namespace, name) === 'Running' || undefined,
        `${name} Running`,
      );
    await cluster.controllersIdle();
  }, 30_000);
  afterAll(() => cluster?.stop());

  let closeBff: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ base, close: closeBff } = await serveConsoles(connection));
  });
  afterAll(() => closeBff?.());

  it('refuses a foreign Origin with HTTP 403 before upgrading', async () => {
    expect(
      await httpRefusal(`${base}vnc/default/running`, {
        origin: 'https://evil.example',
        authorization: admin,
      }),
    ).toBe(403);
    expect(await httpRefusal(`${base}vnc/default/running`, { authorization: admin })).toBe(403);
  });

  it('accepts a socket without Authorization and closes it as unauthorized', async () => {
    const closed = await closedWith(`${base}serial/default/running`);
    expect(closed).toMatchObject({ code: CONSOLE_CLOSE_CODES.unauthorized, kind: 'unauthorized' });
    expect(closed.reason).toMatch(/log in/i);
  });

  it('closes as not-found for a VMI that does not exist', async () => {
    const closed = await closedWith(`${base}vnc/default/nothing-here`, admin);
    expect(closed.kind).toBe('not-found');
    expect(closed.reason).toContain('"nothing-here" not found');
  });

  it('closes as not-running while the VMI is not Running, with the cluster message', async () => {
    expect(phase('default', 'unplaced')).not.toBe('Running');
    const closed = await closedWith(`${base}serial/default/unplaced`, admin);
    expect(closed.code).toBe(CONSOLE_CLOSE_CODES['not-running']);
    expect(closed.reason).toMatch(
      /^Unable to connect to VM because phase is \w+ instead of Running$/,
    );
  });

  it('closes as forbidden for the developer outside its namespace', async () => {
    for (const kind of ['vnc', 'serial']) {
      const closed = await closedWith(`${base}${kind}/default/running`, developer);
      expect(closed.kind).toBe('forbidden');
      expect(closed.reason).toMatch(/developer/);
      expect(Buffer.byteLength(closed.reason)).toBeLessThanOrEqual(123);
    }
  });

  it('closes as no-display when the VM runs without a guest, also for the developer in its namespace', async () => {
    const closed = await closedWith(`${base}vnc/default/running`, admin);
    expect(closed.kind).toBe('no-display');
    expect(closed.reason).toMatch(/no display/);
    expect((await closedWith(`${base}serial/developer-vms/mine`, developer)).kind).toBe(
      'no-display',
    );
  });

  it('closes as unauthorized for a token the cluster does not know', async () => {
    expect((await closedWith(`${base}vnc/default/running`, 'Bearer not-a-token')).kind).toBe(
      'unauthorized',
    );
  });

  it('does not take upgrades outside its routes', () => {
    const sockets = attachConsoleSockets(createServer(), {
      prefix: PREFIX,
      connection,
      authorization: () => undefined,
      checkOrigin: () => true,
    });
    cleanups.push(() => sockets.close());
    expect(sockets.paths(`${PREFIX}vnc/default/running`)).toBe(true);
    expect(sockets.paths(`${PREFIX}serial/default/running/`)).toBe(true);
    for (const other of [
      `${PREFIX}vnc/default`,
      `${PREFIX}screenshot/default/running`,
      `${PREFIX}vnc/Default/running`,
      `${PREFIX}vnc/default/running/extra`,
      `${PREFIX}vnc/%2e%2e/running`,
      '/api/proxy/plugin/virtualization-plugin/bff/k8s-watch',
    ])
      expect(sockets.paths(other), other).toBe(false);
  });
});

/** A stand-in for virt-api's console subresource that records what the BFF sends it. */
const fakeVirtApi = async () => {
  const seen: {
    authorization?: string;
    url?: string;
    protocol: string;
    texts: string[];
    pings: number;
  }[] = [];
  const active = new Map<string, WebSocket>();
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => (offered.has('plain.kubevirt.io') ? 'plain.kubevirt.io' : false),
  });
  const upstream = await listen((_req, res) => res.writeHead(404).end());
  const connections: WebSocket[] = [];
  upstream.server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://virt-api');
    const record = {
      authorization: req.headers.authorization,
      url: req.url,
      protocol: '',
      texts: [] as string[],
      pings: 0,
    };
    seen.push(record);
    const previous = active.get(url.pathname);
    if (previous && url.searchParams.get('preserveSession') === 'true') {
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n' +
          'Content-Length: 38\r\n\r\nActive VNC connection. Request denied.',
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections.push(ws);
      record.protocol = ws.protocol;
      // One session per console: the newcomer closes the old one, as KubeVirt does.
      previous?.close(1000, 'console closed');
      active.set(url.pathname, ws);
      ws.on('close', () => active.get(url.pathname) === ws && active.delete(url.pathname));
      ws.on('ping', () => record.pings++);
      ws.on('message', (data: Buffer, isBinary) => {
        if (!isBinary) return record.texts.push(data.toString());
        if (data.toString() === 'bye') return ws.close(1000, 'guest powered off');
        if (data.toString().startsWith('flood')) return flood(ws);
        ws.send(Buffer.concat([Buffer.from('echo:'), data]));
      });
    });
  });
  /** Sends until the BFF stops reading (its queue grows) and resolves how much it sent. */
  let flooded: (sent: number) => void = () => undefined;
  const floodedBytes = new Promise<number>((resolve) => (flooded = resolve));
  const flood = async (ws: WebSocket) => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    while (sent < 256 * 1024 * 1024) {
      ws.send(chunk);
      sent += chunk.length;
      if (ws.bufferedAmount > 8 * 1024 * 1024) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    flooded(sent);
  };
  cleanups.push(async () => {
    for (const ws of connections) ws.terminate();
    wss.close();
    await upstream.close();
  });
  return { url: upstream.url, seen, floodedBytes };
};

describe('the bridge, against a stand-in for virt-api', () => {
  it("sends the caller's token (never the BFF's own), binary frames both ways, and drops text", async () => {
    const virtApi = await fakeVirtApi();
    const base = await served({ server: virtApi.url, token: 'the-bffs-own-token' });
    const client = open(`${base}serial/developer-vms/mine?preserveSession=true`, 'Bearer dev', [
      'binary.k8s.io',
    ]);
    await client.opened;
    expect(client.ws.protocol).toBe('binary.k8s.io');
    client.ws.send('typed as text');
    client.sendBinary('ls\r');
    await client.untilText(/echo:ls\r/);
    expect(virtApi.seen).toEqual([
      {
        authorization: 'Bearer dev',
        url: '/apis/subresources.kubevirt.io/v1/namespaces/developer-vms/virtualmachineinstances/mine/console?preserveSession=true',
        protocol: 'plain.kubevirt.io',
        texts: [],
        pings: 0,
      },
    ]);
  });

  it('closes with a matching code when either side closes', async () => {
    const virtApi = await fakeVirtApi();
    const base = await served({ server: virtApi.url });
    const guest = open(`${base}vnc/ns/vm`, 'Bearer a', ['plain.kubevirt.io']);
    await guest.opened;
    guest.sendBinary('bye');
    const closed = await guest.closed;
    expect(consoleCloseKind(closed.code)).toBe('upstream-closed');
    expect(closed.reason).toMatch(/guest powered off/);
  });

  it('tells a second viewer with preserveSession that the session is in use, and a taken-over viewer why it closed', async () => {
    const virtApi = await fakeVirtApi();
    const base = await served({ server: virtApi.url });
    const first = open(`${base}vnc/ns/vm`, 'Bearer a');
    await first.opened;
    first.sendBinary('hello');
    await first.untilText(/echo:hello/);
    const second = await closedWith(`${base}vnc/ns/vm?preserveSession=true`, 'Bearer b');
    expect(second).toMatchObject({
      kind: 'session-in-use',
      reason: 'Active VNC connection. Request denied.',
    });
    const third = open(`${base}vnc/ns/vm`, 'Bearer c');
    expect(consoleCloseKind((await first.closed).code)).toBe('session-taken');
    third.sendBinary('still here');
    await third.untilText(/echo:still here/);
  });

  it('stops reading the cluster while the page does not read, and loses nothing', async () => {
    const virtApi = await fakeVirtApi();
    const base = await served({ server: virtApi.url }, { highWaterBytes: 256 * 1024 });
    const client = open(`${base}serial/ns/vm`, 'Bearer a');
    await client.opened;
    client.ws.pause();
    client.sendBinary('flood');
    // Without backpressure the BFF would read all 256 MiB into memory.
    const sent = await virtApi.floodedBytes;
    expect(sent).toBeLessThan(256 * 1024 * 1024);
    client.ws.resume();
    await client.until(() => client.length >= sent);
    expect(client.length).toBe(sent);
  });

  it('pings both sides to keep idle proxies from cutting the session', async () => {
    const virtApi = await fakeVirtApi();
    const base = await served({ server: virtApi.url }, { pingIntervalMs: 20 });
    const client = open(`${base}serial/ns/vm`, 'Bearer a');
    await client.opened;
    await new Promise((resolve) => client.ws.once('ping', resolve));
    client.sendBinary('x');
    await client.untilText(/echo:x/);
    const pinged = () =>
      new Promise<void>((resolve) => {
        const check = () =>
          virtApi.seen[0]!.pings > 0 ? resolve() : client.ws.once('ping', check);
        check();
      });
    await pinged();
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('closes as unavailable when the cluster cannot be reached', async () => {
    const base = await served({ server: await deadURL() });
    const closed = await closedWith(`${base}vnc/ns/vm`, 'Bearer a');
    expect(closed.kind).toBe('unavailable');
    expect(closed.reason).toMatch(/ECONNREFUSED/);
  });
});
