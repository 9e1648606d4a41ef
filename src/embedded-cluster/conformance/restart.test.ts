import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateUsers } from '../auth/users';

const root = path.resolve(__dirname, '../../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'embedded-restart-'));
let child: ChildProcess | undefined;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Starts the cluster as its own process (`npm run cluster`'s entry), as a user would. */
const start = async (port: number) => {
  const httpsPort = await freePort();
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/embedded-cluster/main.ts',
      '--data-dir',
      dataDir,
      '--http-port',
      String(port),
      '--https-port',
      String(httpsPort),
      // The journal is what is under test; no guests need to boot.
      '--runtime',
      'simulated',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!output.includes('Kubeconfig:')) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`cluster did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded cluster across kill -9 and restart', () => {
  it('keeps every acknowledged write, keeps resourceVersions increasing, and resumes watches', async () => {
    const port = await freePort();
    await start(port);
    const admin = (await loadOrCreateUsers(dataDir)).find((u) => u.username === 'admin')!;
    const api = (p: string, init: RequestInit = {}) =>
      fetch(`http://127.0.0.1:${port}${p}`, {
        ...init,
        headers: {
          Authorization: `Bearer ${admin.token}`,
          'Content-Type': 'application/json',
          ...init.headers,
        },
      });

    // Writes in flight when the process dies: only the acknowledged ones must survive.
    const acknowledged: string[] = [];
    let lastRV = 0;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; ; i++) {
        const name = `cm-${w}-${i}`;
        const response = await api('/api/v1/namespaces/default/configmaps', {
          method: 'POST',
          body: JSON.stringify({ metadata: { name }, data: { i: String(i) } }),
        }).catch(() => undefined);
        if (!response || response.status !== 201) return;
        const body = (await response.json()) as { metadata: { resourceVersion: string } };
        lastRV = Math.max(lastRV, Number(body.metadata.resourceVersion));
        acknowledged.push(name);
      }
    });
    while (acknowledged.length < 200) await new Promise((r) => setTimeout(r, 10));
    const killed = child!;
    const exited = new Promise((r) => killed.once('exit', r));
    killed.kill('SIGKILL');
    await Promise.all([exited, ...writers]);

    await start(port);
    const list = (await (await api('/api/v1/namespaces/default/configmaps')).json()) as {
      metadata: { resourceVersion: string };
      items: { metadata: { name: string } }[];
    };
    const names = new Set(list.items.map((item) => item.metadata.name));
    const missing = acknowledged.filter((name) => !names.has(name));
    expect(missing).toEqual([]);
    expect(Number(list.metadata.resourceVersion)).toBeGreaterThanOrEqual(lastRV);

    // A watch resumed from the last version seen before the crash gets what came after it.
    const created = await api('/api/v1/namespaces/default/configmaps', {
      method: 'POST',
      body: JSON.stringify({ metadata: { name: 'after-restart' } }),
    });
    expect(created.status).toBe(201);
    expect(
      Number(
        ((await created.json()) as { metadata: { resourceVersion: string } }).metadata
          .resourceVersion,
      ),
    ).toBeGreaterThan(lastRV);
    const controller = new AbortController();
    const watch = await api(
      `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${list.metadata.resourceVersion}`,
      { signal: controller.signal },
    );
    const reader = watch.body!.getReader();
    const { value } = await reader.read();
    controller.abort();
    const first = JSON.parse(new TextDecoder().decode(value).split('\n')[0]!) as {
      type: string;
      object: { metadata: { name: string } };
    };
    expect(first.type).toBe('ADDED');
    expect(first.object.metadata.name).toBe('after-restart');

    // Watch history does not outlive the process: resuming from before the crash is refused with
    // 410 Gone (an ERROR event, as kube-apiserver sends it), which makes clients re-list.
    const stale = new AbortController();
    const old = await api('/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=1', {
      signal: stale.signal,
    });
    const { value: staleChunk } = await old.body!.getReader().read();
    stale.abort();
    const error = JSON.parse(new TextDecoder().decode(staleChunk).split('\n')[0]!) as {
      type: string;
      object: { code: number; reason: string };
    };
    expect(error).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
  }, 120_000);
});
