import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from './cluster/testSupport';
import { isConfigurationError, startServer } from './serve';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bff-serve-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The error `startServer` rejects with, which main.ts prints as one line. */
const failure = async (argv: string[], env: NodeJS.ProcessEnv, serviceAccountDir?: string) => {
  const error = await startServer(['--port', '0', ...argv], env, {
    rootDir: dir,
    serviceAccountDir,
  }).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(isConfigurationError(error)).toBe(true);
  return (error as Error).message;
};

describe('startServer refuses what cannot work, saying why', () => {
  it('is not in a pod', async () => {
    expect(await failure(['--in-cluster', '--no-shell'], { KUBECONFIG: '/elsewhere' })).toBe(
      '--in-cluster: KUBERNETES_SERVICE_HOST is not set, so this is not running in a pod.',
    );
  });

  it('has no service account mounted', async () => {
    const absent = path.join(dir, 'no-serviceaccount');
    expect(
      await failure(
        ['--in-cluster', '--no-shell'],
        { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' },
        absent,
      ),
    ).toBe(`Cannot read the service account token ${absent}/token: ENOENT.`);
  });

  it('has a serving key that is not the certificate’s', async () => {
    const a = selfSignedCertificate(dir, 'a');
    const b = selfSignedCertificate(dir, 'b');
    const message = await failure(
      ['--no-shell', '--tls-cert-file', a.certFile, '--tls-key-file', b.keyFile],
      {},
    );
    expect(message).toContain(`The TLS certificate ${a.certFile} and key ${b.keyFile}`);
  });
});
