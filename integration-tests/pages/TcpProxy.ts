import { createServer, connect, type Socket } from 'node:net';

/**
 * A TCP relay in front of a server, for tests that cut the browser's connections the way a
 * failing network or proxy would: `cut()` resets every open connection at once (the page sees
 * WebSockets close with 1006), and new connections are relayed again right away.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((client) => {
    const upstream = connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });

  private constructor(private readonly target: { host: string; port: number }) {}

  /** Starts relaying 127.0.0.1:<free port> to `targetURL`'s host and port. */
  static async start(targetURL: string): Promise<TcpProxy> {
    const url = new URL(targetURL);
    const proxy = new TcpProxy({ host: url.hostname, port: Number(url.port) });
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** The relay's base URL (same scheme as the target). */
  get url(): string {
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('the proxy is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Resets every connection open through the relay. */
  cut(): number {
    const count = this.sockets.size;
    for (const socket of this.sockets) socket.resetAndDestroy();
    return count;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
