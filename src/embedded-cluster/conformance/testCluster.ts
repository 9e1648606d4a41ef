import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startEmbeddedCluster, type EmbeddedCluster } from '../cluster';

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
