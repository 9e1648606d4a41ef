import type net from 'node:net';
import { join } from 'node:path';
import { connectUnixSocket, QmpClient, QmpError, type QmpEvent } from './qmp';
import { type FakeServer, listenUnix, tempDir } from './testSupport';

const GREETING = {
  QMP: {
    version: { qemu: { major: 7, minor: 2, micro: 22 }, package: 'test' },
    capabilities: ['oob'],
  },
};

/** A fake QEMU monitor: greets, requires qmp_capabilities first, answers through `handle`. */
const fakeQmp = (
  socket: net.Socket,
  handle: (command: string, args: unknown) => unknown = () => ({}),
): { received: Record<string, unknown>[] } => {
  const received: Record<string, unknown>[] = [];
  let negotiated = false;
  let buffer = '';
  socket.write(`${JSON.stringify(GREETING)}\r\n`);
  socket.on('data', (chunk) => {
    buffer += chunk.toString();
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const message = JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>;
      buffer = buffer.slice(newline + 1);
      received.push(message);
      const command = String(message.execute);
      const reply: Record<string, unknown> = { id: message.id };
      if (!negotiated && command !== 'qmp_capabilities') {
        reply.error = { class: 'CommandNotFound', desc: 'Expecting capabilities negotiation' };
      } else if (command === 'qmp_capabilities') {
        negotiated = true;
        reply.return = {};
      } else {
        try {
          reply.return = handle(command, message.arguments);
        } catch (error) {
          reply.error = { class: 'GenericError', desc: (error as Error).message };
        }
      }
      socket.write(`${JSON.stringify(reply)}\r\n`);
    }
  });
  return { received };
};

describe('QmpClient', () => {
  let dir: ReturnType<typeof tempDir>;
  let server: FakeServer | undefined;
  let client: QmpClient | undefined;

  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    client?.close();
    client = undefined;
    await server?.close();
    server = undefined;
    dir.remove();
  });

  it('negotiates capabilities first and resolves commands with their return', async () => {
    const path = join(dir.path, 'qmp.sock');
    server = await listenUnix(path);
    let monitor: { received: Record<string, unknown>[] } | undefined;
    void server.nextConnection().then((socket) => {
      monitor = fakeQmp(socket, (command) =>
        command === 'query-status' ? { status: 'running', running: true } : {},
      );
    });
    client = await QmpClient.connect(path);
    expect(client.greeting?.version.qemu.major).toBe(7);
    await expect(client.execute('query-status')).resolves.toEqual({
      status: 'running',
      running: true,
    });
    expect(monitor!.received.map((message) => message.execute)).toEqual([
      'qmp_capabilities',
      'query-status',
    ]);
  });

  it('passes arguments and rejects with the QMP error description', async () => {
    const path = join(dir.path, 'qmp.sock');
    server = await listenUnix(path);
    void server.nextConnection().then((socket) =>
      fakeQmp(socket, (command, args) => {
        if (command === 'device_del')
          throw new Error(`Device '${(args as { id: string }).id}' not found`);
        return {};
      }),
    );
    client = await QmpClient.connect(path);
    const failure = client.execute('device_del', { id: 'nope' });
    await expect(failure).rejects.toThrow("Device 'nope' not found");
    await expect(failure).rejects.toBeInstanceOf(QmpError);
    await expect(failure).rejects.toMatchObject({
      errorClass: 'GenericError',
      command: 'device_del',
    });
  });

  it('matches replies to commands sent concurrently', async () => {
    const path = join(dir.path, 'qmp.sock');
    server = await listenUnix(path);
    void server.nextConnection().then((socket) => fakeQmp(socket, (command) => ({ command })));
    client = await QmpClient.connect(path);
    const results = await Promise.all(
      ['a', 'b', 'c'].map((command) => client!.execute<{ command: string }>(command)),
    );
    expect(results.map((result) => result.command)).toEqual(['a', 'b', 'c']);
  });

  it('emits events with their data and timestamp', async () => {
    const path = join(dir.path, 'qmp.sock');
    server = await listenUnix(path);
    const connection = server.nextConnection();
    void connection.then((socket) => fakeQmp(socket));
    client = await QmpClient.connect(path);
    const events: QmpEvent[] = [];
    client.on('event', (event) => events.push(event));
    const socket = await connection;
    const timestamp = { seconds: 1, microseconds: 2 };
    socket.write(`${JSON.stringify({ event: 'STOP', timestamp })}\r\n`);
    socket.write(
      `${JSON.stringify({ event: 'SHUTDOWN', data: { guest: true, reason: 'guest-shutdown' }, timestamp })}\r\n`,
    );
    const shutdown = await client.waitForEvent('SHUTDOWN', 1_000);
    expect(shutdown.data.reason).toBe('guest-shutdown');
    expect(events).toEqual([
      { event: 'STOP', data: {}, timestamp },
      { event: 'SHUTDOWN', data: { guest: true, reason: 'guest-shutdown' }, timestamp },
    ]);
  });

  it('retries until the socket exists', async () => {
    const path = join(dir.path, 'late.sock');
    const connecting = QmpClient.connect(path, { timeoutMs: 3_000, retryMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    server = await listenUnix(path);
    void server.nextConnection().then((socket) => fakeQmp(socket));
    client = await connecting;
    await expect(client.execute('query-status')).resolves.toEqual({});
  });

  it('gives up after the bound when the socket never appears', async () => {
    const started = Date.now();
    await expect(
      connectUnixSocket(join(dir.path, 'never.sock'), { timeoutMs: 200, retryMs: 20 }),
    ).rejects.toThrow(/Cannot connect/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('stops retrying when aborted', async () => {
    const abort = new AbortController();
    const connecting = connectUnixSocket(join(dir.path, 'never.sock'), {
      timeoutMs: 10_000,
      retryMs: 20,
      signal: abort.signal,
    });
    setTimeout(() => abort.abort(), 50);
    await expect(connecting).rejects.toThrow(/aborted/);
  });

  it('rejects pending commands and emits close when the connection ends', async () => {
    const path = join(dir.path, 'qmp.sock');
    server = await listenUnix(path);
    const connection = server.nextConnection();
    void connection.then((socket) => fakeQmp(socket));
    client = await QmpClient.connect(path);
    const closed = new Promise<void>((resolve) => client!.once('close', resolve));
    const socket = await connection;
    socket.removeAllListeners('data'); // the monitor stops answering
    const pending = client.execute('quit');
    socket.destroy();
    await expect(pending).rejects.toThrow(/closed/);
    await closed;
    expect(client.closed).toBe(true);
    await expect(client.execute('query-status')).rejects.toThrow(/closed/);
  });
});
