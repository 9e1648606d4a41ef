// What the console tests and the benchmark share: a server with the console sockets attached,
// and a browser-like client that keeps what it received and waits for what a test expects.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../embedded-cluster/cluster';
import { promptFor } from '../../embedded-cluster/runtime/runtime';
import { waitForStore } from '../../embedded-cluster/store/waitFor';
import type { KubeConnection } from '../kube/connection';
import { attachConsoleSockets, type ConsoleSocketsOptions } from './consoleSockets';

export const PREFIX = '/api/proxy/plugin/virtualization-plugin/bff/console/';
export const ORIGIN = 'https://console.example';

/** A plain HTTP server with the console sockets attached; `base` is its ws:// URL + PREFIX. */
export const serveConsoles = async (
  connection: KubeConnection,
  extra: Partial<ConsoleSocketsOptions> = {},
): Promise<{ base: string; server: Server; close(): Promise<void> }> => {
  const server = createServer((_req, res) => res.writeHead(404).end());
  const sockets = attachConsoleSockets(server, {
    prefix: PREFIX,
    connection,
    authorization: (req) => req.headers.authorization,
    checkOrigin: (req) => req.headers.origin === ORIGIN,
    ...extra,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `ws://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export interface Closed {
  code: number;
  reason: string;
}

/** A console socket as a page opens it: it keeps every byte and how the socket ended. */
export class ConsoleClient {
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<Closed>;
  private chunks: Buffer[] = [];
  private size = 0;
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(
    url: string,
    headers: Record<string, string>,
    protocols: string[] = [],
    /** The CA of a wss:// URL (the cluster's, to read from it directly). */
    ca?: string,
  ) {
    this.ws = new WebSocket(url, protocols, { headers, perMessageDeflate: false, ca });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.opened.catch(() => undefined);
    this.closed = new Promise((resolve) =>
      this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
    );
    this.ws.on('message', (data: Buffer) => {
      this.chunks.push(data);
      this.size += data.length;
      this.waiters = this.waiters.filter((w) => !(w.test() && (w.resolve(), true)));
    });
  }

  /** How many bytes arrived so far. */
  get length(): number {
    return this.size;
  }

  /** Everything received so far. */
  get bytes(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  /** Resolves once `test` holds (checked after each message). */
  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  /** Resolves with everything received (as latin1 text) once it matches `pattern`. */
  async untilText(pattern: RegExp): Promise<string> {
    await this.until(() => pattern.test(this.bytes.toString('latin1')));
    return this.bytes.toString('latin1');
  }

  sendBinary(data: string | Buffer) {
    this.ws.send(typeof data === 'string' ? Buffer.from(data) : data, { binary: true });
  }
}

/** The HTTP status an upgrade is refused with (it rejects if the upgrade is accepted). */
export const httpRefusal = (url: string, headers: Record<string, string>) =>
  new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res: IncomingMessage) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.on('error', () => undefined);
    ws.on('open', () => {
      ws.terminate();
      reject(new Error('The upgrade was accepted'));
    });
  });

export interface Framebuffer {
  width: number;
  height: number;
  bytesPerPixel: number;
}

/** What the RFB helpers need of a byte stream (a ConsoleClient, or the runtime's own stream). */
export type RfbPeer = Pick<ConsoleClient, 'length' | 'bytes' | 'until' | 'sendBinary'>;

const RFB_VERSION = 'RFB 003.008\n';

/**
 * The client's half of an RFB 3.8 handshake with security type None (version, security,
 * ClientInit); resolves with the ServerInit's framebuffer and where the server's messages start.
 */
export const rfbHandshake = async (client: RfbPeer): Promise<Framebuffer & { offset: number }> => {
  const have = (n: number) => client.until(() => client.length >= n);
  await have(12);
  const version = client.bytes.subarray(0, 12).toString('latin1');
  if (version !== RFB_VERSION) throw new Error(`The server speaks ${JSON.stringify(version)}`);
  client.sendBinary(RFB_VERSION);
  await have(13);
  const count = client.bytes.readUInt8(12);
  await have(13 + count);
  if (!client.bytes.subarray(13, 13 + count).includes(1))
    throw new Error('The server does not offer security type None');
  client.sendBinary(Buffer.from([1]));
  await have(17 + count);
  if (client.bytes.readUInt32BE(13 + count) !== 0) throw new Error('Security handshake failed');
  client.sendBinary(Buffer.from([1])); // ClientInit: shared
  const init = 17 + count;
  await have(init + 24);
  const bytes = client.bytes;
  const nameLength = bytes.readUInt32BE(init + 20);
  await have(init + 24 + nameLength);
  return {
    width: bytes.readUInt16BE(init),
    height: bytes.readUInt16BE(init + 2),
    bytesPerPixel: bytes.readUInt8(init + 4) / 8,
    offset: init + 24 + nameLength,
  };
};

/** A FramebufferUpdateRequest for the whole screen (`incremental` 0: send every pixel). */
export const fullUpdateRequest = ({ width, height }: Framebuffer): Buffer => {
  const request = Buffer.alloc(10);
  request[0] = 3;
  request.writeUInt16BE(width, 6);
  request.writeUInt16BE(height, 8);
  return request;
};

export interface QemuVm {
  cluster: EmbeddedCluster;
  /** HTTPS with the cluster's CA; the admin's token as the BFF's own credential. */
  connection: KubeConnection;
  /** The admin's Authorization header value. */
  admin: string;
  namespace: string;
  name: string;
}

/**
 * An embedded cluster running one small QEMU guest (a VMI in `default`), resolved once its
 * shell prompt is on the serial console.
 */
export const startQemuVm = async (dataDir: string, name = 'console-vm'): Promise<QemuVm> => {
  const cluster = await startEmbeddedCluster({ dataDir, runtime: 'qemu', sampleVMs: false });
  const namespace = 'default';
  try {
    const token = cluster.users.find((u) => u.username === 'admin')?.token ?? '';
    const admin = `Bearer ${token}`;
    const response = await fetch(
      `${cluster.httpURL}/apis/kubevirt.io/v1/namespaces/${namespace}/virtualmachineinstances`,
      {
        method: 'POST',
        headers: { authorization: admin, 'content-type': 'application/json' },
        body: JSON.stringify({
          apiVersion: 'kubevirt.io/v1',
          kind: 'VirtualMachineInstance',
          metadata: { name, namespace },
          spec: { domain: { devices: {}, memory: { guest: '128Mi' } } },
        }),
      },
    );
    if (response.status !== 201)
      throw new Error(`Creating the VMI failed: ${response.status} ${await response.text()}`);
    await waitForStore(
      cluster.store,
      () =>
        (
          cluster.store.get('kubevirt.io/virtualmachineinstances', namespace, name)?.status as
            { phase?: string } | undefined
        )?.phase === 'Running' || undefined,
      `VMI ${name} Running`,
      60_000,
    );
    // The scroll-back comes first: the prompt is there once the guest has booted.
    const serial = cluster.runtime.openConsole(`${namespace}/${name}`, 'serial', {
      preserveSession: false,
    });
    const prompt = promptFor(name);
    let seen = '';
    await new Promise<void>((resolve) =>
      serial.onData((data) => {
        seen = (seen + data.toString('latin1')).slice(-4096);
        if (prompt.test(seen)) resolve();
      }),
    );
    serial.close();
    return {
      cluster,
      connection: { server: new URL(cluster.httpsURL), ca: cluster.caCert, token },
      admin,
      namespace,
      name,
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
};
