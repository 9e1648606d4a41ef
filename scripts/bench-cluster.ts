// Benchmarks the embedded cluster (not a test: it prints figures, asserts nothing):
// - list latency for 10k and 100k VMs (JSON, first page of 500, label-selected, Table), against
//   a baseline measured in the same run: a bare node:http server sending the same bytes;
// - watch fan-out: one change delivered to 1,000 open watches.
// Figures go to stdout and docs/benchmarks.md. Run: npm run bench:cluster
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeBenchmarkSection } from './lib/benchmarksDoc';
import { Agent, request } from 'node:http';
import { startEmbeddedCluster } from '../src/embedded-cluster/cluster';

const agent = new Agent({ keepAlive: true, maxSockets: 2000 });

const get = (url: string, token: string, accept = 'application/json') =>
  new Promise<{ status: number; bytes: number }>((resolve, reject) => {
    const req = request(
      url,
      { agent, headers: { Authorization: `Bearer ${token}`, Accept: accept } },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      },
    );
    req.on('error', reject);
    req.end();
  });

const time = async (runs: number, action: () => Promise<unknown>) => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await action();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(runs / 2)]!, p95: samples[Math.floor(runs * 0.95)]! };
};

const vm = (i: number) => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: {
    name: `vm-${String(i).padStart(6, '0')}`,
    namespace: `bench-${i % 20}`,
    uid: `uid-${i}`,
    creationTimestamp: new Date().toISOString(),
    generation: 1,
    labels: { app: `app-${i % 100}`, 'kubevirt.io/os': i % 2 ? 'fedora' : 'rhel9' },
  },
  spec: {
    runStrategy: 'Halted',
    template: {
      spec: {
        domain: {
          cpu: { cores: 1 },
          memory: { guest: '1Gi' },
          devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] },
        },
        volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/fedora:41' } }],
      },
    },
  },
  status: { printableStatus: 'Stopped', conditions: [{ type: 'Ready', status: 'False' }] },
});

const main = async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-cluster-'));
  const cluster = await startEmbeddedCluster({ dataDir });
  const token = cluster.users.find((u) => u.username === 'admin')!.token;
  const base = cluster.httpURL;
  const lines: string[] = [];
  const say = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  say(
    `| VMs | request | embedded cluster p50 / p95 (ms) | bare server, same bytes p50 (ms) | ratio |`,
  );
  say(`| --- | --- | --- | --- | --- |`);

  let created = 0;
  for (const target of [10_000, 100_000]) {
    for (let i = created; i < target; i += 1000) {
      await Promise.all(
        Array.from({ length: Math.min(1000, target - i) }, (_, k) =>
          cluster.store.put('kubevirt.io/virtualmachines', vm(i + k)),
        ),
      );
    }
    created = target;
    const cases: [string, string, string?][] = [
      ['list all (JSON)', '/apis/kubevirt.io/v1/virtualmachines'],
      ['first page, limit=500', '/apis/kubevirt.io/v1/virtualmachines?limit=500'],
      ['label selector (1%)', '/apis/kubevirt.io/v1/virtualmachines?labelSelector=app%3Dapp-7'],
      ['one namespace (5%)', '/apis/kubevirt.io/v1/namespaces/bench-3/virtualmachines'],
      [
        'Table, limit=500 (kubectl get)',
        '/apis/kubevirt.io/v1/virtualmachines?limit=500',
        'application/json;as=Table;v=v1;g=meta.k8s.io',
      ],
    ];
    for (const [label, url, accept] of cases) {
      const runs =
        url.includes('limit') || url.includes('Selector') || url.includes('bench-3')
          ? 30
          : target > 10_000
            ? 5
            : 15;
      const measured = await time(runs, () => get(`${base}${url}`, token, accept));
      // Baseline: the same answer, pre-serialized, from a bare node:http server.
      const body = await (
        await fetch(`${base}${url}`, {
          headers: { Authorization: `Bearer ${token}`, ...(accept ? { Accept: accept } : {}) },
        })
      ).arrayBuffer();
      const bare = createServer((_req, res) => res.end(Buffer.from(body)));
      await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
      const baseline = await time(runs, () =>
        get(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/`, token),
      );
      bare.close();
      say(
        `| ${target.toLocaleString('en')} | ${label} | ${measured.p50.toFixed(1)} / ${measured.p95.toFixed(1)} | ${baseline.p50.toFixed(1)} | ${(measured.p50 / baseline.p50).toFixed(1)}× |`,
      );
    }
  }

  // Watch fan-out: 1,000 watches on one namespace, one change, time until every watcher has it.
  const watchers = 1000;
  const received: number[] = [];
  let changedAt = 0;
  const streams = await Promise.all(
    Array.from(
      { length: watchers },
      () =>
        new Promise<() => void>((resolve) => {
          const req = request(
            `${base}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${cluster.store.lastRV}`,
            { agent, headers: { Authorization: `Bearer ${token}` } },
            (res) => {
              res.on('data', () => received.push(performance.now() - changedAt));
              resolve(() => req.destroy());
            },
          );
          req.end();
        }),
    ),
  );
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    received.length = 0;
    changedAt = performance.now();
    await cluster.store.put('core/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `fanout-${round}`, namespace: 'default', uid: `f${round}` },
    });
    while (received.length < watchers) await new Promise((r) => setTimeout(r, 1));
    rounds.push(Math.max(...received));
  }
  rounds.sort((a, b) => a - b);
  say('');
  say(
    `Watch fan-out: one change reached all ${watchers} watches in ${rounds[2]!.toFixed(1)} ms (median of 5; best ${rounds[0]!.toFixed(1)}, worst ${rounds[4]!.toFixed(1)}).`,
  );
  for (const stop of streams) stop();
  agent.destroy();
  await cluster.stop();
  rmSync(dataDir, { recursive: true, force: true });

  const written = await writeBenchmarkSection(
    'Embedded cluster: list and watch',
    `Measured by \`npm run bench:cluster\` on ${new Date().toISOString().slice(0, 10)} (2 cores). The baseline is a bare node:http server sending the very same bytes, measured in the same run: the ratio is what the API server adds (selection, sorting, serialization) on top of moving the bytes.\n\n${lines.join('\n')}`,
  );
  console.log(`\nWritten to ${written}`);
};

void main();
