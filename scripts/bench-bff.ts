// What the BFF costs: the same GET, LIST and WATCH asked of the embedded cluster directly and
// through the BFF (cluster mode: the caller's bearer token, passthrough and the k8s-watch
// socket), then console streams through the BFF vs straight from QEMU (scripts/bench-console.ts).
// The baseline of every row is measured in the same run, interleaved. Prints the tables and
// writes them to docs/benchmarks.md. Run: npm run bench:bff
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { BFF_PATH } from '../src/common/paths';
import { startEmbeddedCluster } from '../src/embedded-cluster/cluster';
import { createServer } from '../src/bff/server';
import { benchConsole, formatConsoleRows } from './bench-console';
import { writeBenchmarkSection } from './lib/benchmarksDoc';

const LIST_SIZE = 5_000;
const GET_ROUNDS = 400;
const LIST_ROUNDS = 12;
const WATCH_EVENTS = 2_000;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
};

interface Target {
  name: 'direct' | 'through the BFF';
  /** GET `apiPath` and read the whole answer; resolves with its size in bytes. */
  get(apiPath: string): Promise<number>;
}

const main = async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-bff-'));
  const cluster = await startEmbeddedCluster({ dataDir, runtime: 'simulated', sampleVMs: false });
  const token = cluster.users.find((user) => user.username === 'admin')?.token ?? '';
  const authorization = `Bearer ${token}`;
  const app = await createServer(
    { host: '127.0.0.1', port: 0, pluginDir: dataDir, logLevel: 'silent', inCluster: false },
    false,
    { connection: { server: new URL(cluster.httpsURL), ca: cluster.caCert, token } },
  );
  const bffBase = await app.listen({ host: '127.0.0.1', port: 0 });
  const httpsAgent = new HttpsAgent({ keepAlive: true, ca: cluster.caCert, maxSockets: 8 });
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 8 });

  const fetchAll = (url: URL, secure: boolean) =>
    new Promise<number>((resolve, reject) => {
      const send = secure ? httpsRequest : httpRequest;
      const req = send(url, {
        agent: secure ? httpsAgent : httpAgent,
        headers: { authorization, accept: 'application/json' },
      });
      req.on('response', (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () =>
          response.statusCode === 200
            ? resolve(bytes)
            : reject(new Error(`${url} answered ${response.statusCode}`)),
        );
      });
      req.on('error', reject);
      req.end();
    });
  const targets: Target[] = [
    { name: 'direct', get: (p) => fetchAll(new URL(p, cluster.httpsURL), true) },
    {
      name: 'through the BFF',
      get: (p) => fetchAll(new URL(`${BFF_PATH}k8s${p}`, bffBase), false),
    },
  ];

  // The data: LIST_SIZE ConfigMaps of ~1 KiB in one namespace.
  const namespace = 'bench';
  await cluster.store.put('core/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace, uid: 'bench-ns' },
  });
  for (let i = 0; i < LIST_SIZE; i++)
    await cluster.store.put('core/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `cm-${i}`, namespace, uid: `cm-${i}`, labels: { app: 'bench' } },
      data: { payload: 'x'.repeat(1000) },
    });
  const one = `/api/v1/namespaces/${namespace}/configmaps/cm-1`;
  const all = `/api/v1/namespaces/${namespace}/configmaps`;
  for (const target of targets) await target.get(all); // warm both paths

  const lines: string[] = [];
  const say = (line = '') => {
    lines.push(line);
    console.log(line);
  };

  // GET and LIST, interleaved so that both paths see the same machine.
  const getTimes: Record<string, number[]> = { direct: [], 'through the BFF': [] };
  const listTimes: Record<string, number[]> = { direct: [], 'through the BFF': [] };
  let listBytes = 0;
  for (let round = 0; round < GET_ROUNDS; round++)
    for (const target of targets) {
      const start = performance.now();
      await target.get(one);
      getTimes[target.name]?.push(performance.now() - start);
    }
  for (let round = 0; round < LIST_ROUNDS; round++)
    for (const target of targets) {
      const start = performance.now();
      listBytes = await target.get(all);
      listTimes[target.name]?.push(performance.now() - start);
    }

  // WATCH: time from the first change to the last of WATCH_EVENTS arriving, chunked HTTP
  // straight from the cluster vs the BFF's k8s-watch socket.
  const watchDirect = async () => {
    const url = new URL(
      `${all}?watch=1&resourceVersion=${String(cluster.store.lastRV)}`,
      cluster.httpsURL,
    );
    return measureWatch(async (onEvent) => {
      const req = httpsRequest(url, { agent: httpsAgent, headers: { authorization } });
      await new Promise<void>((resolve, reject) => {
        req.on('response', (response) => {
          let pending = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            pending += chunk;
            let newline: number;
            while ((newline = pending.indexOf('\n')) !== -1) {
              pending = pending.slice(newline + 1);
              onEvent();
            }
          });
          resolve();
        });
        req.on('error', reject);
        req.end();
      });
      return () => req.destroy();
    });
  };
  const watchBff = async () =>
    measureWatch(async (onEvent) => {
      const ws = new WebSocket(`${bffBase.replace('http', 'ws')}${BFF_PATH}k8s-watch`, {
        headers: { authorization, origin: bffBase },
      });
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      ws.on('message', () => onEvent());
      ws.send(
        JSON.stringify({
          id: 'bench',
          action: 'watch',
          path: all,
          resourceVersion: String(cluster.store.lastRV),
        }),
      );
      // The watch is running once the BFF has its answer: give it one change to prove it.
      return () => ws.close();
    });
  /** Starts a watch, makes WATCH_EVENTS changes, resolves with ms until the last arrived. */
  const measureWatch = async (
    open: (onEvent: () => void) => Promise<() => void>,
  ): Promise<number> => {
    let seen = 0;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    let ready: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (ready = resolve));
    const close = await open(() => {
      seen += 1;
      if (seen === 1) ready();
      if (seen === WATCH_EVENTS + 1) done();
    });
    await cluster.store.put('core/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'probe', namespace, uid: `probe-${Math.random()}` },
      data: {},
    });
    await started;
    const start = performance.now();
    for (let i = 0; i < WATCH_EVENTS; i++) {
      const stored = cluster.store.get('core/configmaps', namespace, `cm-${i}`);
      if (stored)
        await cluster.store.put('core/configmaps', { ...stored, data: { payload: `y${i}` } });
    }
    await finished;
    const ms = performance.now() - start;
    close();
    return ms;
  };
  const watchTimes: Record<string, number[]> = { direct: [], 'through the BFF': [] };
  for (let round = 0; round < 3; round++) {
    watchTimes.direct?.push(await watchDirect());
    watchTimes['through the BFF']?.push(await watchBff());
  }

  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const direct = (table: Record<string, number[]>) => table.direct ?? [];
  const bff = (table: Record<string, number[]>) => table['through the BFF'] ?? [];
  say('| request | direct | through the BFF | BFF / direct |');
  say('| --- | ---: | ---: | ---: |');
  say(
    `| GET one ConfigMap, median (p95) | ${median(direct(getTimes)).toFixed(2)} ms (${percentile(direct(getTimes), 95).toFixed(2)}) | ${median(bff(getTimes)).toFixed(2)} ms (${percentile(bff(getTimes), 95).toFixed(2)}) | ${ratio(median(bff(getTimes)), median(direct(getTimes)))} |`,
  );
  const mbps = (ms: number) => ((listBytes / 1e6 / ms) * 1000).toFixed(0);
  say(
    `| LIST ${LIST_SIZE.toLocaleString('en')} ConfigMaps (${(listBytes / 1e6).toFixed(1)} MB), median | ${median(direct(listTimes)).toFixed(0)} ms (${mbps(median(direct(listTimes)))} MB/s) | ${median(bff(listTimes)).toFixed(0)} ms (${mbps(median(bff(listTimes)))} MB/s) | ${ratio(median(bff(listTimes)), median(direct(listTimes)))} |`,
  );
  const eventsPerSecond = (ms: number) =>
    Math.round((WATCH_EVENTS / ms) * 1000).toLocaleString('en');
  say(
    `| WATCH ${WATCH_EVENTS.toLocaleString('en')} changes until the last event, median of 3 | ${median(direct(watchTimes)).toFixed(0)} ms (${eventsPerSecond(median(direct(watchTimes)))} events/s, chunked HTTP) | ${median(bff(watchTimes)).toFixed(0)} ms (${eventsPerSecond(median(bff(watchTimes)))} events/s, k8s-watch socket) | ${ratio(median(bff(watchTimes)), median(direct(watchTimes)))} |`,
  );

  await app.close();
  httpsAgent.destroy();
  httpAgent.destroy();
  await cluster.stop();
  rmSync(dataDir, { recursive: true, force: true });

  say();
  console.log('Console streams (boots a QEMU VM)…');
  const consoles = await benchConsole();
  const consoleTable = formatConsoleRows(consoles.rows);
  console.log(consoleTable);

  const written = await writeBenchmarkSection(
    'BFF: proxy and console streams',
    `Measured by \`npm run bench:bff\` on ${new Date().toISOString().slice(0, 10)} (2 cores). The embedded cluster (HTTPS, simulated guests) answers the same requests asked directly and through the BFF in cluster mode (the caller's bearer token forwarded, answers streamed), interleaved in one run; keep-alive connections on both paths. The watch rows time ${WATCH_EVENTS.toLocaleString('en')} updates from the first write to the last event read.

${lines.join('\n')}

Console streams: bytes read from QEMU's side of the console (the runtime's stream), from the cluster's KubeVirt subresource WebSocket, and through the BFF's bridge; the "bridge ceiling" rows replace the guest by a local WebSocket sending as fast as it can, so that the bridge's own cost shows.${consoles.note ? ` ${consoles.note}` : ''}

${consoleTable}`,
  );
  console.log(`\nWritten to ${written}`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
