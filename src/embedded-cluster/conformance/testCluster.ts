import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  startEmbeddedCluster,
  type EmbeddedCluster,
  type EmbeddedClusterOptions,
} from '../cluster';
import { waitForStore } from '../store/waitFor';
import type { KubeObject } from '../types';

const run = promisify(execFile);

/** A fresh embedded cluster in a temporary data directory, for one test file. */
export const startTestCluster = async (): Promise<
  EmbeddedCluster & { dataDir: string; cleanup: () => Promise<void> }
> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'embedded-cluster-'));
  // API conformance needs no guests: VMs run their lifecycle without QEMU here.
  const cluster = await startEmbeddedCluster({ dataDir, bookmarkMs: 500, runtime: 'simulated' });
  return {
    ...cluster,
    dataDir,
    cleanup: async () => {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** The kubectl the test run settled on (scripts/kubectl.mjs sets KUBECTL), else the machine's. */
export const kubectlBinary = () => process.env.KUBECTL ?? 'kubectl';

/** Runs kubectl against the cluster as one of its users; resolves with stdout, stderr and the exit code. */
export const kubectl = async (
  cluster: EmbeddedCluster,
  args: string[],
  options: { context?: 'admin' | 'developer'; input?: string } = {},
) => {
  const child = run(
    kubectlBinary(),
    ['--kubeconfig', cluster.kubeconfigPath, '--context', options.context ?? 'admin', ...args],
    {
      timeout: 30_000,
    },
  );
  if (options.input !== undefined) {
    child.child.stdin?.end(options.input);
  }
  try {
    const { stdout, stderr } = await child;
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number };
    return {
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
      code: typeof e.code === 'number' ? e.code : 1,
    };
  }
};

export type ApiTestCluster = EmbeddedCluster & {
  dataDir: string;
  /** A request to the API as admin; the body parsed. */
  api(
    path: string,
    init?: { method?: string; json?: unknown; contentType?: string },
  ): Promise<{ status: number; body: KubeObject & Record<string, unknown> }>;
  /**
   * Resolves once the object satisfies `done` (it may be gone: `done(undefined)`), checked on
   * every change of the store; rejects after `limitMs`.
   */
  until(
    resource: string,
    namespace: string | undefined,
    name: string,
    done: (object: KubeObject | undefined) => boolean,
    limitMs?: number,
  ): Promise<KubeObject | undefined>;
  cleanup(): Promise<void>;
};

/**
 * A cluster in a temporary data directory (simulated guests and no sample VMs unless `options`
 * say otherwise), with an admin API client and a store wait.
 */
export const startApiTestCluster = async (
  prefix: string,
  options: Partial<EmbeddedClusterOptions> = {},
): Promise<ApiTestCluster> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  const cluster = await startEmbeddedCluster({
    runtime: 'simulated',
    sampleVMs: false,
    ...options,
    dataDir,
  });
  const token = cluster.users.find((u) => u.username === 'admin')?.token ?? '';
  return {
    ...cluster,
    dataDir,
    api: async (p, init = {}) => {
      const response = await fetch(`${cluster.httpURL}${p}`, {
        method: init.method ?? 'GET',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': init.contentType ?? 'application/json',
        },
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: (text ? JSON.parse(text) : {}) as KubeObject & Record<string, unknown>,
      };
    },
    until: async (resource, namespace, name, done, limitMs = 60_000) => {
      // Wrapped, so that an object that is gone (undefined) can be what is waited for.
      const found = await waitForStore(
        cluster.store,
        () => {
          const object = cluster.store.get(resource, namespace, name);
          return done(object) ? { object } : undefined;
        },
        `${resource} ${namespace ?? ''}/${name}`,
        limitMs,
      );
      return found.object;
    },
    cleanup: async () => {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
