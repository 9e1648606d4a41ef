// Benchmarks the BFF's console bridge against one real QEMU guest of the embedded cluster (not a
// test: it prints figures, asserts nothing):
// - serial: the guest prints a few MB; bytes per second read straight from QEMU's side (the
//   runtime's console stream, i.e. its serial socket hub), from the cluster's `/console`
//   WebSocket directly, and through the BFF's `console/serial/NS/NAME` bridge;
// - VNC: whole-screen FramebufferUpdates (non-incremental, raw) requested back to back; bytes
//   per second the same three ways.
// Ratios are against QEMU's side. Run alone: npx tsx scripts/bench-console.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import type { ConsoleStream } from '../src/embedded-cluster/controllers/vmRuntime';
import {
  ConsoleClient,
  fullUpdateRequest,
  ORIGIN,
  rfbHandshake,
  serveConsoles,
  startQemuVm,
  type QemuVm,
  type RfbPeer,
} from '../src/bff/console/testSupport';
import { QemuVmRuntime } from '../src/embedded-cluster/controllers/qemuVmRuntime';
import { listen } from '../src/bff/kube/testKit';

export interface ConsoleBenchRow {
  /** `bridge ceiling`: a local WebSocket upstream sending as fast as it can (no guest). */
  stream: 'serial' | 'vnc' | 'bridge ceiling';
  /** Where the bytes were read (for the ceiling, QEMU side means the upstream read directly). */
  path:
    | 'QEMU side (runtime stream)'
    | 'cluster WebSocket (direct)'
    | 'local upstream (direct)'
    | 'through the BFF';
  bytes: number;
  seconds: number;
  mbPerSecond: number;
  /** This row's MB/s over the first row of its stream (QEMU's side, or the upstream direct). */
  ratio: number;
}

// The guest's emulated UART under TCG gives about 0.1 MB/s: 1 MB keeps each run near 10 s.
const SERIAL_BYTES = 1_000_000;
/** What the bridge itself carries when the upstream is not the bottleneck. */
const SYNTHETIC_BYTES = 256 * 1024 * 1024;
const VNC_UPDATES = 20;
type Way = Exclude<ConsoleBenchRow['path'], 'local upstream (direct)'>;

/** A console to measure: its bytes as they come, and a way to type. */
interface Pipe {
  send(data: Buffer): void;
  onData(listener: (data: Buffer) => void): void;
  close(): void;
}

const clientPipe = (client: ConsoleClient): Pipe => ({
  send: (data) => client.sendBinary(data),
  onData: (listener) => client.ws.on('message', listener),
  close: () => client.ws.close(),
});

const streamPipe = (stream: ConsoleStream): Pipe => ({
  send: (data) => stream.write(data),
  onData: (listener) => stream.onData(listener),
  close: () => stream.close(),
});

/** The RFB helpers over a pipe (ConsoleClient has the same shape over a WebSocket). */
class PipePeer implements RfbPeer {
  private chunks: Buffer[] = [];
  private size = 0;
  private waiters: { test: () => boolean; resolve: () => void }[] = [];
  constructor(private readonly pipe: Pipe) {
    pipe.onData((data) => {
      this.chunks.push(data);
      this.size += data.length;
      this.waiters = this.waiters.filter((w) => !(w.test() && (w.resolve(), true)));
    });
  }
  get length() {
    return this.size;
  }
  get bytes() {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }
  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }
  sendBinary(data: string | Buffer) {
    this.pipe.send(typeof data === 'string' ? Buffer.from(data) : data);
  }
}

/** Resolves once the output carries `text` (kept to a short tail). */
const waitForText = (pipe: Pipe, text: string, onBytes: (n: number) => void = () => undefined) =>
  new Promise<number>((resolve) => {
    let tail = '';
    let found = false;
    pipe.onData((data) => {
      if (found) return;
      onBytes(data.length);
      tail = (tail + data.toString('latin1')).slice(-256);
      if (tail.includes(text)) {
        found = true;
        resolve(performance.now());
      }
    });
  });

/**
 * Has the guest print SERIAL_BYTES and times them. Markers are computed by the shell, so only
 * its output (not the echo of the typed line, nor the scroll-back) carries them.
 */
const serialRun = async (pipe: Pipe, run: number) => {
  // The scroll-back arrives first: start counting once an answer to a fresh command is in.
  const synced = waitForText(pipe, `sync-${run + 2000}`);
  pipe.send(Buffer.from(`echo sync-$((${run}+2000))\r`));
  await synced;
  let bytes = 0;
  const done = waitForText(pipe, `done-${run + 1000}`, (n) => (bytes += n));
  const started = performance.now();
  pipe.send(
    Buffer.from(
      `head -c ${SERIAL_BYTES} /dev/zero | tr '\\0' x; echo; echo done-$((${run}+1000))\r`,
    ),
  );
  const ended = await done;
  pipe.close();
  return { bytes, seconds: (ended - started) / 1000 };
};

/** Requests VNC_UPDATES whole screens one after another and times their bytes. */
const vncRun = async (peer: RfbPeer, close: () => void) => {
  const screen = await rfbHandshake(peer);
  const request = fullUpdateRequest(screen);
  const perUpdate = screen.width * screen.height * screen.bytesPerPixel;
  const from = peer.length;
  const started = performance.now();
  for (let i = 1; i <= VNC_UPDATES; i++) {
    peer.sendBinary(request);
    await peer.until(() => peer.length - from >= i * (perUpdate + 4));
  }
  const seconds = (performance.now() - started) / 1000;
  const bytes = peer.length - from;
  close();
  return { bytes, seconds };
};

/** Reads SYNTHETIC_BYTES from a console socket, counting them without keeping them. */
const readFlood = (url: string) =>
  new Promise<{ bytes: number; seconds: number }>((resolve, reject) => {
    const ws = new WebSocket(url, ['plain.kubevirt.io'], {
      headers: { origin: ORIGIN, authorization: 'Bearer bench' },
      perMessageDeflate: false,
    });
    let bytes = 0;
    let started = 0;
    ws.on('open', () => {
      started = performance.now();
      ws.send(Buffer.from('go'));
    });
    ws.on('message', (data: Buffer) => {
      bytes += data.length;
      if (bytes < SYNTHETIC_BYTES) return;
      resolve({ bytes, seconds: (performance.now() - started) / 1000 });
      ws.close();
    });
    ws.on('error', reject);
  });

/** The bridge's own ceiling: a local upstream that sends as fast as the reader takes. */
const benchCeiling = async (): Promise<ConsoleBenchRow[]> => {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const upstream = await listen((_req, res) => res.writeHead(404).end());
  upstream.server.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) =>
      ws.once('message', () => {
        const chunk = Buffer.alloc(64 * 1024, 'x');
        let sent = 0;
        const pump = () => {
          while (sent < SYNTHETIC_BYTES && ws.bufferedAmount < 4 * 1024 * 1024) {
            sent += chunk.length;
            ws.send(chunk, sent % (1024 * 1024) === 0 ? pump : undefined);
          }
        };
        pump();
      }),
    ),
  );
  const bff = await serveConsoles({ server: upstream.url });
  try {
    const target = 'vnc/bench/ceiling';
    const direct = await readFlood(
      `${upstream.url.href.replace(/^http/, 'ws')}apis/subresources.kubevirt.io/v1/${target}`,
    );
    const bridged = await readFlood(`${bff.base}${target}`);
    const row = (path: ConsoleBenchRow['path'], m: { bytes: number; seconds: number }) => ({
      stream: 'bridge ceiling' as const,
      path,
      ...m,
      mbPerSecond: m.bytes / 1e6 / m.seconds,
      ratio: 1,
    });
    const base = row('local upstream (direct)', direct);
    const through = row('through the BFF', bridged);
    return [base, { ...through, ratio: through.mbPerSecond / base.mbPerSecond }];
  } finally {
    for (const client of wss.clients) client.terminate();
    wss.close();
    await bff.close();
    await upstream.close();
  }
};

export async function benchConsole(): Promise<{ rows: ConsoleBenchRow[]; note?: string }> {
  const ceiling = await benchCeiling();
  if (!QemuVmRuntime.available())
    return {
      rows: ceiling,
      note: 'QEMU or the guest image is missing: serial and VNC figures skipped.',
    };
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-console-'));
  let vm: QemuVm | undefined;
  let bff: Awaited<ReturnType<typeof serveConsoles>> | undefined;
  try {
    vm = await startQemuVm(dir, 'bench-console');
    const { cluster, namespace, name, admin, connection } = vm;
    bff = await serveConsoles(connection);
    const key = `${namespace}/${name}`;
    const direct = `${cluster.httpsURL.replace(/^https/, 'wss')}/apis/subresources.kubevirt.io/v1/namespaces/${namespace}/virtualmachineinstances/${name}/`;
    const via = `${bff.base}`;
    const client = async (url: string) => {
      const opened = new ConsoleClient(
        url,
        { origin: ORIGIN, authorization: admin },
        ['plain.kubevirt.io'],
        connection.ca,
      );
      await opened.opened;
      return opened;
    };
    const ways: Record<Way, (kind: 'serial' | 'vnc') => Promise<Pipe | ConsoleClient>> = {
      'QEMU side (runtime stream)': async (kind) =>
        streamPipe(cluster.runtime.openConsole(key, kind, { preserveSession: false })),
      'cluster WebSocket (direct)': (kind) =>
        client(`${direct}${kind === 'serial' ? 'console' : 'vnc'}`),
      'through the BFF': (kind) => client(`${via}${kind}/${namespace}/${name}`),
    };

    const rows: ConsoleBenchRow[] = [];
    const add = (stream: 'serial' | 'vnc', way: Way, bytes: number, seconds: number) => {
      const mbPerSecond = bytes / 1e6 / seconds;
      const base = rows.find((r) => r.stream === stream);
      rows.push({
        stream,
        path: way,
        bytes,
        seconds,
        mbPerSecond,
        ratio: base ? mbPerSecond / base.mbPerSecond : 1,
      });
    };
    let run = 0;
    for (const way of Object.keys(ways) as Way[]) {
      const opened = await ways[way]('serial');
      const pipe = opened instanceof ConsoleClient ? clientPipe(opened) : opened;
      const { bytes, seconds } = await serialRun(pipe, run++);
      add('serial', way, bytes, seconds);
    }
    for (const way of Object.keys(ways) as Way[]) {
      const opened = await ways[way]('vnc');
      const { bytes, seconds } =
        opened instanceof ConsoleClient
          ? await vncRun(opened, () => opened.ws.close())
          : await vncRun(new PipePeer(opened), () => opened.close());
      add('vnc', way, bytes, seconds);
    }
    return { rows: [...rows, ...ceiling] };
  } finally {
    await bff?.close();
    await vm?.cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export const formatConsoleRows = (rows: ConsoleBenchRow[]): string =>
  [
    '| stream | read | MB | s | MB/s | vs first row |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.stream} | ${r.path} | ${(r.bytes / 1e6).toFixed(1)} | ${r.seconds.toFixed(2)} | ` +
        `${r.mbPerSecond.toFixed(2)} | ${r.ratio.toFixed(2)} |`,
    ),
  ].join('\n');

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, note } = await benchConsole();
  if (note) console.log(note);
  console.log(formatConsoleRows(rows));
}
